import { useState } from 'react';
import { api } from '../api/client.ts';
import { useChange } from '../api/mutations.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { AmountField, parseTypedAmount } from './amount-field.tsx';
import { Dialog } from './dialog.tsx';
import { ErrorNotice } from './feedback.tsx';

/** Credit part of an issued invoice, tax included. */
export function CreditNoteDialog(props: { invoiceId: string; currency: string; onClose: () => void }) {
  const { t } = useI18n();
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const minor = parseTypedAmount(amount, props.currency);
  const change = useChange(() => api.post(`/invoices/${props.invoiceId}/credit-notes`, { amount: minor, reason: reason.trim() }), props.onClose);
  return (
    <Dialog
      title={t('invoice.creditNoteAction')}
      submitLabel={t('invoice.creditNoteAction')}
      busy={change.isPending}
      onClose={props.onClose}
      onSubmit={() => minor && reason.trim() && change.mutate(undefined)}
      error={change.error ? <ErrorNotice error={change.error} /> : null}
    >
      <p className="muted">{t('invoice.creditHelp')}</p>
      <AmountField label={t('common.amount')} currency={props.currency} value={amount} onChange={setAmount} error={amount && !minor ? t('editor.badAmount') : null} />
      <label className="field">
        <span>{t('invoice.reasonLabel')}</span>
        <textarea className="input" required rows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
    </Dialog>
  );
}
