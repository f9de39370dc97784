import rrule from 'rrule';
import { addDays, compareDates, daysBetween, type PlainDate, Temporal } from '../../domain/dates.ts';
import { failure, type Result, success } from '../../domain/result.ts';
import type { FREQUENCIES } from './inputs.ts';

// When a recurring invoice falls due. Pure: the same schedule always gives the same days. Fixed frequencies
// count from the start date (the 31st stays the 31st where the month has one, and is the last day otherwise);
// an RFC 5545 rule is expanded by the rrule library with the start date as DTSTART, in floating UTC days.
const { RRule } = rrule;
type Rule = InstanceType<typeof RRule>;

export type Frequency = (typeof FREQUENCIES)[number];

export interface Recurrence {
  readonly frequency: Frequency;
  readonly rrule: string | null;
  readonly start: PlainDate;
  readonly end: PlainDate | null;
}

/** How far ahead a rule is searched: a rule with nothing in 20 years is treated as finished. */
const HORIZON_YEARS = 20;
const MAX_RULE_LENGTH = 500;
const STEPS: Readonly<Record<Exclude<Frequency, 'rrule'>, { readonly weeks?: number; readonly months?: number }>> = {
  weekly: { weeks: 1 },
  biweekly: { weeks: 2 },
  monthly: { months: 1 },
  quarterly: { months: 3 },
  yearly: { months: 12 },
};
const ALLOWED_FREQ = new Set([RRule.DAILY, RRule.WEEKLY, RRule.MONTHLY, RRule.YEARLY]);

const toUtc = (d: PlainDate) => new Date(Date.UTC(d.year, d.month - 1, d.day));
const fromUtc = (d: Date) => Temporal.PlainDate.from({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });

/**
 * Check an RRULE and return it in the stored form (no "RRULE:" prefix, upper case). One RRULE line only: the
 * start comes from the schedule (no DTSTART), times of day are meaningless for invoices (no HOURLY and finer),
 * and it must produce at least one day within the horizon.
 */
export function parseRecurrenceRule(text: string, start: PlainDate, field = 'rrule'): Result<string> {
  const rule = text.trim().replace(/^RRULE:/i, '').toUpperCase();
  if (rule.length === 0 || rule.length > MAX_RULE_LENGTH || !/^[A-Z0-9=;,+-]+$/.test(rule))
    return failure('RRULE_INVALID', 'Write one RFC 5545 RRULE such as FREQ=MONTHLY;BYMONTHDAY=1 (letters, digits, = ; , + - only)', field);
  if (/(^|;)(DTSTART|TZID)=/.test(rule)) return failure('RRULE_INVALID', 'The schedule start date is the DTSTART: leave DTSTART and TZID out', field);
  let options: ReturnType<typeof RRule.parseString>;
  try {
    options = RRule.parseString(rule);
  } catch (error) {
    return failure('RRULE_INVALID', `Not a valid RRULE: ${String((error as Error).message).slice(0, 120)}`, field);
  }
  if (options.freq === undefined || !ALLOWED_FREQ.has(options.freq)) return failure('RRULE_INVALID', 'FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY', field);
  if (options.interval !== undefined && (options.interval < 1 || options.interval > 1000)) return failure('RRULE_INVALID', 'INTERVAL must be 1 to 1000', field);
  if (options.count !== undefined && options.count !== null && (options.count < 1 || options.count > 10_000)) return failure('RRULE_INVALID', 'COUNT must be 1 to 10000', field);
  let first: PlainDate | null;
  try {
    first = firstRuleDay(new RRule({ ...options, dtstart: toUtc(start) }), null, start);
  } catch (error) {
    return failure('RRULE_INVALID', `Not a valid RRULE: ${String((error as Error).message).slice(0, 120)}`, field);
  }
  if (!first) return failure('RRULE_NEVER_OCCURS', `The rule gives no day within ${HORIZON_YEARS} years of the start date`, field);
  return success(rule);
}

function ruleOf(r: Recurrence): Rule {
  return new RRule({ ...RRule.parseString(r.rrule ?? ''), dtstart: toUtc(r.start) });
}

/** The first day of the rule strictly after `after` (or on/after `from` when after is null), within the horizon. */
function firstRuleDay(rule: Rule, after: PlainDate | null, from: PlainDate): PlainDate | null {
  const lower = after ? addDays(after, 1) : from;
  const found = rule.between(toUtc(lower), toUtc(lower.add({ years: HORIZON_YEARS })), true, (_d, i) => i < 1);
  return found[0] ? fromUtc(found[0]) : null;
}

/** The n-th occurrence (0 = the start date) of a fixed frequency. */
function nth(start: PlainDate, step: { weeks?: number; months?: number }, n: number): PlainDate {
  return step.weeks ? addDays(start, 7 * step.weeks * n) : start.add({ months: (step.months ?? 1) * n });
}

/** The occurrence index to start scanning from so that nth(index) is at or before `after`. */
function startIndex(start: PlainDate, step: { weeks?: number; months?: number }, after: PlainDate): number {
  const elapsed = step.weeks ? Math.floor(daysBetween(start, after) / (7 * step.weeks)) : Math.floor(((after.year - start.year) * 12 + after.month - start.month) / (step.months ?? 1));
  return Math.max(0, elapsed - 1);
}

/** Occurrences after `after` (exclusive; null: from the start) through `through` (inclusive), at most `limit`. */
export function occurrencesBetween(r: Recurrence, after: PlainDate | null, through: PlainDate, limit = 1000): PlainDate[] {
  const last = r.end && compareDates(r.end, through) < 0 ? r.end : through;
  const isAfter = (d: PlainDate) => (after === null || compareDates(d, after) > 0) && compareDates(d, r.start) >= 0;
  if (r.frequency === 'rrule') {
    const lower = after && compareDates(after, r.start) >= 0 ? addDays(after, 1) : r.start;
    if (compareDates(lower, last) > 0) return [];
    return ruleOf(r)
      .between(toUtc(lower), toUtc(last), true, (_d, i) => i < limit)
      .map(fromUtc)
      .filter(isAfter);
  }
  const step = STEPS[r.frequency];
  const days: PlainDate[] = [];
  for (let n = after ? startIndex(r.start, step, after) : 0; days.length < limit; n++) {
    const d = nth(r.start, step, n);
    if (compareDates(d, last) > 0) break;
    if (isAfter(d)) days.push(d);
  }
  return days;
}

/** The first occurrence after `after` (null: the first of all), or null when the schedule has no more. */
export function nextOccurrence(r: Recurrence, after: PlainDate | null): PlainDate | null {
  let next: PlainDate | null;
  if (r.frequency === 'rrule') next = firstRuleDay(ruleOf(r), after && compareDates(after, r.start) >= 0 ? after : null, r.start);
  else {
    const step = STEPS[r.frequency];
    let n = after ? startIndex(r.start, step, after) : 0;
    while (after && compareDates(nth(r.start, step, n), after) <= 0) n++;
    next = nth(r.start, step, n);
  }
  return next && (r.end === null || compareDates(next, r.end) <= 0) ? next : null;
}
