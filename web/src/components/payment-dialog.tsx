import { useState } from 'react';
import { api } from '../api/client.ts';
import { useChange } from '../api/mutations.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { AmountField, parseTypedAmount } from './amount-field.tsx';
import { amountInput } from '../i18n/format.ts';
import { Dialog } from './dialog.tsx';
import { ErrorNotice } from './feedback.tsx';
import { useOrgToday } from './org-today.ts';

const METHODS = ['bank_transfer', 'card', 'cash', 'cheque', 'e_wallet', 'other'] as const;

/**
 * Record money received. From an invoice, it is applied to that invoice (what exceeds its balance stays
 * with the customer as credit); from a customer, to the oldest open invoices first.
 */
export function PaymentDialog(props: { customerId: string; currency: string; invoice?: { id: string; number: string | null; balance: number }; onClose: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const today = useOrgToday();
  const [amount, setAmount] = useState(props.invoice ? amountInput(props.invoice.balance, props.currency) : '');
  const [receivedOn, setReceivedOn] = useState(today);
  const [method, setMethod] = useState<(typeof METHODS)[number]>('bank_transfer');
  const [reference, setReference] = useState('');
  const minor = parseTypedAmount(amount, props.currency);
  const change = useChange(
    () =>
      api.post('/payments', {
        customerId: props.customerId,
        amount: minor,
        currency: props.currency,
        receivedOn,
        method,
        ...(reference.trim() ? { reference: reference.trim() } : {}),
        ...(props.invoice && minor ? { allocations: [{ invoiceId: props.invoice.id, amount: Math.min(minor, props.invoice.balance) }] } : {}),
      }),
    props.onClose,
  );
  return (
    <Dialog
      title={t('payment.title')}
      submitLabel={t('payment.submit')}
      busy={change.isPending}
      onClose={props.onClose}
      onSubmit={() => minor && change.mutate(undefined)}
      error={change.error ? <ErrorNotice error={change.error} /> : null}
    >
      <AmountField label={t('payment.amount')} currency={props.currency} value={amount} onChange={setAmount} error={amount && !minor ? t('editor.badAmount') : null} />
      <div className="form-grid">
        <label className="field">
          <span>{t('payment.receivedOn')}</span>
          <input className="input" type="date" required value={receivedOn} max={today} onChange={(e) => setReceivedOn(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('payment.method')}</span>
          <select className="input" value={method} onChange={(e) => setMethod(e.target.value as typeof method)}>
            {METHODS.map((m) => <option key={m} value={m}>{t(`method.${m}`)}</option>)}
          </select>
        </label>
      </div>
      <label className="field">
        <span>{t('payment.reference')}</span>
        <input className="input" value={reference} maxLength={200} onChange={(e) => setReference(e.target.value)} />
      </label>
      <p className="subtle">{props.invoice ? t('payment.allocateTo', { number: props.invoice.number ?? '' }) : t('payment.oldestFirst')}</p>
    </Dialog>
  );
}
