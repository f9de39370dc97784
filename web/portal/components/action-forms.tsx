import { type FormEvent, type ReactNode, useState } from 'react';
import { PortalError, send } from '../api.ts';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { InvoiceDetail, Overview } from '../types.ts';
import { Sheet } from './sheet.tsx';

export type ActionKind = 'claim' | 'promise' | 'plan' | 'dispute';

const DISPUTE_REASONS = ['goods_not_received', 'service_not_rendered', 'quality', 'pricing', 'quantity', 'duplicate_invoice', 'not_ordered', 'missing_po', 'other'] as const;

interface FormProps {
  readonly token: string;
  readonly invoice: InvoiceDetail;
  readonly overview: Overview;
  readonly onClose: () => void;
  /** Called with the confirmation to show once the team has the customer's word. */
  readonly onDone: (message: string) => void;
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function addMonths(iso: string, months: number): string {
  const [y, m, day] = iso.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(day, last))).toISOString().slice(0, 10);
}

/** Shared frame: posts the body, shows the server's refusal next to the fields, reports success. */
function ActionForm({ token, invoice, title, path, body, done, onClose, onDone, children }: FormProps & { title: string; path: string; body: () => unknown; done: (answer: never) => string; children: ReactNode }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onDone(done((await send(token, 'POST', `/invoices/${invoice.id}/${path}`, body())) as never));
    } catch (err) {
      setError(err instanceof PortalError && err.status < 500 ? err.message : t('portal.error'));
      setBusy(false);
    }
  };
  return (
    <Sheet title={title} onClose={onClose}>
      {() => (
        <form onSubmit={(e) => void submit(e)} className="form">
          {children}
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <div className="form-actions">
            <button type="button" className="button secondary" onClick={onClose}>
              {t('action.cancel')}
            </button>
            <button type="submit" className="button primary" disabled={busy}>
              {busy ? t('action.sending') : t('action.send')}
            </button>
          </div>
        </form>
      )}
    </Sheet>
  );
}

function Message({ value, onChange, label }: { value: string; onChange: (v: string) => void; label?: string }) {
  const { t } = useI18n();
  return (
    <label className="field">
      <span>{label ?? t('action.message')}</span>
      <textarea rows={3} maxLength={2000} value={value} onChange={(e) => onChange(e.target.value)} required={label !== undefined} />
    </label>
  );
}

export function ClaimForm(props: FormProps) {
  const { t, date } = useI18n();
  const [paidOn, setPaidOn] = useState(props.overview.today);
  const [reference, setReference] = useState('');
  const [message, setMessage] = useState('');
  return (
    <ActionForm
      {...props}
      title={t('claim.title')}
      path="already-paid"
      body={() => ({ paidOn, reference, ...(message ? { message } : {}) })}
      done={(a: { until: string }) => t('claim.done', { date: date(a.until) })}
    >
      <label className="field">
        <span>{t('claim.paidOn')}</span>
        <input type="date" required max={props.overview.today} value={paidOn} onChange={(e) => setPaidOn(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('claim.reference')}</span>
        <input type="text" required maxLength={200} value={reference} onChange={(e) => setReference(e.target.value)} />
      </label>
      <Message value={message} onChange={setMessage} />
    </ActionForm>
  );
}

export function PromiseForm(props: FormProps) {
  const { t, date } = useI18n();
  const [promisedDate, setPromisedDate] = useState(addDays(props.overview.today, 7));
  const [message, setMessage] = useState('');
  return (
    <ActionForm
      {...props}
      title={t('promise.title')}
      path="promise"
      body={() => ({ promisedDate, ...(message ? { message } : {}) })}
      done={(a: { promisedDate: string }) => t('promise.done', { date: date(a.promisedDate) })}
    >
      <label className="field">
        <span>{t('promise.date')}</span>
        <input type="date" required min={props.overview.today} value={promisedDate} onChange={(e) => setPromisedDate(e.target.value)} />
      </label>
      <Message value={message} onChange={setMessage} />
    </ActionForm>
  );
}

export function PlanForm(props: FormProps) {
  const { t, date, money } = useI18n();
  const { planMaxInstallments, planMaxDays, planApprovalRequests } = props.overview.plans;
  const [count, setCount] = useState(Math.max(2, Math.min(3, planMaxInstallments || 3)));
  const [first, setFirst] = useState(addDays(props.overview.today, 14));
  const [message, setMessage] = useState('');
  const org = props.overview.organization.name;
  const valid = Number.isInteger(count) && count >= 1 && count <= 120;
  return (
    <ActionForm
      {...props}
      title={t('plan.title')}
      path="payment-plan"
      body={() => ({ firstDueDate: first, count, ...(message ? { message } : {}) })}
      done={(a: { status: string; installments: unknown[] }) => (a.status === 'agreed' ? t('plan.agreed', { count: a.installments.length }) : t('plan.pending', { org }))}
    >
      <label className="field">
        <span>{t('plan.count')}</span>
        <input type="number" inputMode="numeric" min={1} max={120} required value={count} onChange={(e) => setCount(Number(e.target.value))} />
      </label>
      <label className="field">
        <span>{t('plan.first')}</span>
        <input type="date" required min={props.overview.today} value={first} onChange={(e) => setFirst(e.target.value)} />
      </label>
      {valid && (
        <p className="preview">
          {t('plan.preview', { count, amount: money(Math.ceil(props.invoice.balance / count), props.invoice.currency), date: date(addMonths(first, count - 1)) })}
        </p>
      )}
      <p className="muted small">
        {planMaxInstallments > 0 && t('plan.policy', { count: planMaxInstallments, days: planMaxDays })} {planApprovalRequests && t('plan.approval', { org })}
      </p>
      <Message value={message} onChange={setMessage} />
    </ActionForm>
  );
}

export function DisputeForm(props: FormProps) {
  const { t } = useI18n();
  const [reasonCode, setReason] = useState<(typeof DISPUTE_REASONS)[number]>('quality');
  const [lineId, setLineId] = useState('');
  const [message, setMessage] = useState('');
  return (
    <ActionForm
      {...props}
      title={t('dispute.title')}
      path="dispute"
      body={() => ({ reasonCode, message, ...(lineId ? { lineId } : {}) })}
      done={() => t('dispute.done', { org: props.overview.organization.name })}
    >
      <label className="field">
        <span>{t('dispute.reason')}</span>
        <select value={reasonCode} onChange={(e) => setReason(e.target.value as (typeof DISPUTE_REASONS)[number])}>
          {DISPUTE_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`reason.${r}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('dispute.line')}</span>
        <select value={lineId} onChange={(e) => setLineId(e.target.value)}>
          <option value="">{t('dispute.whole')}</option>
          {props.invoice.lines.map((l) => (
            <option key={l.id} value={l.id}>
              {l.description}
            </option>
          ))}
        </select>
      </label>
      <Message value={message} onChange={setMessage} label={t('dispute.message')} />
    </ActionForm>
  );
}

export const ACTION_FORMS: Record<ActionKind, (props: FormProps) => ReactNode> = { claim: ClaimForm, promise: PromiseForm, plan: PlanForm, dispute: DisputeForm };
