import { useState } from 'react';
import { useChange } from '../api/mutations.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Dialog } from './dialog.tsx';
import { ErrorNotice } from './feedback.tsx';

/** A decision that needs a reason in the history: void, write off. */
export function ReasonDialog(props: { title: string; help: string; submitLabel: string; run: (reason: string) => Promise<unknown>; onClose: () => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const change = useChange((r: string) => props.run(r), props.onClose);
  return (
    <Dialog title={props.title} submitLabel={props.submitLabel} danger busy={change.isPending} onClose={props.onClose} onSubmit={() => reason.trim() && change.mutate(reason.trim())} error={change.error ? <ErrorNotice error={change.error} /> : null}>
      <p className="muted">{props.help}</p>
      <label className="field">
        <span>{t('invoice.reasonLabel')}</span>
        <textarea className="input" required rows={3} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
    </Dialog>
  );
}
