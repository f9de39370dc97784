import { isCurrencyCode } from '../currency.ts';
import type { RiskLevel } from '../metrics/risk-score.ts';
import { failure, type Failure, type Result, success } from '../result.ts';

export const DUNNING_CHANNELS = ['email', 'sms', 'call_task', 'letter', 'webhook'] as const;
export type DunningChannel = (typeof DUNNING_CHANNELS)[number];
/** In escalation order: a later tone is firmer. */
export const TONES = ['friendly', 'firm', 'final'] as const;
export type Tone = (typeof TONES)[number];
export type { RiskLevel };
export const RISK_LEVELS: readonly RiskLevel[] = ['low', 'medium', 'high'];
export const STEP_ACTIONS = ['apply_late_fee', 'put_on_hold', 'hand_to_collections'] as const;
export type StepAction = (typeof STEP_ACTIONS)[number];

export const MIN_OFFSET_DAYS = -90;
export const MAX_OFFSET_DAYS = 365;
export const MAX_STEPS = 30;
export const MAX_REPEAT_EVERY_DAYS = 365;
export const MAX_REPEATS = 1000;

/** Every condition present must hold for the step to run; an absent condition always holds. */
export interface StepConditions {
  /** Minimum balance in minor units, per ISO 4217 code; a currency not listed has no minimum. */
  readonly minBalanceMinor?: Readonly<Record<string, number>>;
  readonly requiredTags?: readonly string[];
  readonly excludedTags?: readonly string[];
  readonly riskLevels?: readonly RiskLevel[];
}

export interface DunningStep {
  /** Stable across edits of the policy: history and idempotency keys refer to it. */
  readonly id: string;
  /** Days from the due date (negative: before it). */
  readonly offsetDays: number;
  /** Only on the last step: repeat this many days after the previous occurrence was done. */
  readonly repeatEveryDays?: number;
  /** Repeats after the first occurrence; absent means until the invoice is settled. */
  readonly maxRepeats?: number;
  readonly channel: DunningChannel;
  readonly templateKey: string;
  readonly tone: Tone;
  readonly conditions?: StepConditions;
  readonly actions?: readonly StepAction[];
}

export interface DunningPolicy {
  readonly id: string;
  readonly name: string;
  /** Strictly increasing offsets: one step per day, so "the latest due step" is always unambiguous. */
  readonly steps: readonly DunningStep[];
}

export type PolicyErrorCode =
  | 'POLICY_INVALID'
  | 'UNKNOWN_FIELD'
  | 'POLICY_ID_INVALID'
  | 'POLICY_NAME_INVALID'
  | 'STEPS_MISSING'
  | 'TOO_MANY_STEPS'
  | 'STEP_INVALID'
  | 'STEP_ID_INVALID'
  | 'STEP_ID_DUPLICATE'
  | 'OFFSET_INVALID'
  | 'OFFSET_OUT_OF_RANGE'
  | 'OFFSET_DUPLICATE'
  | 'STEPS_NOT_SORTED'
  | 'REPEAT_NOT_ON_LAST_STEP'
  | 'REPEAT_EVERY_INVALID'
  | 'MAX_REPEATS_INVALID'
  | 'MAX_REPEATS_WITHOUT_REPEAT'
  | 'CHANNEL_INVALID'
  | 'TONE_INVALID'
  | 'TEMPLATE_KEY_INVALID'
  | 'CONDITIONS_INVALID'
  | 'MIN_BALANCE_CURRENCY_INVALID'
  | 'MIN_BALANCE_INVALID'
  | 'TAGS_INVALID'
  | 'TAG_INVALID'
  | 'TAG_CONFLICT'
  | 'RISK_LEVELS_INVALID'
  | 'RISK_LEVEL_INVALID'
  | 'ACTIONS_INVALID'
  | 'ACTION_INVALID'
  | 'ACTION_DUPLICATE';

export interface PolicyError extends Failure {
  readonly code: PolicyErrorCode;
  readonly field: string;
}

// Ids and template keys end up in idempotency keys, URLs and file names: keep them to a safe alphabet.
const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const TAG = /^[^\p{Cc}\p{Cf}]{1,64}$/u;
const MAX_TAGS = 50;
const MAX_NAME_LENGTH = 200;

const POLICY_FIELDS = new Set(['id', 'name', 'steps']);
const STEP_FIELDS = new Set(['id', 'offsetDays', 'repeatEveryDays', 'maxRepeats', 'channel', 'templateKey', 'tone', 'conditions', 'actions']);
const CONDITION_FIELDS = new Set(['minBalanceMinor', 'requiredTags', 'excludedTags', 'riskLevels']);

type Errors = PolicyError[];

function err(errors: Errors, code: PolicyErrorCode, field: string, message: string): void {
  errors.push(failure(code, message, field) as PolicyError);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function checkUnknownFields(errors: Errors, value: Record<string, unknown>, known: ReadonlySet<string>, prefix: string): void {
  for (const key of Object.keys(value)) {
    if (!known.has(key)) err(errors, 'UNKNOWN_FIELD', `${prefix}${key}`, `Unknown field ${key}`);
  }
}

function checkTags(errors: Errors, value: unknown, field: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length > MAX_TAGS) {
    err(errors, 'TAGS_INVALID', field, `Tags must be a list of at most ${MAX_TAGS} strings`);
    return undefined;
  }
  const tags: unknown[] = Array.from(value);
  tags.forEach((tag, i) => {
    if (typeof tag !== 'string' || !TAG.test(tag) || tag.trim() !== tag) {
      err(errors, 'TAG_INVALID', `${field}[${i}]`, 'A tag is 1 to 64 printable characters without surrounding spaces');
    }
  });
  return tags.filter((t): t is string => typeof t === 'string');
}

function checkMinBalance(errors: Errors, value: unknown, field: string): Record<string, number> | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) {
    err(errors, 'MIN_BALANCE_INVALID', field, 'Minimum balances are an object of currency code to minor units');
    return undefined;
  }
  const entries: [string, number][] = [];
  for (const [currency, amount] of Object.entries(value)) {
    if (!isCurrencyCode(currency)) err(errors, 'MIN_BALANCE_CURRENCY_INVALID', `${field}.${currency}`, `Unknown currency code ${currency}`);
    else if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 0) {
      err(errors, 'MIN_BALANCE_INVALID', `${field}.${currency}`, 'A minimum balance is a non-negative integer in minor units');
    } else entries.push([currency, amount]);
  }
  return Object.fromEntries(entries);
}

function checkConditions(errors: Errors, value: unknown, field: string): StepConditions | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) {
    err(errors, 'CONDITIONS_INVALID', field, 'Conditions must be an object');
    return undefined;
  }
  checkUnknownFields(errors, value, CONDITION_FIELDS, `${field}.`);
  const minBalanceMinor = checkMinBalance(errors, value['minBalanceMinor'], `${field}.minBalanceMinor`);
  const requiredTags = checkTags(errors, value['requiredTags'], `${field}.requiredTags`);
  const excludedTags = checkTags(errors, value['excludedTags'], `${field}.excludedTags`);
  const conflict = requiredTags?.find((t) => excludedTags?.includes(t));
  if (conflict !== undefined) err(errors, 'TAG_CONFLICT', `${field}.excludedTags`, `Tag ${conflict} is both required and excluded`);
  let riskLevels: RiskLevel[] | undefined;
  const risks = value['riskLevels'];
  if (risks !== undefined) {
    if (!Array.isArray(risks) || risks.length === 0 || risks.length > RISK_LEVELS.length) {
      err(errors, 'RISK_LEVELS_INVALID', `${field}.riskLevels`, `Risk levels are a non-empty list of ${RISK_LEVELS.join(', ')}`);
    } else {
      const list: unknown[] = Array.from(risks);
      list.forEach((r, i) => {
        if (!isOneOf(RISK_LEVELS, r)) err(errors, 'RISK_LEVEL_INVALID', `${field}.riskLevels[${i}]`, `Risk level must be one of ${RISK_LEVELS.join(', ')}`);
      });
      riskLevels = list.filter((r): r is RiskLevel => isOneOf(RISK_LEVELS, r));
    }
  }
  return {
    ...(minBalanceMinor && { minBalanceMinor }),
    ...(requiredTags && { requiredTags }),
    ...(excludedTags && { excludedTags }),
    ...(riskLevels && { riskLevels }),
  };
}

function checkActions(errors: Errors, value: unknown, field: string): StepAction[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length > STEP_ACTIONS.length) {
    err(errors, 'ACTIONS_INVALID', field, `Actions are a list of ${STEP_ACTIONS.join(', ')}`);
    return undefined;
  }
  const list: unknown[] = Array.from(value);
  list.forEach((a, i) => {
    if (!isOneOf(STEP_ACTIONS, a)) err(errors, 'ACTION_INVALID', `${field}[${i}]`, `Action must be one of ${STEP_ACTIONS.join(', ')}`);
    else if (list.indexOf(a) !== i) err(errors, 'ACTION_DUPLICATE', `${field}[${i}]`, `Action ${a} is listed twice`);
  });
  return list.filter((a): a is StepAction => isOneOf(STEP_ACTIONS, a));
}

function checkStep(errors: Errors, value: unknown, f: string, isLast: boolean): DunningStep | null {
  if (!isRecord(value)) {
    err(errors, 'STEP_INVALID', f, 'A step must be an object');
    return null;
  }
  checkUnknownFields(errors, value, STEP_FIELDS, `${f}.`);
  const { id, offsetDays, repeatEveryDays, maxRepeats, channel, templateKey, tone } = value;
  if (typeof id !== 'string' || !IDENTIFIER.test(id)) err(errors, 'STEP_ID_INVALID', `${f}.id`, 'A step id is 1 to 64 letters, digits, _ . or -');
  if (typeof offsetDays !== 'number' || !Number.isInteger(offsetDays)) {
    err(errors, 'OFFSET_INVALID', `${f}.offsetDays`, 'The offset is a whole number of days from the due date');
  } else if (offsetDays < MIN_OFFSET_DAYS || offsetDays > MAX_OFFSET_DAYS) {
    err(errors, 'OFFSET_OUT_OF_RANGE', `${f}.offsetDays`, `The offset must be between ${MIN_OFFSET_DAYS} and ${MAX_OFFSET_DAYS} days`);
  }
  if (repeatEveryDays !== undefined) {
    if (!isLast) err(errors, 'REPEAT_NOT_ON_LAST_STEP', `${f}.repeatEveryDays`, 'Only the last step may repeat');
    else if (!isIntegerIn(repeatEveryDays, 1, MAX_REPEAT_EVERY_DAYS)) {
      err(errors, 'REPEAT_EVERY_INVALID', `${f}.repeatEveryDays`, `Repeat every 1 to ${MAX_REPEAT_EVERY_DAYS} days`);
    }
  }
  if (maxRepeats !== undefined) {
    if (repeatEveryDays === undefined) err(errors, 'MAX_REPEATS_WITHOUT_REPEAT', `${f}.maxRepeats`, 'maxRepeats needs repeatEveryDays');
    else if (!isIntegerIn(maxRepeats, 1, MAX_REPEATS)) err(errors, 'MAX_REPEATS_INVALID', `${f}.maxRepeats`, `maxRepeats is 1 to ${MAX_REPEATS}`);
  }
  if (!isOneOf(DUNNING_CHANNELS, channel)) err(errors, 'CHANNEL_INVALID', `${f}.channel`, `Channel must be one of ${DUNNING_CHANNELS.join(', ')}`);
  if (typeof templateKey !== 'string' || !IDENTIFIER.test(templateKey)) {
    err(errors, 'TEMPLATE_KEY_INVALID', `${f}.templateKey`, 'A template key is 1 to 64 letters, digits, _ . or -');
  }
  if (!isOneOf(TONES, tone)) err(errors, 'TONE_INVALID', `${f}.tone`, `Tone must be one of ${TONES.join(', ')}`);
  const conditions = checkConditions(errors, value['conditions'], `${f}.conditions`);
  const actions = checkActions(errors, value['actions'], `${f}.actions`);
  return {
    id: id as string,
    offsetDays: offsetDays as number,
    ...(repeatEveryDays !== undefined && { repeatEveryDays: repeatEveryDays as number }),
    ...(maxRepeats !== undefined && { maxRepeats: maxRepeats as number }),
    channel: channel as DunningChannel,
    templateKey: templateKey as string,
    tone: tone as Tone,
    ...(conditions && { conditions }),
    ...(actions && { actions }),
  };
}

/**
 * Check a list of steps from outside input (a policy's, or a payment plan's installment reminders) and
 * rebuild it from known fields only. Returns every error, each naming its field, so an editor can mark
 * them all at once; the steps are to be used only when there is no error.
 */
export function checkSteps(value: unknown, field = 'steps'): { readonly steps: DunningStep[]; readonly errors: PolicyError[] } {
  const errors: Errors = [];
  if (!Array.isArray(value) || value.length === 0) {
    err(errors, 'STEPS_MISSING', field, 'At least one step is needed');
    return { steps: [], errors };
  }
  if (value.length > MAX_STEPS) {
    err(errors, 'TOO_MANY_STEPS', field, `At most ${MAX_STEPS} steps`);
    return { steps: [], errors };
  }
  const items: unknown[] = Array.from(value);
  const steps = items.map((s, i) => checkStep(errors, s, `${field}[${i}]`, i === items.length - 1));
  const seen = new Set<string>();
  steps.forEach((step, i) => {
    if (!step) return;
    if (typeof step.id === 'string' && seen.has(step.id)) err(errors, 'STEP_ID_DUPLICATE', `${field}[${i}].id`, `Step id ${step.id} is used twice`);
    seen.add(step.id);
    const previous = steps[i - 1];
    if (!previous || !Number.isInteger(previous.offsetDays) || !Number.isInteger(step.offsetDays)) return;
    if (step.offsetDays === previous.offsetDays) err(errors, 'OFFSET_DUPLICATE', `${field}[${i}].offsetDays`, 'Two steps fall on the same day');
    else if (step.offsetDays < previous.offsetDays) err(errors, 'STEPS_NOT_SORTED', `${field}[${i}].offsetDays`, 'Steps must be sorted by offset');
  });
  return { steps: steps.filter((s): s is DunningStep => s !== null), errors };
}

/** All errors of a policy as it came from outside (API body, import, stored JSON). */
export function policyErrors(value: unknown): PolicyError[] {
  return parse(value).errors;
}

/** A policy from outside input, rebuilt from its known fields only, or the first error. */
export function validatePolicy(value: unknown): Result<DunningPolicy> {
  const { policy, errors } = parse(value);
  const first = errors[0];
  return first ? first : success(policy);
}

function parse(value: unknown): { policy: DunningPolicy; errors: PolicyError[] } {
  if (!isRecord(value)) {
    return { policy: { id: '', name: '', steps: [] }, errors: [failure('POLICY_INVALID', 'A policy must be an object', '') as PolicyError] };
  }
  const errors: Errors = [];
  checkUnknownFields(errors, value, POLICY_FIELDS, '');
  const { id, name } = value;
  if (typeof id !== 'string' || !IDENTIFIER.test(id)) err(errors, 'POLICY_ID_INVALID', 'id', 'A policy id is 1 to 64 letters, digits, _ . or -');
  if (typeof name !== 'string' || name.trim() === '' || name.length > MAX_NAME_LENGTH) {
    err(errors, 'POLICY_NAME_INVALID', 'name', `A policy name is 1 to ${MAX_NAME_LENGTH} characters`);
  }
  const checked = checkSteps(value['steps']);
  errors.push(...checked.errors);
  return { policy: { id: id as string, name: name as string, steps: checked.steps }, errors };
}
