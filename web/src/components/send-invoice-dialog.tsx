import { useState } from 'react';
import { api } from '../api/client.ts';
import { useChange } from '../api/mutations.ts';
import type { Contact, QueuedMessage } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Dialog } from './dialog.tsx';
import { ErrorNotice } from './feedback.tsx';

/** The contact the server sends to when nobody chooses: the invoice's billing contact, else the primary one, else the first. */
export function defaultContact(contacts: readonly Contact[], billingContactId: string | null): Contact | undefined {
  return contacts.find((c) => c.id === billingContactId) ?? contacts.find((c) => c.isPrimary) ?? contacts[0];
}

// crypto.randomUUID exists only on https and localhost; getRandomValues works wherever the app is served.
function requestKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Email the invoice to a contact of its customer. One key per opening of the dialog: a double click or a
 * retry after a network error sends once, and opening the dialog again later is a deliberate resend.
 */
export function SendInvoiceDialog(props: { invoice: { id: string; number: string | null; billingContactId: string | null }; contacts: readonly Contact[]; onSent: (message: QueuedMessage) => void; onClose: () => void }) {
  const { t } = useI18n();
  const withEmail = props.contacts.filter((c) => c.email);
  const [contactId, setContactId] = useState(defaultContact(withEmail, props.invoice.billingContactId)?.id ?? '');
  const [key] = useState(requestKey);
  const change = useChange(
    () => api.post<QueuedMessage>(`/invoices/${props.invoice.id}/send`, { contactId }, { 'idempotency-key': key }),
    (message) => {
      props.onSent(message);
      props.onClose();
    },
  );
  return (
    <Dialog
      title={t('invoice.sendTitle', { number: props.invoice.number ?? '' })}
      submitLabel={t('invoice.sendSubmit')}
      busy={change.isPending}
      onClose={props.onClose}
      onSubmit={() => contactId && change.mutate(undefined)}
      error={change.error ? <ErrorNotice error={change.error} /> : null}
    >
      {withEmail.length === 0 ? (
        <p className="notice warning">{t('invoice.sendNoEmail')}</p>
      ) : (
        <>
          <p className="muted">{t('invoice.sendHelp')}</p>
          <label className="field">
            <span>{t('invoice.sendTo')}</span>
            <select className="input" required value={contactId} onChange={(e) => setContactId(e.target.value)}>
              {withEmail.map((c) => (
                <option key={c.id} value={c.id}>{`${c.name} <${c.email}>`}</option>
              ))}
            </select>
          </label>
        </>
      )}
    </Dialog>
  );
}
