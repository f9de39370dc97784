import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { ROLES } from '../../../src/domain/roles.ts';
import { api } from '../api/client.ts';
import { useChange } from '../api/mutations.ts';
import { ErrorNotice, Loading } from '../components/feedback.tsx';
import { ELECTRONIC_ADDRESS_FIELDS, ElectronicAddressFields, electronicAddressForm, electronicAddressInput } from '../components/electronic-address-fields.tsx';
import { placeError } from '../components/field.tsx';
import { PageHead } from '../components/layout.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { LOCALE_NAMES, LOCALES } from '../i18n/locales.ts';
import { useSession } from '../session.tsx';
import { BankAccounts } from './settings/bank-accounts.tsx';
import { LateFees } from './settings/late-fees.tsx';
import { MessageTemplates } from './settings/message-templates.tsx';

interface Settings {
  name: string;
  legalName: string | null;
  taxId: string | null;
  electronicAddress: { scheme: string; value: string } | null;
  baseCurrency: string;
  locale: string;
  timeZone: string;
  defaultPaymentTerms: string;
  numberSeries: { series: string; prefix: string; padding: number; nextNumber: number }[];
}

interface User {
  id: string;
  email: string;
  name: string;
  role: string;
  status: string;
}

interface ApiKey {
  id: string;
  name: string;
  role: string;
  hint: string;
  createdAt: string;
  revokedAt: string | null;
}

function Organization() {
  const { t } = useI18n();
  const session = useSession();
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => api.get<Settings>('/settings') });
  const [form, setForm] = useState({ name: '', legalName: '', taxId: '', timeZone: '', locale: 'en', defaultPaymentTerms: '' });
  const [address, setAddress] = useState(electronicAddressForm(null));
  useEffect(() => {
    const s = settings.data;
    if (!s) return;
    setForm({ name: s.name, legalName: s.legalName ?? '', taxId: s.taxId ?? '', timeZone: s.timeZone, locale: s.locale, defaultPaymentTerms: s.defaultPaymentTerms });
    setAddress(electronicAddressForm(s.electronicAddress));
  }, [settings.data]);
  const save = useChange(() =>
    api.patch('/settings', {
      name: form.name,
      legalName: form.legalName || null,
      taxId: form.taxId || null,
      timeZone: form.timeZone,
      locale: form.locale,
      defaultPaymentTerms: form.defaultPaymentTerms,
      electronicAddress: electronicAddressInput(address),
    }),
  );
  const errors = placeError(save.error, ELECTRONIC_ADDRESS_FIELDS);
  if (settings.isPending) return <Loading />;
  if (settings.error) return <ErrorNotice error={settings.error} />;
  const editable = session.can('settings:write');
  const field = (key: keyof typeof form, label: MessageKey) => (
    <label className="field">
      <span>{t(label)}</span>
      <input className="input" value={form[key]} disabled={!editable} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
    </label>
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(undefined);
  };
  return (
    <form className="card" onSubmit={submit}>
      <div className="card-head"><h2>{t('settings.organization')}</h2></div>
      <div className="card-body stack">
        <div className="form-grid">
          {field('name', 'settings.name')}
          {field('legalName', 'settings.legalName')}
          {field('taxId', 'settings.taxId')}
          {field('timeZone', 'settings.timeZone')}
          {field('defaultPaymentTerms', 'settings.terms')}
          <label className="field">
            <span>{t('settings.locale')}</span>
            <select className="input" value={form.locale} disabled={!editable} onChange={(e) => setForm({ ...form, locale: e.target.value })}>
              {LOCALES.map((l) => <option key={l} value={l}>{LOCALE_NAMES[l]}</option>)}
            </select>
          </label>
          <label className="field">
            <span>{t('settings.baseCurrency')}</span>
            <input className="input" value={settings.data.baseCurrency} disabled />
          </label>
        </div>
        <h3>{t('settings.electronicAddress')}</h3>
        <p className="subtle">{t('settings.electronicAddressHelp')}</p>
        <ElectronicAddressFields form={address} onChange={setAddress} editable={editable} errorAt={errors.at} />
        {errors.notice}
        {save.isSuccess && <div className="notice success">{t('settings.saved')}</div>}
        {editable && <div><button className="btn primary" type="submit" disabled={save.isPending}>{t('common.save')}</button></div>}
        <h3>{t('settings.numbering')}</h3>
        <table className="table">
          <thead>
            <tr>
              <th>{t('settings.series')}</th>
              <th>{t('settings.prefix')}</th>
              <th className="num">{t('settings.padding')}</th>
              <th className="num">{t('settings.nextNumber')}</th>
              <th>{t('settings.example')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {settings.data.numberSeries.map((s) => <SeriesRow key={s.series} series={s} editable={editable} />)}
          </tbody>
        </table>
      </div>
    </form>
  );
}

type Series = Settings['numberSeries'][number];

/** One numbering series; numbers already used are never given again, whatever is typed here. */
function SeriesRow({ series, editable }: { series: Series; editable: boolean }) {
  const { t } = useI18n();
  const [form, setForm] = useState(series);
  const save = useChange(() => api.put(`/settings/number-series/${series.series}`, { prefix: form.prefix, padding: form.padding, nextNumber: form.nextNumber }));
  const changed = form.prefix !== series.prefix || form.padding !== series.padding || form.nextNumber !== series.nextNumber;
  return (
    <tr>
      <td>{series.series}</td>
      <td><input className="input" aria-label={`${t('settings.prefix')} ${series.series}`} value={form.prefix} disabled={!editable} maxLength={20} onChange={(e) => setForm({ ...form, prefix: e.target.value })} style={{ width: 110 }} /></td>
      <td className="num"><input className="input num" type="number" min={0} max={12} aria-label={`${t('settings.padding')} ${series.series}`} value={form.padding} disabled={!editable} onChange={(e) => setForm({ ...form, padding: Number(e.target.value) })} style={{ width: 70 }} /></td>
      <td className="num"><input className="input num" type="number" min={1} aria-label={`${t('settings.nextNumber')} ${series.series}`} value={form.nextNumber} disabled={!editable} onChange={(e) => setForm({ ...form, nextNumber: Number(e.target.value) })} style={{ width: 110 }} /></td>
      <td className="muted">{form.prefix}{String(form.nextNumber).padStart(form.padding, '0')}</td>
      <td className="num">
        {editable && changed && <button type="button" className="btn small primary" disabled={save.isPending} onClick={() => save.mutate(undefined)}>{t('common.save')}</button>}
        {save.error && <ErrorNotice error={save.error} />}
      </td>
    </tr>
  );
}

function Users() {
  const { t } = useI18n();
  const users = useQuery({ queryKey: ['users'], queryFn: () => api.get<{ data: User[] }>('/users') });
  const [invite, setInvite] = useState({ email: '', name: '', role: 'collector' });
  const send = useChange(() => api.post('/users', { email: invite.email.trim(), role: invite.role, ...(invite.name.trim() ? { name: invite.name.trim() } : {}) }), () => setInvite({ email: '', name: '', role: 'collector' }));
  const changeRole = useChange(({ id, role }: { id: string; role: string }) => api.patch(`/users/${id}`, { role }));
  const deactivate = useChange((id: string) => api.post(`/users/${id}/deactivate`));
  if (users.isPending) return <Loading />;
  if (users.error) return <ErrorNotice error={users.error} />;
  return (
    <section className="card">
      <div className="card-head"><h2>{t('settings.users')}</h2></div>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>{t('settings.name')}</th>
              <th>{t('settings.email')}</th>
              <th>{t('settings.role')}</th>
              <th>{t('common.status')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {users.data.data.map((u) => (
              <tr key={u.id}>
                <td className="primary">{u.name}</td>
                <td>{u.email}</td>
                <td>
                  <select className="input" aria-label={`${t('settings.role')} ${u.name}`} value={u.role} disabled={u.status === 'deactivated'} onChange={(e) => changeRole.mutate({ id: u.id, role: e.target.value })} style={{ width: 'auto' }}>
                    {ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
                  </select>
                </td>
                <td><span className={`badge ${u.status === 'active' ? 'green' : u.status === 'invited' ? 'blue' : ''}`}>{t(`userStatus.${u.status}` as MessageKey)}</span></td>
                <td className="num">{u.status !== 'deactivated' && <button type="button" className="btn small danger" onClick={() => deactivate.mutate(u.id)}>{t('settings.deactivate')}</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form
        className="card-body form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          send.mutate(undefined);
        }}
      >
        <label className="field">
          <span>{t('settings.email')}</span>
          <input className="input" type="email" required value={invite.email} onChange={(e) => setInvite({ ...invite, email: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('settings.name')}</span>
          <input className="input" value={invite.name} onChange={(e) => setInvite({ ...invite, name: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('settings.role')}</span>
          <select className="input" value={invite.role} onChange={(e) => setInvite({ ...invite, role: e.target.value })}>
            {ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
          </select>
        </label>
        <div className="field" style={{ justifyContent: 'flex-end' }}>
          <button className="btn primary" type="submit" disabled={send.isPending}>{t('settings.invite')}</button>
        </div>
        <p className="subtle">{t('settings.inviteHelp')}</p>
        {[send.error, changeRole.error, deactivate.error].filter(Boolean).map((e, i) => <ErrorNotice key={i} error={e} />)}
      </form>
    </section>
  );
}

function ApiKeys() {
  const i18n = useI18n();
  const { t } = i18n;
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: () => api.get<{ data: ApiKey[] }>('/api-keys') });
  const [form, setForm] = useState({ name: '', role: 'viewer' });
  const [shown, setShown] = useState<string | null>(null);
  const create = useChange(() => api.post<ApiKey & { key: string }>('/api-keys', form), (k) => {
    setShown(k.key);
    setForm({ name: '', role: 'viewer' });
  });
  const revoke = useChange((id: string) => api.delete(`/api-keys/${id}`));
  if (keys.isPending) return <Loading />;
  if (keys.error) return <ErrorNotice error={keys.error} />;
  return (
    <section className="card">
      <div className="card-head"><h2>{t('settings.apiKeys')}</h2></div>
      <div className="table-wrap">
        <table className="table">
          <tbody>
            {keys.data.data.map((k) => (
              <tr key={k.id}>
                <td className="primary">{k.name}</td>
                <td><code>{k.hint}</code></td>
                <td>{t(`role.${k.role}` as MessageKey)}</td>
                <td className="subtle">{i18n.instant(k.createdAt)}</td>
                <td className="num">{k.revokedAt ? <span className="badge">{t('settings.revoked')}</span> : <button type="button" className="btn small danger" onClick={() => revoke.mutate(k.id)}>{t('settings.revoke')}</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form
        className="card-body form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(undefined);
        }}
      >
        <label className="field">
          <span>{t('settings.name')}</span>
          <input className="input" required maxLength={100} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('settings.role')}</span>
          <select className="input" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value })}>
            {ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
          </select>
        </label>
        <div className="field" style={{ justifyContent: 'flex-end' }}>
          <button className="btn primary" type="submit" disabled={create.isPending}>{t('settings.createKey')}</button>
        </div>
        {shown && (
          <div className="notice success" style={{ gridColumn: '1 / -1' }}>
            {t('settings.keyShownOnce')} <code style={{ userSelect: 'all', wordBreak: 'break-all' }}>{shown}</code>
          </div>
        )}
        {[create.error, revoke.error].filter(Boolean).map((e, i) => <ErrorNotice key={i} error={e} />)}
      </form>
    </section>
  );
}

export function SettingsPage() {
  const { t } = useI18n();
  const session = useSession();
  return (
    <>
      <PageHead title={t('settings.title')} />
      <div className="stack">
        {session.can('settings:read') && (
          <>
            <Organization />
            <BankAccounts />
            <LateFees />
            <MessageTemplates />
          </>
        )}
        {session.can('users:manage') && <Users />}
        {session.can('users:manage') && <ApiKeys />}
      </div>
    </>
  );
}
