import { addDays, type PlainDate, Temporal } from '../dates.ts';
import { success } from '../result.ts';
import { fail, type FeesResult } from './failure.ts';
import type { Jurisdiction } from './jurisdictions.ts';
import { DEFAULT_REFERENCE_RATES, rateInForce, type ReferenceRateSeriesId, type ReferenceRateTable } from './reference-rates.ts';

export { isJurisdiction, JURISDICTIONS, type Jurisdiction } from './jurisdictions.ts';

/**
 * How each law picks the reference rate for a day:
 * - first_day_of_half_year: the rate in force on 1 January applies January–June and the rate on 1 July
 *   applies July–December (Directive 2011/7/EU; Romania's transposition; §247 BGB moves on those
 *   days anyway).
 * - day_before_half_year: the rate on 31 December applies January–June and the rate on 30 June applies
 *   July–December (UK Late Payment of Commercial Debts (Interest) Act 1998 reference-rate order).
 * - daily: the rate in force on each day (Russian Civil Code art. 395 since 1 August 2016).
 */
export type ReferenceRule = 'first_day_of_half_year' | 'day_before_half_year' | 'daily';

export type StatutoryRule =
  | { readonly kind: 'reference'; readonly series: ReferenceRateSeriesId; readonly rule: ReferenceRule; readonly marginBp: number }
  | { readonly kind: 'fixed'; readonly rateBp: number };

// Business-to-business rates. EU is the Directive's floor for euro-area states that apply it as written.
// RO: OG 13/2011 art. 3(2^1), NBR rate + 8 pp between professionals (the text was not confirmed in our
// sources: verify). VN: Civil Code art. 357/468 default when no rate was agreed (50 % of the 20 % cap).
// ID: KUHPerdata art. 1250 bunga moratoir.
export const STATUTORY_RULES: Readonly<Record<Jurisdiction, StatutoryRule>> = {
  EU: { kind: 'reference', series: 'ECB_MRO', rule: 'first_day_of_half_year', marginBp: 800 },
  DE: { kind: 'reference', series: 'DE_BASISZINSSATZ', rule: 'first_day_of_half_year', marginBp: 900 },
  RO: { kind: 'reference', series: 'NBR_POLICY', rule: 'first_day_of_half_year', marginBp: 800 },
  UK: { kind: 'reference', series: 'BOE_BASE', rule: 'day_before_half_year', marginBp: 800 },
  RU: { kind: 'reference', series: 'CBR_KEY', rule: 'daily', marginBp: 0 },
  VN: { kind: 'fixed', rateBp: 1000 },
  ID: { kind: 'fixed', rateBp: 600 },
};

export interface StatutoryRate {
  readonly jurisdiction: Jurisdiction;
  /** Reference + margin, floored at zero: a negative reference rate never makes the creditor owe interest. */
  readonly annualRateBp: number;
  readonly marginBp: number;
  /** Null for fixed-rate jurisdictions. */
  readonly referenceRateBp: number | null;
  readonly series: ReferenceRateSeriesId | null;
  /** The day whose reference rate was used. */
  readonly referenceDate: PlainDate | null;
  /** The source period: the span of days sharing this rate by the same rule (null bounds: unbounded). */
  readonly validFrom: PlainDate | null;
  readonly validTo: PlainDate | null;
}

function halfYear(day: PlainDate): { start: PlainDate; end: PlainDate } {
  const firstHalf = day.month <= 6;
  return {
    start: Temporal.PlainDate.from({ year: day.year, month: firstHalf ? 1 : 7, day: 1 }),
    end: Temporal.PlainDate.from({ year: day.year, month: firstHalf ? 6 : 12, day: firstHalf ? 30 : 31 }),
  };
}

/** The statutory annual rate for a jurisdiction on `day`, with the period it holds for. */
export function statutoryRate(jurisdiction: Jurisdiction, day: PlainDate, table: ReferenceRateTable = DEFAULT_REFERENCE_RATES): FeesResult<StatutoryRate> {
  const rule = STATUTORY_RULES[jurisdiction];
  if (rule.kind === 'fixed') {
    return success({
      jurisdiction, annualRateBp: rule.rateBp, marginBp: 0, referenceRateBp: null, series: null, referenceDate: null, validFrom: null, validTo: null,
    });
  }
  const half = halfYear(day);
  const referenceDate = rule.rule === 'daily' ? day : rule.rule === 'first_day_of_half_year' ? half.start : addDays(half.start, -1);
  const reference = rateInForce(table, rule.series, referenceDate);
  if (!reference)
    return fail('REFERENCE_RATE_UNKNOWN', 'asOf', `The ${rule.series} rate on ${referenceDate.toString()} is not in the reference-rate table`);
  return success({
    jurisdiction,
    annualRateBp: Math.max(0, reference.rateBp + rule.marginBp),
    marginBp: rule.marginBp,
    referenceRateBp: reference.rateBp,
    series: rule.series,
    referenceDate,
    validFrom: rule.rule === 'daily' ? reference.from : half.start,
    validTo: rule.rule === 'daily' ? reference.to : half.end,
  });
}
