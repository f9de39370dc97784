import { addDays, compareDates, parseDate, type PlainDate } from '../../domain/dates.ts';
import { isCurrencyCode } from '../../domain/currency.ts';
import { type DoneStep, doneStep, type DunningAction, planDunning, policyErrors, type RiskLevel, validatePolicy } from '../../domain/dunning/index.ts';
import { failure, type Result, success } from '../../domain/result.ts';

export interface SampleInvoice {
  readonly issueDate: string;
  readonly dueDate: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly riskLevel: RiskLevel;
  readonly tags: readonly string[];
}

export interface PreviewEntry {
  readonly on: PlainDate;
  readonly stepId: string;
  readonly occurrence: number;
  readonly outcome: 'send' | 'skip' | 'late_fee' | 'on_hold' | 'to_collections';
  readonly channel: string | null;
  readonly tone: string | null;
  readonly templateKey: string | null;
  /** Why a step is skipped (CONDITION_NOT_MET with the condition, BEFORE_SCHEDULE_START…). */
  readonly reason: string | null;
}

export type PolicyPreview =
  | { readonly valid: false; readonly errors: readonly { code: string; message: string; field: string }[] }
  | { readonly valid: true; readonly entries: readonly PreviewEntry[]; readonly horizon: PlainDate };

/** How far after the due date the preview looks; repeats beyond it are left out. */
export const PREVIEW_DAYS_AFTER_DUE = 180;
const MAX_ENTRIES = 60;

function entriesOf(actions: readonly DunningAction[], on: PlainDate, steps: Map<string, { channel: string; tone: string; templateKey: string }>): PreviewEntry[] {
  const out: PreviewEntry[] = [];
  for (const a of actions) {
    if (a.kind === 'send') out.push({ on, stepId: a.stepId, occurrence: a.occurrence, outcome: 'send', channel: a.channel, tone: a.tone, templateKey: a.templateKey, reason: null });
    else if (a.kind === 'skip') {
      const step = steps.get(a.stepId);
      out.push({ on, stepId: a.stepId, occurrence: a.occurrence, outcome: 'skip', channel: step?.channel ?? null, tone: step?.tone ?? null, templateKey: step?.templateKey ?? null, reason: a.condition ?? a.reason });
    } else if (a.kind === 'apply_late_fee') out.push({ on, stepId: a.stepId, occurrence: a.occurrence, outcome: 'late_fee', channel: null, tone: null, templateKey: null, reason: null });
    else if (a.kind === 'put_on_hold') out.push({ on, stepId: a.stepId, occurrence: 1, outcome: 'on_hold', channel: null, tone: null, templateKey: null, reason: null });
    else if (a.kind === 'hand_to_collections') out.push({ on, stepId: a.stepId, occurrence: 1, outcome: 'to_collections', channel: null, tone: null, templateKey: null, reason: null });
  }
  return out;
}

/**
 * What a policy would do to a sample invoice that is never paid: the dunning planner run day by day from
 * the issue date, exactly as the daily tick runs it, so the editor shows the real schedule (catch-up rules,
 * conditions, repeats, step actions) before anything is saved. Writes nothing.
 */
export function previewPolicy(steps: unknown, sample: SampleInvoice): Result<PolicyPreview> {
  const issuedOn = parseDate(sample.issueDate);
  const dueDate = parseDate(sample.dueDate);
  if (!issuedOn) return failure('INVALID_DATE', 'Not a calendar date', 'sample.issueDate');
  if (!dueDate) return failure('INVALID_DATE', 'Not a calendar date', 'sample.dueDate');
  if (compareDates(dueDate, issuedOn) < 0) return failure('DUE_BEFORE_ISSUE', 'The sample is due before it is issued', 'sample.dueDate');
  if (!isCurrencyCode(sample.currency)) return failure('UNKNOWN_CURRENCY', `Unknown currency ${sample.currency}`, 'sample.currency');
  const candidate = { id: 'preview', name: 'Preview', steps };
  const checked = validatePolicy(candidate);
  if (!checked.ok) return success({ valid: false, errors: policyErrors(candidate).map((e) => ({ code: e.code, message: e.message, field: e.field })) });
  const policy = checked.value;
  const stepInfo = new Map(policy.steps.map((s) => [s.id, { channel: s.channel, tone: s.tone, templateKey: s.templateKey }]));
  const history: DoneStep[] = [];
  const entries: PreviewEntry[] = [];
  const horizon = addDays(dueDate, PREVIEW_DAYS_AFTER_DUE);
  const first = policy.steps[0] ? addDays(dueDate, policy.steps[0].offsetDays) : dueDate;
  for (let today = compareDates(first, issuedOn) > 0 ? first : issuedOn; compareDates(today, horizon) <= 0 && entries.length < MAX_ENTRIES; today = addDays(today, 1)) {
    const plan = planDunning({
      invoice: { id: 'sample', customerId: 'sample', currency: sample.currency, issuedOn, dueDate, balanceMinor: sample.amountMinor, status: 'open', dunningPaused: false },
      customer: { status: 'active', excluded: false, tags: sample.tags, riskLevel: sample.riskLevel },
      policy,
      history,
      today,
    });
    for (const a of plan.actions) if (a.kind === 'send' || a.kind === 'skip') history.push(doneStep(a, today));
    entries.push(...entriesOf(plan.actions, today, stepInfo));
    if (plan.actions.some((a) => a.kind === 'hand_to_collections')) break;
  }
  return success({ valid: true, entries: entries.slice(0, MAX_ENTRIES), horizon });
}
