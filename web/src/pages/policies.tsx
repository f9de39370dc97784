import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { DUNNING_CHANNELS, RISK_LEVELS, STEP_ACTIONS, TONES } from '../../../src/domain/dunning/policy.ts';
import { api } from '../api/client.ts';
import { useChange } from '../api/mutations.ts';
import { AmountField, parseTypedAmount } from '../components/amount-field.tsx';
import { offsetLabel } from '../components/dunning-schedule.tsx';
import { ErrorNotice, Loading } from '../components/feedback.tsx';
import { PageHead } from '../components/layout.tsx';
import { useOrgToday } from '../components/org-today.ts';
import { useDebounced } from '../components/use-debounced.ts';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session.tsx';

interface Step {
  id: string;
  offsetDays: number;
  channel: string;
  templateKey: string;
  tone: string;
  repeatEveryDays?: number;
  maxRepeats?: number;
  conditions?: { riskLevels?: string[]; minBalanceMinor?: Record<string, number>; requiredTags?: string[]; excludedTags?: string[] };
  actions?: string[];
}

interface Policy {
  id: string;
  name: string;
  builtIn: boolean;
  isDefault: boolean;
  steps: Step[];
}

interface Preview {
  valid: boolean;
  errors?: { code: string; message: string; field: string }[];
  entries?: { on: string; stepId: string; occurrence: number; outcome: string; channel: string | null; tone: string | null; reason: string | null }[];
}

const TEMPLATE_KEYS = ['upcoming', 'overdue', 'final_notice', 'call'];

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A step id not used yet in the policy: ids are kept across edits because the history refers to them. */
function newStepId(steps: readonly Step[], offset: number): string {
  const base = offset < 0 ? `before_${-offset}` : offset === 0 ? 'due_day' : `after_${offset}`;
  let id = base;
  for (let i = 2; steps.some((s) => s.id === id); i++) id = `${base}_${i}`;
  return id;
}

function StepRow({ step, index, last, onChange, onRemove, errors }: { step: Step; index: number; last: boolean; onChange: (s: Step) => void; onRemove: () => void; errors: string[] }) {
  const { t } = useI18n();
  const risk = step.conditions?.riskLevels ?? [];
  const setRisk = (level: string, on: boolean) => {
    const levels = on ? [...risk, level] : risk.filter((r) => r !== level);
    const { riskLevels: _drop, ...rest } = step.conditions ?? {};
    const conditions = levels.length ? { ...rest, riskLevels: levels } : rest;
    onChange({ ...step, conditions: Object.keys(conditions).length ? conditions : undefined });
  };
  const setAction = (action: string, on: boolean) => {
    const actions = on ? [...(step.actions ?? []), action] : (step.actions ?? []).filter((a) => a !== action);
    onChange({ ...step, actions: actions.length ? actions : undefined });
  };
  return (
    <li className="step">
      <div className="step-main">
        <label className="field">
          <span>{t('policy.offset')}</span>
          <input className="input num" type="number" aria-label={`${t('policy.offset')} ${index + 1}`} value={step.offsetDays} min={-90} max={365} onChange={(e) => onChange({ ...step, offsetDays: Number(e.target.value) })} />
        </label>
        <label className="field">
          <span>{t('policy.channel')}</span>
          <select className="input" aria-label={`${t('policy.channel')} ${index + 1}`} value={step.channel} onChange={(e) => onChange({ ...step, channel: e.target.value, templateKey: e.target.value === 'call_task' ? 'call' : step.templateKey })}>
            {DUNNING_CHANNELS.map((c) => <option key={c} value={c}>{t(`channel.${c}` as MessageKey)}</option>)}
          </select>
        </label>
        <label className="field">
          <span>{t('policy.tone')}</span>
          <select className="input" aria-label={`${t('policy.tone')} ${index + 1}`} value={step.tone} onChange={(e) => onChange({ ...step, tone: e.target.value })}>
            {TONES.map((x) => <option key={x} value={x}>{t(`tone.${x}`)}</option>)}
          </select>
        </label>
        <label className="field">
          <span>{t('policy.template')}</span>
          <select className="input" aria-label={`${t('policy.template')} ${index + 1}`} value={step.templateKey} onChange={(e) => onChange({ ...step, templateKey: e.target.value })}>
            {[...new Set([...TEMPLATE_KEYS, step.templateKey])].map((k) => <option key={k} value={k}>{t(`template.${k}` as MessageKey) === `template.${k}` ? k : t(`template.${k}` as MessageKey)}</option>)}
          </select>
        </label>
        <button type="button" className="btn ghost small" aria-label={`${t('editor.removeLine')} ${index + 1}`} onClick={onRemove}>×</button>
      </div>
      <div className="step-extra">
        <strong>{offsetLabel(t, step.offsetDays)}</strong>
        <span className="muted">{t('policy.onlyFor')}</span>
        {RISK_LEVELS.map((r) => (
          <label key={r} className="check">
            <input type="checkbox" checked={risk.includes(r)} onChange={(e) => setRisk(r, e.target.checked)} />
            {t(`riskShort.${r}` as MessageKey)}
          </label>
        ))}
        <span className="muted">{t('policy.then')}</span>
        {STEP_ACTIONS.map((a) => (
          <label key={a} className="check">
            <input type="checkbox" checked={step.actions?.includes(a) ?? false} onChange={(e) => setAction(a, e.target.checked)} />
            {t(`stepAction.${a}` as MessageKey)}
          </label>
        ))}
        {last && (
          <label className="check">
            {t('policy.repeatEvery')}
            <input className="input num" type="number" min={1} max={365} value={step.repeatEveryDays ?? ''} onChange={(e) => onChange({ ...step, repeatEveryDays: e.target.value ? Number(e.target.value) : undefined, maxRepeats: e.target.value ? step.maxRepeats : undefined })} style={{ width: 64 }} />
            {t('policy.days')}
          </label>
        )}
      </div>
      {errors.map((e) => <div key={e} className="field-error">{e}</div>)}
    </li>
  );
}

/**
 * A policy's steps on the left, and on the right what they would do to a sample invoice that is never paid,
 * recomputed by the server's planner as you type.
 */
function Editor({ policy, onSaved }: { policy: Policy; onSaved: (p: Policy) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const today = useOrgToday();
  const [name, setName] = useState(policy.builtIn ? `${policy.name} (${t('policy.copy')})` : policy.name);
  const [steps, setSteps] = useState<Step[]>(policy.steps);
  const [amount, setAmount] = useState('1000');
  const [riskLevel, setRiskLevel] = useState('medium');
  const currency = session.organization.baseCurrency;
  const sampleMinor = parseTypedAmount(amount, currency);
  const dueDate = addDays(today, 30);
  const sorted = [...steps].sort((a, b) => a.offsetDays - b.offsetDays);
  const body = useDebounced(JSON.stringify({ steps: sorted, sample: { issueDate: today, dueDate, amountMinor: sampleMinor ?? 1, currency, riskLevel } }), 300);
  const preview = useQuery({ queryKey: ['policy-preview', body], queryFn: () => api.post<Preview>('/insight/policy-preview', JSON.parse(body)), placeholderData: (previous) => previous });
  const editable = session.can('settings:write');
  const save = useChange(
    () => (policy.builtIn ? api.post<Policy>('/dunning/policies', { name, steps: sorted }) : api.put<Policy>(`/dunning/policies/${policy.id}`, { name, steps: sorted })),
    onSaved,
  );
  const errorsByStep = useMemo(() => {
    const map = new Map<number, string[]>();
    for (const e of preview.data?.errors ?? []) {
      const m = /^steps\[(\d+)\]/.exec(e.field);
      const index = m ? Number(m[1]) : -1;
      map.set(index, [...(map.get(index) ?? []), e.message]);
    }
    return map;
  }, [preview.data]);
  const update = (index: number, step: Step) => setSteps(sorted.map((s, i) => (i === index ? step : s)));
  const addStep = () => {
    const offset = (sorted[sorted.length - 1]?.offsetDays ?? 0) + 7;
    setSteps([...sorted, { id: newStepId(sorted, offset), offsetDays: offset, channel: 'email', templateKey: 'overdue', tone: 'firm' }]);
  };

  return (
    <div className="grid grid-side" style={{ gridTemplateColumns: 'minmax(0, 1fr) 380px' }}>
      <section className="card">
        <div className="card-body stack" style={{ gap: 12 }}>
          <label className="field">
            <span>{t('policy.name')}</span>
            <input className="input" value={name} maxLength={200} disabled={!editable} onChange={(e) => setName(e.target.value)} />
          </label>
          {policy.builtIn && <p className="subtle">{t('policy.builtInHelp')}</p>}
        </div>
        <ol className="steps">
          {sorted.map((s, i) => (
            <StepRow key={s.id} step={s} index={i} last={i === sorted.length - 1} errors={errorsByStep.get(i) ?? []} onChange={(x) => update(i, x)} onRemove={() => setSteps(sorted.filter((_, j) => j !== i))} />
          ))}
        </ol>
        <div className="card-body actions">
          <button type="button" className="btn small" onClick={addStep}>+ {t('policy.addStep')}</button>
          {(errorsByStep.get(-1) ?? []).map((e) => <span key={e} className="field-error">{e}</span>)}
          <span style={{ flex: 1 }} />
          {editable && (
            <button type="button" className="btn primary" disabled={save.isPending || preview.data?.valid === false} onClick={() => save.mutate(undefined)}>
              {policy.builtIn ? t('policy.saveCopy') : t('common.save')}
            </button>
          )}
        </div>
        {save.error && <div className="card-body"><ErrorNotice error={save.error} /></div>}
      </section>
      <section className="card">
        <div className="card-head"><h2>{t('policy.preview')}</h2></div>
        <div className="card-body stack" style={{ gap: 12 }}>
          <p className="subtle">{t('policy.previewHelp', { issued: i18n.date(today), due: i18n.date(dueDate) })}</p>
          <div className="form-grid">
            <AmountField label={t('common.amount')} currency={currency} value={amount} onChange={setAmount} error={amount && !sampleMinor ? t('editor.badAmount') : null} />
            <label className="field">
              <span>{t('customers.risk')}</span>
              <select className="input" value={riskLevel} onChange={(e) => setRiskLevel(e.target.value)}>
                {RISK_LEVELS.map((r) => <option key={r} value={r}>{t(`risk.${r}`)}</option>)}
              </select>
            </label>
          </div>
          {preview.error && <ErrorNotice error={preview.error} />}
          {preview.data?.valid === false && <div className="notice error">{t('policy.invalid')}</div>}
          {preview.data?.entries && (
            <ol className="reasons" aria-label={t('policy.preview')} data-testid="policy-preview">
              {preview.data.entries.map((e) => (
                <li key={`${e.on}-${e.stepId}-${e.occurrence}-${e.outcome}`}>
                  <span>
                    <strong className="nowrap">{i18n.date(e.on)}</strong> · {offsetLabel(t, daysBetween(dueDate, e.on))}
                    <div className={e.outcome === 'skip' ? 'subtle' : 'muted'}>
                      {e.outcome === 'send' && `${t(`channel.${e.channel ?? 'email'}` as MessageKey)} · ${t(`tone.${e.tone ?? 'friendly'}` as MessageKey)}`}
                      {e.outcome === 'skip' && t('policy.skipped', { reason: t(`skipReason.${e.reason}` as MessageKey) === `skipReason.${e.reason}` ? (e.reason ?? '') : t(`skipReason.${e.reason}` as MessageKey) })}
                      {e.outcome !== 'send' && e.outcome !== 'skip' && t(`stepAction.${e.outcome === 'late_fee' ? 'apply_late_fee' : e.outcome === 'on_hold' ? 'put_on_hold' : 'hand_to_collections'}`)}
                    </div>
                  </span>
                </li>
              ))}
            </ol>
          )}
        </div>
      </section>
    </div>
  );
}

export function PoliciesPage() {
  const { t } = useI18n();
  const session = useSession();
  const policies = useQuery({ queryKey: ['dunning', 'policies'], queryFn: () => api.get<{ data: Policy[] }>('/dunning/policies') });
  const [selected, setSelected] = useState<string | null>(null);
  const makeDefault = useChange((id: string) => api.patch('/dunning/settings', { defaultPolicyId: id }));
  const run = useChange(() => api.post<{ messagesQueued: number; tasksCreated: number }>('/dunning/run'));
  if (policies.isPending) return <Loading />;
  if (policies.error) return <ErrorNotice error={policies.error} />;
  const current = policies.data.data.find((p) => p.id === selected) ?? policies.data.data.find((p) => p.isDefault) ?? policies.data.data[0];
  return (
    <>
      <PageHead title={t('nav.policies')} sub={t('policy.sub')}>
        <select className="input" aria-label={t('policy.choose')} value={current?.id ?? ''} onChange={(e) => setSelected(e.target.value)} style={{ width: 'auto' }}>
          {policies.data.data.map((p) => <option key={p.id} value={p.id}>{p.name}{p.isDefault ? ` · ${t('policy.default')}` : ''}</option>)}
        </select>
        {session.can('settings:write') && current && !current.isDefault && <button type="button" className="btn" onClick={() => makeDefault.mutate(current.id)}>{t('policy.makeDefault')}</button>}
        {session.can('settings:write') && <button type="button" className="btn" disabled={run.isPending} onClick={() => run.mutate(undefined)}>{t('policy.runNow')}</button>}
      </PageHead>
      {run.data && <div className="notice success" style={{ marginBottom: 16 }}>{t('policy.ran', { messages: run.data.messagesQueued, tasks: run.data.tasksCreated })}</div>}
      {(makeDefault.error || run.error) && <div style={{ marginBottom: 16 }}><ErrorNotice error={makeDefault.error ?? run.error} /></div>}
      {current && <Editor key={current.id} policy={current} onSaved={(p) => setSelected(p.id)} />}
    </>
  );
}
