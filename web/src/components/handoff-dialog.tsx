import { useState } from 'react';
import { api } from '../api/client.ts';
import { useChange } from '../api/mutations.ts';
import type { Handoff, Invoice } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Dialog } from './dialog.tsx';
import { ErrorNotice } from './feedback.tsx';

/**
 * Hand a customer's overdue invoices to a collection agency: every overdue invoice is chosen to begin with;
 * confirming puts the customer in collections, stops its reminders and keeps the pack for download.
 */
export function HandoffDialog(props: { customerId: string; overdue: readonly Invoice[]; onDone: (handoff: Handoff) => void; onClose: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(props.overdue.map((i) => i.id)));
  const [agency, setAgency] = useState('');
  const [note, setNote] = useState('');
  const change = useChange(
    () =>
      api.post<Handoff>(`/customers/${props.customerId}/collections-handoff`, {
        invoiceIds: props.overdue.filter((i) => chosen.has(i.id)).map((i) => i.id),
        ...(agency.trim() ? { agency: agency.trim() } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    (handoff) => {
      props.onDone(handoff);
      props.onClose();
    },
  );
  const toggle = (id: string, on: boolean) => setChosen((before) => {
    const next = new Set(before);
    if (on) next.add(id);
    else next.delete(id);
    return next;
  });
  return (
    <Dialog
      title={t('handoff.title')}
      submitLabel={t('handoff.submit')}
      danger
      busy={change.isPending}
      onClose={props.onClose}
      onSubmit={() => chosen.size > 0 && change.mutate(undefined)}
      error={change.error ? <ErrorNotice error={change.error} /> : chosen.size === 0 ? <p className="field-error">{t('handoff.noneChosen')}</p> : null}
    >
      <div className="field" role="group" aria-label={t('handoff.invoices')}>
        <span>{t('handoff.invoices')}</span>
        {props.overdue.map((inv) => (
          <label key={inv.id} className="check">
            <input type="checkbox" checked={chosen.has(inv.id)} onChange={(e) => toggle(inv.id, e.target.checked)} />
            {[inv.number, i18n.money(inv.balance, inv.currency), t('invoice.overdueBy', { days: inv.daysOverdue })].join(' · ')}
          </label>
        ))}
      </div>
      <label className="field">
        <span>{t('handoff.agency')}</span>
        <input className="input" value={agency} maxLength={200} onChange={(e) => setAgency(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('handoff.note')}</span>
        <textarea className="input" rows={3} value={note} maxLength={4000} onChange={(e) => setNote(e.target.value)} />
      </label>
      <p className="notice warning">{t('handoff.consequence')}</p>
    </Dialog>
  );
}
