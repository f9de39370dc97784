import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { JURISDICTIONS, type Jurisdiction } from '../../../../src/domain/fees/jurisdictions.ts';
import { api } from '../../api/client.ts';
import { useChange } from '../../api/mutations.ts';
import { parseTypedAmount } from '../../components/amount-field.tsx';
import { ErrorNotice, Loading } from '../../components/feedback.tsx';
import { Field, placeError } from '../../components/field.tsx';
import type { MessageKey } from '../../i18n/en.ts';
import { amountInput } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session.tsx';

type PerCurrency = Record<string, number>;
type DayCount = 'actual/365' | 'actual/360';
type Charge =
  | { kind: 'fixed'; amounts: PerCurrency }
  | { kind: 'percent'; rateBp: number }
  | { kind: 'interest'; annualRateBp: number; dayCount?: DayCount }
  | { kind: 'statutory_interest'; jurisdiction: Jurisdiction; dayCount?: DayCount };
type Compensation = { kind: 'fixed'; amount: { amount: number; currency: string } } | { kind: 'uk_bands' };

interface Policy {
  charge: Charge | null;
  compensation: Compensation | null;
  graceDays: number;
  minimumOverdue: PerCurrency;
  caps: { absolute: PerCurrency; percentOfInvoiceBp: number | null };
  chargeMode: 'once' | 'each_step';
}

interface Row {
  currency: string;
  amount: string;
}

interface Form {
  charge: 'none' | Charge['kind'];
  fixed: Row[];
  rate: string;
  annualRate: string;
  jurisdiction: Jurisdiction;
  dayCount: DayCount;
  compensation: 'none' | Compensation['kind'];
  compensationAmount: Row;
  graceDays: string;
  minimumOverdue: Row[];
  capAbsolute: Row[];
  capPercent: string;
  chargeMode: Policy['chargeMode'];
}

const CHARGES = ['none', 'fixed', 'percent', 'interest', 'statutory_interest'] as const;
const COMPENSATIONS = ['none', 'fixed', 'uk_bands'] as const;
const MAX_RATE_BP = 100_000;

/** Basis points as the percentage a person types: 850 → "8.5". */
const percentText = (bp: number | null | undefined) => (bp === null || bp === undefined ? '' : String(bp / 100));

/** "8.5" or "8,5" (per cent, at most two decimals) → 850 basis points; null when it is not such a number. */
function basisPoints(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{1,6}([.,]\d{1,2})?$/.test(trimmed) ? Math.round(Number(trimmed.replace(',', '.')) * 100) : null;
}

const rowsOf = (amounts: PerCurrency): Row[] => Object.entries(amounts).map(([currency, minor]) => ({ currency, amount: amountInput(minor, currency) }));

function formOf(policy: Policy | null, base: string): Form {
  const c = policy?.charge ?? null;
  const comp = policy?.compensation ?? null;
  return {
    charge: c?.kind ?? 'none',
    fixed: c?.kind === 'fixed' ? rowsOf(c.amounts) : [{ currency: base, amount: '' }],
    rate: c?.kind === 'percent' ? percentText(c.rateBp) : '',
    annualRate: c?.kind === 'interest' ? percentText(c.annualRateBp) : '',
    jurisdiction: c?.kind === 'statutory_interest' ? c.jurisdiction : 'EU',
    dayCount: (c?.kind === 'interest' || c?.kind === 'statutory_interest' ? c.dayCount : undefined) ?? 'actual/365',
    compensation: comp?.kind ?? 'none',
    compensationAmount: comp?.kind === 'fixed' ? { currency: comp.amount.currency, amount: amountInput(comp.amount.amount, comp.amount.currency) } : { currency: base, amount: '' },
    graceDays: String(policy?.graceDays ?? 0),
    minimumOverdue: rowsOf(policy?.minimumOverdue ?? {}),
    capAbsolute: rowsOf(policy?.caps.absolute ?? {}),
    capPercent: percentText(policy?.caps.percentOfInvoiceBp),
    chargeMode: policy?.chargeMode ?? 'once',
  };
}

type Checked = { ok: true; policy: Policy } | { ok: false; errors: Record<string, MessageKey> };

/**
 * The form as the API's policy, or what the browser can already tell is wrong, under the same field names the
 * server uses ("charge.rateBp", "minimumOverdue.EUR"), so both kinds of error show in the same place.
 */
function toPolicy(form: Form): Checked {
  const errors: Record<string, MessageKey> = {};
  const amounts = (rows: Row[], field: string, min: number): PerCurrency => {
    const out: PerCurrency = {};
    for (const row of rows.filter((r) => r.currency || r.amount.trim())) {
      const minor = parseTypedAmount(row.amount, row.currency);
      if (minor === null || minor < min) errors[`${field}.${row.currency}`] = 'editor.badAmount';
      else out[row.currency] = minor;
    }
    return out;
  };
  const rate = (text: string, field: string, min: number): number => {
    const bp = basisPoints(text);
    if (bp === null || bp < min || bp > MAX_RATE_BP) errors[field] = 'lateFees.badRate';
    return bp ?? 0;
  };
  let charge: Charge | null = null;
  if (form.charge === 'fixed') charge = { kind: 'fixed', amounts: amounts(form.fixed, 'charge.amounts', 1) };
  if (form.charge === 'percent') {
    charge = { kind: 'percent', rateBp: rate(form.rate, 'charge.rateBp', 1) };
    if (charge.rateBp > 10_000) errors['charge.rateBp'] = 'lateFees.badPercent';
  }
  if (form.charge === 'interest') charge = { kind: 'interest', annualRateBp: rate(form.annualRate, 'charge.annualRateBp', 1), dayCount: form.dayCount };
  if (form.charge === 'statutory_interest') charge = { kind: 'statutory_interest', jurisdiction: form.jurisdiction, dayCount: form.dayCount };
  let compensation: Compensation | null = null;
  if (form.compensation === 'uk_bands') compensation = { kind: 'uk_bands' };
  if (form.compensation === 'fixed') {
    const { currency, amount } = form.compensationAmount;
    const minor = parseTypedAmount(amount, currency);
    if (minor === null || minor < 1) errors['compensation.amount.amount'] = 'editor.badAmount';
    compensation = { kind: 'fixed', amount: { amount: minor ?? 0, currency } };
  }
  const graceDays = /^\d{1,3}$/.test(form.graceDays.trim()) ? Number(form.graceDays) : -1;
  if (graceDays < 0 || graceDays > 365) errors.graceDays = 'lateFees.badGrace';
  const policy: Policy = {
    charge,
    compensation,
    graceDays,
    minimumOverdue: amounts(form.minimumOverdue, 'minimumOverdue', 0),
    caps: { absolute: amounts(form.capAbsolute, 'caps.absolute', 0), percentOfInvoiceBp: form.capPercent.trim() ? rate(form.capPercent, 'caps.percentOfInvoiceBp', 0) : null },
    chargeMode: form.chargeMode,
  };
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, policy };
}

/** Amounts by currency (a fixed fee, a minimum, a cap): one row per currency, added and removed at will. */
function AmountsByCurrency(props: { label: string; field: string; rows: Row[]; base: string; editable: boolean; onChange: (rows: Row[]) => void; errorAt: (field: string) => string | null }) {
  const { t } = useI18n();
  const { rows, onChange } = props;
  const set = (i: number, row: Row) => onChange(rows.map((r, j) => (j === i ? row : r)));
  const unused = rows.some((r) => r.currency === props.base) ? '' : props.base;
  return (
    <div className="field" role="group" aria-label={props.label}>
      <span>{props.label}</span>
      {rows.length === 0 && <span className="subtle">{t('common.none')}</span>}
      {rows.map((row, i) => {
        const error = props.errorAt(`${props.field}.${row.currency}`);
        return (
          <div key={i}>
            <div className="actions" style={{ flexWrap: 'nowrap' }}>
              <input className="input" aria-label={`${t('common.currency')} ${i + 1}`} maxLength={3} value={row.currency} disabled={!props.editable} onChange={(e) => set(i, { ...row, currency: e.target.value.toUpperCase() })} style={{ width: 70 }} />
              <input className="input num" aria-label={`${t('common.amount')} ${i + 1}`} inputMode="decimal" value={row.amount} disabled={!props.editable} aria-invalid={error ? true : undefined} onChange={(e) => set(i, { ...row, amount: e.target.value })} />
              {props.editable && <button type="button" className="btn ghost small" aria-label={`${t('lateFees.removeAmount')} ${i + 1}`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>×</button>}
            </div>
            {error && <span className="field-error">{error}</span>}
          </div>
        );
      })}
      {props.errorAt(props.field) && <span className="field-error">{props.errorAt(props.field)}</span>}
      {props.editable && (
        <div>
          <button type="button" className="btn small" onClick={() => onChange([...rows, { currency: unused, amount: '' }])}>{t('lateFees.addAmount')}</button>
        </div>
      )}
    </div>
  );
}

function PolicyForm({ policy, customerPolicies }: { policy: Policy | null; customerPolicies: number }) {
  const { t } = useI18n();
  const session = useSession();
  const base = session.organization.baseCurrency;
  const editable = session.can('settings:write');
  const [form, setForm] = useState(() => formOf(policy, base));
  const [local, setLocal] = useState<Record<string, MessageKey>>({});
  const save = useChange((p: Policy) => api.put('/late-fee-policies/organization', p));
  const remove = useChange(() => api.delete('/late-fee-policies/organization'), () => setForm(formOf(null, base)));
  const perCurrency = (rows: Row[], field: string) => [field, ...rows.map((r) => `${field}.${r.currency}`)];
  const server = placeError(save.error ?? remove.error, [
    'charge', 'charge.kind', 'charge.rateBp', 'charge.annualRateBp', 'charge.jurisdiction', 'charge.dayCount', 'compensation', 'compensation.kind',
    'compensation.amount.amount', 'compensation.amount.currency', 'graceDays', 'caps.percentOfInvoiceBp', 'chargeMode', 'policy',
    ...perCurrency(form.fixed, 'charge.amounts'), ...perCurrency(form.minimumOverdue, 'minimumOverdue'), ...perCurrency(form.capAbsolute, 'caps.absolute'),
  ]);
  const errorAt = (field: string) => (local[field] ? t(local[field]) : server.at(field));
  const update = (change: Partial<Form>) => {
    setForm({ ...form, ...change });
    setLocal({});
    save.reset();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = toPolicy(form);
    if (!checked.ok) return setLocal(checked.errors);
    save.mutate(checked.policy);
  };
  const percentField = (label: MessageKey, key: 'rate' | 'annualRate' | 'capPercent', field: string) => (
    <Field label={t(label)} error={errorAt(field)}>
      {(p) => <input {...p} className="input num" inputMode="decimal" value={form[key]} disabled={!editable} onChange={(e) => update({ [key]: e.target.value })} />}
    </Field>
  );
  const dayCount = (
    <Field label={t('lateFees.dayCount')} error={errorAt('charge.dayCount')}>
      {(p) => (
        <select {...p} className="input" value={form.dayCount} disabled={!editable} onChange={(e) => update({ dayCount: e.target.value as DayCount })}>
          <option value="actual/365">{t('lateFees.actual365')}</option>
          <option value="actual/360">{t('lateFees.actual360')}</option>
        </select>
      )}
    </Field>
  );
  return (
    <form className="card-body stack" onSubmit={submit}>
      {/* Fill, not fit: a lone select keeps its width instead of stretching across the card. */}
      <div className="form-grid" style={{ gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))' }}>
        <Field label={t('lateFees.charge')} error={errorAt('charge') ?? errorAt('charge.kind')}>
          {(p) => (
            <select {...p} className="input" value={form.charge} disabled={!editable} onChange={(e) => update({ charge: e.target.value as Form['charge'] })}>
              {CHARGES.map((c) => <option key={c} value={c}>{t(`lateFees.charge.${c}`)}</option>)}
            </select>
          )}
        </Field>
        {form.charge === 'percent' && percentField('lateFees.rate', 'rate', 'charge.rateBp')}
        {form.charge === 'interest' && percentField('lateFees.annualRate', 'annualRate', 'charge.annualRateBp')}
        {form.charge === 'statutory_interest' && (
          <Field label={t('lateFees.jurisdiction')} error={errorAt('charge.jurisdiction')}>
            {(p) => (
              <select {...p} className="input" value={form.jurisdiction} disabled={!editable} onChange={(e) => update({ jurisdiction: e.target.value as Jurisdiction })}>
                {JURISDICTIONS.map((j) => <option key={j} value={j}>{t(`jurisdiction.${j}`)}</option>)}
              </select>
            )}
          </Field>
        )}
        {(form.charge === 'interest' || form.charge === 'statutory_interest') && dayCount}
        <Field label={t('lateFees.compensation')} error={errorAt('compensation') ?? errorAt('compensation.kind')}>
          {(p) => (
            <select {...p} className="input" value={form.compensation} disabled={!editable} onChange={(e) => update({ compensation: e.target.value as Form['compensation'] })}>
              {COMPENSATIONS.map((c) => <option key={c} value={c}>{t(`lateFees.compensation.${c}`)}</option>)}
            </select>
          )}
        </Field>
        {form.compensation === 'fixed' && (
          <>
            <Field label={t('common.currency')} error={errorAt('compensation.amount.currency')}>
              {(p) => <input {...p} className="input" maxLength={3} value={form.compensationAmount.currency} disabled={!editable} onChange={(e) => update({ compensationAmount: { ...form.compensationAmount, currency: e.target.value.toUpperCase() } })} />}
            </Field>
            <Field label={t('lateFees.compensationAmount')} error={errorAt('compensation.amount.amount')}>
              {(p) => <input {...p} className="input num" inputMode="decimal" value={form.compensationAmount.amount} disabled={!editable} onChange={(e) => update({ compensationAmount: { ...form.compensationAmount, amount: e.target.value } })} />}
            </Field>
          </>
        )}
        <Field label={t('lateFees.graceDays')} error={errorAt('graceDays')}>
          {(p) => <input {...p} className="input num" inputMode="numeric" value={form.graceDays} disabled={!editable} onChange={(e) => update({ graceDays: e.target.value })} />}
        </Field>
        {percentField('lateFees.capPercent', 'capPercent', 'caps.percentOfInvoiceBp')}
        <Field label={t('lateFees.chargeMode')} error={errorAt('chargeMode')}>
          {(p) => (
            <select {...p} className="input" value={form.chargeMode} disabled={!editable} onChange={(e) => update({ chargeMode: e.target.value as Form['chargeMode'] })}>
              <option value="once">{t('lateFees.once')}</option>
              <option value="each_step">{t('lateFees.eachStep')}</option>
            </select>
          )}
        </Field>
      </div>
      <div className="grid grid-3">
        {form.charge === 'fixed' && <AmountsByCurrency label={t('lateFees.fixedAmounts')} field="charge.amounts" rows={form.fixed} base={base} editable={editable} onChange={(fixed) => update({ fixed })} errorAt={errorAt} />}
        <AmountsByCurrency label={t('lateFees.minimumOverdue')} field="minimumOverdue" rows={form.minimumOverdue} base={base} editable={editable} onChange={(minimumOverdue) => update({ minimumOverdue })} errorAt={errorAt} />
        <AmountsByCurrency label={t('lateFees.capAbsolute')} field="caps.absolute" rows={form.capAbsolute} base={base} editable={editable} onChange={(capAbsolute) => update({ capAbsolute })} errorAt={errorAt} />
      </div>
      {customerPolicies > 0 && <p className="subtle">{t('lateFees.customerPolicies', { count: customerPolicies })}</p>}
      {server.notice}
      {save.isSuccess && <div className="notice success" role="status">{t('settings.saved')}</div>}
      {editable && (
        <div className="actions">
          <button className="btn primary" type="submit" disabled={save.isPending}>{t('common.save')}</button>
          {policy && <button type="button" className="btn danger" disabled={remove.isPending} onClick={() => remove.mutate(undefined)}>{t('lateFees.remove')}</button>}
        </div>
      )}
    </form>
  );
}

/** The organization's late-fee and interest policy: what overdue invoices are charged, printed on every invoice. */
export function LateFees() {
  const { t } = useI18n();
  const policies = useQuery({ queryKey: ['late-fee-policies'], queryFn: () => api.get<{ organization: { policy: Policy } | null; customers: unknown[] }>('/late-fee-policies') });
  return (
    <section className="card">
      <div className="card-head">
        <h2>{t('lateFees.title')}</h2>
        <p>{t('lateFees.help')}</p>
      </div>
      {policies.isPending ? <Loading /> : policies.error ? (
        <div className="card-body"><ErrorNotice error={policies.error} /></div>
      ) : (
        <PolicyForm policy={policies.data.organization?.policy ?? null} customerPolicies={policies.data.customers.length} />
      )}
    </section>
  );
}
