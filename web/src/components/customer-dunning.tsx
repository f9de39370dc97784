import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type DunningSetting, resolvePolicy } from '../../../src/domain/dunning/resolve-policy.ts';
import { DEFAULT_RISK_LEVEL } from '../../../src/domain/metrics/effective-risk.ts';
import { api } from '../api/client.ts';
import { useChange } from '../api/mutations.ts';
import type { CustomerOverview } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session.tsx';
import { ErrorNotice, Loading } from './feedback.tsx';
import { Field, placeError } from './field.tsx';

const RISK_LEVELS = ['low', 'medium', 'high'] as const;

interface Settings {
  policyId: string | null;
  excluded: boolean;
  collectorId: string | null;
  riskLevel: (typeof RISK_LEVELS)[number] | null;
}

interface Policy {
  id: string;
  name: string;
  isDefault: boolean;
}

interface User {
  id: string;
  name: string;
  status: string;
}

/** What one level of the cascade says, as the dunning tick reads a stored override: exclusion first, no policy inherits. */
const levelSetting = (s: { policyId: string | null; excluded: boolean }): DunningSetting | null => (s.excluded ? { excluded: true } : s.policyId ? { policyId: s.policyId } : null);

function Form({ customer, saved, policies, organization }: { customer: CustomerOverview; saved: Settings; policies: Policy[]; organization: DunningSetting }) {
  const { t } = useI18n();
  const session = useSession();
  const editable = session.can('collections:write');
  const users = useQuery({ queryKey: ['users'], queryFn: () => api.get<{ data: User[] }>('/users'), enabled: session.can('users:manage') });
  const [form, setForm] = useState(saved);
  const changes = Object.fromEntries((Object.keys(form) as (keyof Settings)[]).filter((k) => form[k] !== saved[k]).map((k) => [k, form[k]]));
  const save = useChange(() => api.patch<Settings>(`/customers/${customer.id}/dunning`, changes));
  const errors = placeError(save.error, ['policyId', 'excluded', 'collectorId', 'riskLevel']);
  const update = (change: Partial<Settings>) => {
    setForm({ ...form, ...change });
    save.reset();
  };
  const nameOf = (id: string) => policies.find((p) => p.id === id)?.name ?? id;
  const effective = resolvePolicy({ organization, customer: levelSetting(saved) });
  // Whoever may not list the team can still take the customer on or hand it to the team queue.
  const me = session.user;
  const collectors = users.data
    ? users.data.data.filter((u) => u.status !== 'deactivated' || u.id === saved.collectorId)
    : [...(saved.collectorId && saved.collectorId !== me?.id ? [{ id: saved.collectorId, name: customer.work.collectorName ?? t('customerDunning.someone') }] : []), ...(me ? [{ id: me.id, name: me.name }] : [])];
  return (
    <div className="card-body stack" style={{ gap: 12 }}>
      <div>
        <div className="primary">
          {effective.kind === 'policy' ? t('customerDunning.effectivePolicy', { name: nameOf(effective.policyId), by: t(`dunningLevel.${effective.decidedBy}`) }) : t('customerDunning.effectiveOff', { by: t(`dunningLevel.${effective.decidedBy}`) })}
        </div>
        <div className="subtle">{t('customerDunning.invoiceFirst')}</div>
      </div>
      <Field label={t('policy.choose')} error={errors.at('policyId')}>
        {(p) => (
          <select {...p} className="input" value={form.policyId ?? ''} disabled={!editable} onChange={(e) => update({ policyId: e.target.value || null })}>
            <option value="">{'policyId' in organization ? t('customerDunning.inherit', { name: nameOf(organization.policyId) }) : t('customerDunning.inheritOff')}</option>
            {policies.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        )}
      </Field>
      <label className="check">
        <input type="checkbox" checked={form.excluded} disabled={!editable} onChange={(e) => update({ excluded: e.target.checked })} />
        {t('customerDunning.exclude')}
      </label>
      {errors.at('excluded') && <span className="field-error">{errors.at('excluded')}</span>}
      <Field label={t('customers.collector')} error={errors.at('collectorId')}>
        {(p) => (
          <select {...p} className="input" value={form.collectorId ?? ''} disabled={!editable} onChange={(e) => update({ collectorId: e.target.value || null })}>
            <option value="">{t('worklist.team')}</option>
            {collectors.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
          </select>
        )}
      </Field>
      <Field label={t('customers.filterRisk')} error={errors.at('riskLevel')}>
        {(p) => (
          <select {...p} className="input" value={form.riskLevel ?? ''} disabled={!editable} onChange={(e) => update({ riskLevel: (e.target.value || null) as Settings['riskLevel'] })}>
            <option value="">{t('customerDunning.riskUnset', { level: t(`risk.${customer.effectiveRisk.computed?.level ?? DEFAULT_RISK_LEVEL}`) })}</option>
            {RISK_LEVELS.map((r) => <option key={r} value={r}>{t(`risk.${r}`)}</option>)}
          </select>
        )}
      </Field>
      <p className="subtle">{t('customerDunning.riskHelp')}</p>
      {errors.notice}
      {save.isSuccess && <div className="notice success" role="status">{t('settings.saved')}</div>}
      {editable && (
        <div>
          <button type="button" className="btn primary" disabled={Object.keys(changes).length === 0 || save.isPending} onClick={() => save.mutate(undefined)}>{t('common.save')}</button>
        </div>
      )}
    </div>
  );
}

/**
 * The customer's own reminder settings — policy or exclusion, collector, risk level — and which level of the
 * organization → customer → invoice cascade decides its reminders.
 */
export function CustomerDunning({ customer }: { customer: CustomerOverview }) {
  const { t } = useI18n();
  const session = useSession();
  const saved = useQuery({ queryKey: ['customers', customer.id, 'dunning'], queryFn: () => api.get<Settings>(`/customers/${customer.id}/dunning`) });
  const policies = useQuery({ queryKey: ['dunning', 'policies'], queryFn: () => api.get<{ data: Policy[] }>('/dunning/policies') });
  // Only settings readers see whether the organization switched reminders off; the others go by its default policy.
  const org = useQuery({ queryKey: ['dunning', 'settings'], queryFn: () => api.get<{ defaultPolicyId: string; excluded: boolean }>('/dunning/settings'), enabled: session.can('settings:read') });
  const pending = saved.isPending || policies.isPending || (session.can('settings:read') && org.isPending);
  const error = saved.error ?? policies.error ?? org.error;
  const organization: DunningSetting | null = org.data
    ? org.data.excluded ? { excluded: true } : { policyId: org.data.defaultPolicyId }
    : policies.data?.data[0] ? { policyId: (policies.data.data.find((p) => p.isDefault) ?? policies.data.data[0]).id } : null;
  return (
    <section className="card">
      <div className="card-head"><h2>{t('customerDunning.title')}</h2></div>
      {error ? <div className="card-body"><ErrorNotice error={error} /></div> : pending || !saved.data || !policies.data || !organization ? <Loading /> : (
        <Form customer={customer} saved={saved.data} policies={policies.data.data} organization={organization} />
      )}
    </section>
  );
}
