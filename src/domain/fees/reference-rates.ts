import { addDays, compareDates, date, type PlainDate } from '../dates.ts';

// Central-bank reference rates, as integer basis points with the day each value took effect (inclusive).
// The shipped table is only a default: an organization may supply its own table of the same type (see
// parse-reference-rates.ts), e.g. to extend it past `coveredThrough` before we ship an update.
export const REFERENCE_RATE_SERIES = ['ECB_MRO', 'BOE_BASE', 'NBR_POLICY', 'CBR_KEY', 'DE_BASISZINSSATZ'] as const;
export type ReferenceRateSeriesId = (typeof REFERENCE_RATE_SERIES)[number];

export interface RateChange {
  readonly from: PlainDate;
  readonly rateBp: number;
}

export interface ReferenceRateSeries {
  /** Strictly increasing by `from`; each rate holds from its date until the day before the next one. */
  readonly changes: readonly RateChange[];
  /**
   * The last day the table vouches for. A later day is unknown rather than assumed unchanged: charging
   * statutory interest at a stale rate is a legal error, so callers get REFERENCE_RATE_UNKNOWN instead.
   */
  readonly coveredThrough: PlainDate;
}

export type ReferenceRateTable = Readonly<Partial<Record<ReferenceRateSeriesId, ReferenceRateSeries>>>;

export interface RateInForce {
  readonly rateBp: number;
  /** The day this value took effect. */
  readonly from: PlainDate;
  /** The last day this value is known to hold: the day before the next change, or `coveredThrough`. */
  readonly to: PlainDate;
}

/** The rate of a series in force on `day`; null when the table does not cover that day. */
export function rateInForce(table: ReferenceRateTable, series: ReferenceRateSeriesId, day: PlainDate): RateInForce | null {
  const s = table[series];
  if (!s || compareDates(day, s.coveredThrough) > 0) return null;
  let index = -1;
  for (const [i, change] of s.changes.entries()) {
    if (compareDates(change.from, day) > 0) break;
    index = i;
  }
  const current = s.changes[index];
  if (!current) return null;
  const next = s.changes[index + 1];
  const to = next && compareDates(addDays(next.from, -1), s.coveredThrough) < 0 ? addDays(next.from, -1) : s.coveredThrough;
  return { rateBp: current.rateBp, from: current.from, to };
}

const series = (coveredThrough: string, changes: ReadonlyArray<readonly [from: string, rateBp: number]>): ReferenceRateSeries => ({
  coveredThrough: date(coveredThrough),
  changes: changes.map(([from, rateBp]) => ({ from: date(from), rateBp })),
});

/*
 * Verify against the central banks before production, in particular:
 * - NBR_POLICY: the dates are the NBR board's decision dates; the effective date may be the next business
 *   day (bnro.ro). No decision falls near 1 January or 1 July, so the half-year statutory rates do not depend
 *   on it. The whole 2025 hold at 6.50 % (coveredThrough 2025-12-31) should be confirmed.
 * - ECB_MRO: coveredThrough 2025-12-31 assumes the MRO stayed at 2.15 % through December 2025.
 * - BOE_BASE: covered only up to the day before the 18 December 2025 MPC decision; add it before charging
 *   UK interest for January–June 2026 (which uses the rate on 31 December 2025).
 * - CBR_KEY: covered up to the day before the rate set on 19 December 2025 took effect.
 * ECB MRO moves from 2022, the Bank of England moves from August 2023 and the Basiszinssatz values are
 * the well-published ones; the earlier Bank of England and all Bank of Russia dates are effective dates
 * from the banks' press releases and are the ones most worth a second look.
 */
export const DEFAULT_REFERENCE_RATES: ReferenceRateTable = {
  ECB_MRO: series('2025-12-31', [
    ['2016-03-16', 0],
    ['2022-07-27', 50],
    ['2022-09-14', 125],
    ['2022-11-02', 200],
    ['2022-12-21', 250],
    ['2023-02-08', 300],
    ['2023-03-22', 350],
    ['2023-05-10', 375],
    ['2023-06-21', 400],
    ['2023-08-02', 425],
    ['2023-09-20', 450],
    ['2024-06-12', 425],
    ['2024-09-18', 365],
    ['2024-10-23', 340],
    ['2024-12-18', 315],
    ['2025-02-05', 290],
    ['2025-03-12', 265],
    ['2025-04-23', 240],
    ['2025-06-11', 215],
  ]),
  BOE_BASE: series('2025-12-17', [
    ['2020-03-19', 10],
    ['2021-12-16', 25],
    ['2022-02-03', 50],
    ['2022-03-17', 75],
    ['2022-05-05', 100],
    ['2022-06-16', 125],
    ['2022-08-04', 175],
    ['2022-09-22', 225],
    ['2022-11-03', 300],
    ['2022-12-15', 350],
    ['2023-02-02', 400],
    ['2023-03-23', 425],
    ['2023-05-11', 450],
    ['2023-06-22', 500],
    ['2023-08-03', 525],
    ['2024-08-01', 500],
    ['2024-11-07', 475],
    ['2025-02-06', 450],
    ['2025-05-08', 425],
    ['2025-08-07', 400],
  ]),
  NBR_POLICY: series('2025-12-31', [
    ['2021-11-09', 175],
    ['2022-01-10', 200],
    ['2022-02-09', 250],
    ['2022-04-06', 300],
    ['2022-05-10', 375],
    ['2022-07-06', 475],
    ['2022-08-05', 550],
    ['2022-10-05', 625],
    ['2022-11-08', 675],
    ['2023-01-10', 700],
    ['2024-07-05', 675],
    ['2024-08-08', 650],
  ]),
  CBR_KEY: series('2025-12-21', [
    ['2021-12-20', 850],
    ['2022-02-14', 950],
    ['2022-02-28', 2000],
    ['2022-04-11', 1700],
    ['2022-05-04', 1400],
    ['2022-05-27', 1100],
    ['2022-06-14', 950],
    ['2022-07-25', 800],
    ['2022-09-19', 750],
    ['2023-07-24', 850],
    ['2023-08-15', 1200],
    ['2023-09-18', 1300],
    ['2023-10-30', 1500],
    ['2023-12-18', 1600],
    ['2024-07-29', 1800],
    ['2024-09-16', 1900],
    ['2024-10-28', 2100],
    ['2025-06-09', 2000],
    ['2025-07-28', 1800],
    ['2025-09-15', 1700],
    ['2025-10-27', 1650],
  ]),
  // §247 BGB: the Bundesbank's base rate moves on 1 January and 1 July by the change in the ECB MRO rate
  // since its last move. It is negative from 2016 to 2022, which the statutory rate must handle.
  DE_BASISZINSSATZ: series('2025-12-31', [
    ['2016-07-01', -88],
    ['2023-01-01', 162],
    ['2023-07-01', 312],
    ['2024-01-01', 362],
    ['2024-07-01', 337],
    ['2025-01-01', 227],
    ['2025-07-01', 127],
  ]),
};
