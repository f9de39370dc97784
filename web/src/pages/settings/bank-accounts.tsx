import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useChange } from '../../api/mutations.ts';
import { Dialog } from '../../components/dialog.tsx';
import { ErrorNotice, Loading } from '../../components/feedback.tsx';
import { Field, placeError } from '../../components/field.tsx';
import type { MessageKey } from '../../i18n/en.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session.tsx';

const DETAILS = ['accountHolder', 'iban', 'bic', 'accountNumber', 'bankCode', 'bankName', 'correspondentAccount', 'vietBankBin'] as const;
type Detail = (typeof DETAILS)[number];

interface BankAccount extends Record<Detail, string | null> {
  id: string;
  currency: string;
  isDefault: boolean;
}

// Details that only one payment QR reads are offered for the currency whose banking apps need them.
const ONLY_FOR: Partial<Record<Detail, string>> = { correspondentAccount: 'RUB', vietBankBin: 'VND' };
const NEEDS: Record<string, MessageKey> = { EUR: 'bank.needs.EUR', VND: 'bank.needs.VND', RUB: 'bank.needs.RUB' };

/** "RO49AAAA1B31007593840000" → "RO49 AAAA 1B31 0075 9384 0000", the way it is printed and read aloud. */
const grouped = (iban: string) => iban.replace(/(.{4})(?=.)/g, '$1 ');

function AccountDialog({ account, onClose }: { account: BankAccount | null; onClose: () => void }) {
  const { t } = useI18n();
  const session = useSession();
  const [currency, setCurrency] = useState(account?.currency ?? session.organization.baseCurrency);
  const [details, setDetails] = useState<Record<Detail, string>>(() => Object.fromEntries(DETAILS.map((d) => [d, account?.[d] ?? ''])) as Record<Detail, string>);
  const [isDefault, setIsDefault] = useState(false);
  const shown = DETAILS.filter((d) => !ONLY_FOR[d] || ONLY_FOR[d] === currency || details[d] !== '');
  const save = useChange(() => {
    if (account) return api.patch(`/settings/bank-accounts/${account.id}`, Object.fromEntries(shown.map((d) => [d, details[d].trim() || null])));
    const filled = Object.fromEntries(shown.filter((d) => details[d].trim()).map((d) => [d, details[d].trim()]));
    return api.post('/settings/bank-accounts', { currency, ...filled, ...(isDefault ? { isDefault: true } : {}) });
  }, onClose);
  const errors = placeError(save.error, ['currency', ...shown]);
  return (
    <Dialog
      title={account ? t('bank.editTitle', { currency: account.currency }) : t('bank.addTitle')}
      submitLabel={account ? t('common.save') : t('bank.add')}
      busy={save.isPending}
      onClose={onClose}
      onSubmit={() => save.mutate(undefined)}
      error={errors.notice}
    >
      {!account && (
        <Field label={t('common.currency')} error={errors.at('currency')}>
          {(p) => <input {...p} className="input" required maxLength={3} value={currency} onChange={(e) => setCurrency(e.target.value.toUpperCase())} style={{ width: 90 }} />}
        </Field>
      )}
      <p className="subtle">{t(NEEDS[currency] ?? 'bank.needs.other')}</p>
      <div className="form-grid">
        {shown.map((d) => (
          <Field key={d} label={t(`bank.${d}`)} error={errors.at(d)}>
            {(p) => <input {...p} className="input" value={details[d]} onChange={(e) => setDetails({ ...details, [d]: e.target.value })} />}
          </Field>
        ))}
      </div>
      {!account && (
        <label className="check">
          <input type="checkbox" checked={isDefault} onChange={(e) => setIsDefault(e.target.checked)} />
          {t('bank.makeDefaultOnAdd', { currency })}
        </label>
      )}
    </Dialog>
  );
}

/** The accounts customers pay into: invoices print the default account of their currency, with its payment QR. */
export function BankAccounts() {
  const { t } = useI18n();
  const session = useSession();
  const accounts = useQuery({ queryKey: ['bank-accounts'], queryFn: () => api.get<{ data: BankAccount[] }>('/settings/bank-accounts') });
  const [editing, setEditing] = useState<BankAccount | 'new' | null>(null);
  const [removing, setRemoving] = useState<BankAccount | null>(null);
  const makeDefault = useChange((id: string) => api.patch(`/settings/bank-accounts/${id}`, { isDefault: true }));
  const remove = useChange((id: string) => api.delete(`/settings/bank-accounts/${id}`), () => setRemoving(null));
  const editable = session.can('settings:write');
  const number = (a: BankAccount) => (a.iban ? grouped(a.iban) : [a.accountNumber, a.bankCode].filter(Boolean).join(' · '));
  return (
    <section className="card">
      <div className="card-head">
        <h2>{t('bank.title')}</h2>
        {editable && <button type="button" className="btn small primary" onClick={() => setEditing('new')}>{t('bank.add')}</button>}
      </div>
      {accounts.isPending ? <Loading /> : accounts.error ? <div className="card-body"><ErrorNotice error={accounts.error} /></div> : accounts.data.data.length === 0 ? (
        <p className="card-body muted">{t('bank.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t('common.currency')}</th>
                <th>{t('bank.account')}</th>
                <th className="hide-phone">{t('bank.bic')}</th>
                <th />
                {editable && <th />}
              </tr>
            </thead>
            <tbody>
              {accounts.data.data.map((a) => (
                <tr key={a.id}>
                  <td>{a.currency}</td>
                  <td>
                    <span className="primary">{number(a)}</span>
                    <div className="subtle">{[a.accountHolder, a.bankName].filter(Boolean).join(' · ')}</div>
                  </td>
                  <td className="hide-phone">{a.bic ?? ''}</td>
                  <td>
                    {a.isDefault ? (
                      <span className="badge green">{t('bank.default')}</span>
                    ) : (
                      editable && <button type="button" className="btn small" disabled={makeDefault.isPending} onClick={() => makeDefault.mutate(a.id)} aria-label={t('bank.makeDefaultOf', { account: number(a) })}>{t('bank.makeDefault')}</button>
                    )}
                  </td>
                  {editable && (
                    <td className="num nowrap">
                      <button type="button" className="btn small" onClick={() => setEditing(a)} aria-label={t('bank.editOf', { account: number(a) })}>{t('bank.edit')}</button>{' '}
                      <button type="button" className="btn small danger" onClick={() => setRemoving(a)} aria-label={t('bank.removeOf', { account: number(a) })}>{t('bank.remove')}</button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {makeDefault.error && <div className="card-body"><ErrorNotice error={makeDefault.error} /></div>}
      {editing && <AccountDialog account={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {removing && (
        <Dialog
          title={t('bank.removeTitle')}
          submitLabel={t('bank.remove')}
          danger
          busy={remove.isPending}
          onClose={() => setRemoving(null)}
          onSubmit={() => remove.mutate(removing.id)}
          error={remove.error ? <ErrorNotice error={remove.error} /> : null}
        >
          <p>{t('bank.removeConfirm', { currency: removing.currency, account: number(removing) })}</p>
        </Dialog>
      )}
    </section>
  );
}
