import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { date } from '../dates.ts';
import { daysSalesOutstanding, dsoTrend } from './dso.ts';
import { dayArb, invoice, ledgerArb, ledgerOf } from './test-support.ts';

// Sales by month: Dec 100 000 (X0), Jan 300 000 (X1), Feb 200 000 (X2), Mar 410 000 (X3).
const ledger = ledgerOf([
  invoice('X0', 'k', '2024-12-15', '2025-01-14', 100_000),
  invoice('X1', 'k', '2025-01-10', '2025-02-09', 300_000, [['payment', '2025-02-20', 300_000]]),
  invoice('X2', 'm', '2025-02-15', '2025-03-17', 200_000),
  invoice('X3', 'm', '2025-03-20', '2025-04-19', 410_000),
]);
const endOfMarch = date('2025-03-31');

function figures(asOf: string, method: Parameters<typeof daysSalesOutstanding>[2]) {
  const result = daysSalesOutstanding(ledger, date(asOf), method);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

describe('simple DSO', () => {
  it('is AR ÷ credit sales × days, in tenths of a day', () => {
    // Period: the 90 days 1 Jan–31 Mar. Sales 300 000 + 200 000 + 410 000 = 910 000.
    // AR 31 Mar: X0 100 000 + X2 200 000 + X3 410 000 = 710 000; current (not yet due) X3 = 410 000.
    // DSO = 710 000 × 90 ÷ 910 000 = 70.2198 → 70.2; best = 410 000 × 90 ÷ 910 000 = 40.5494 → 40.5; ADD = 29.7.
    const f = figures('2025-03-31', { kind: 'simple', periodDays: 90 });
    expect(f).toMatchObject({ receivables: 710_000, currentReceivables: 410_000, dsoTenths: 702, bestPossibleTenths: 405, averageDaysDelinquentTenths: 297 });
  });

  it('is undefined with receivables but no sales in the period, and zero with neither', () => {
    // 6–15 Mar: no invoice issued, but 300 000 open.
    const none = daysSalesOutstanding(ledger, date('2025-03-15'), { kind: 'simple', periodDays: 10 });
    expect(none.ok || none.code).toBe('NO_CREDIT_SALES');
    const empty = daysSalesOutstanding(ledgerOf([]), endOfMarch, { kind: 'simple', periodDays: 30 });
    expect(empty.ok && empty.value.dsoTenths).toBe(0);
  });

  it.each([0, -1, 367, 30.5, Number.NaN])('refuses a period of %d days', (periodDays) => {
    const result = daysSalesOutstanding(ledger, endOfMarch, { kind: 'simple', periodDays });
    expect(result.ok || [result.code, result.field]).toEqual(['INVALID_DSO_PERIOD', 'periodDays']);
  });
});

describe('countback DSO', () => {
  it('uses up AR month by month, the last month pro rata', () => {
    // AR 710 000. March (31 days) sales 410 000 → 300 000 left, 31 days.
    // February (28 days) 200 000 → 100 000 left, 59 days. January (31 days) 300 000 covers it: 31 × 100 000 ÷ 300 000 = 10.33.
    // DSO = 59 + 10.33 = 69.33 → 69.3. Best: current 410 000 is exactly March's sales → 31.0. ADD = 38.3.
    const f = figures('2025-03-31', { kind: 'countback' });
    expect(f).toMatchObject({ method: 'countback', dsoTenths: 693, bestPossibleTenths: 310, averageDaysDelinquentTenths: 383 });
  });

  it('counts the days of a part month up to asOf', () => {
    // 15 Mar: AR X0 100 000 + X2 200 000 = 300 000 (X1 paid, X3 not issued). 1–15 Mar: 15 days, no sales.
    // February 200 000 → 100 000 left, 15 + 28 = 43 days; January 31 × 100 000 ÷ 300 000 = 10.33 → 53.3.
    // Best: X2 is due 17 Mar, so current = 200 000: 15 days + all of February (28) = 43.0. ADD = 10.3.
    const f = figures('2025-03-15', { kind: 'countback' });
    expect(f).toMatchObject({ receivables: 300_000, currentReceivables: 200_000, dsoTenths: 533, bestPossibleTenths: 430, averageDaysDelinquentTenths: 103 });
  });

  it('is zero without receivables', () => {
    expect(figures('2024-12-01', { kind: 'countback' }).dsoTenths).toBe(0);
  });
});

describe('DSO trend', () => {
  it('gives the last 12 month-ends, oldest first, the current month only once it has ended', () => {
    const result = dsoTrend(ledger, date('2025-04-15'), { kind: 'countback' });
    if (!result.ok) throw new Error(result.message);
    const points = result.value;
    expect(points.map((p) => p.monthEnd.toString())).toEqual([
      '2024-04-30', '2024-05-31', '2024-06-30', '2024-07-31', '2024-08-31', '2024-09-30',
      '2024-10-31', '2024-11-30', '2024-12-31', '2025-01-31', '2025-02-28', '2025-03-31',
    ]);
    const tenths = points.map((p) => (p.dso.ok ? p.dso.value.dsoTenths : null));
    // 28 Feb: AR 100 000 + 200 000 = 300 000; Feb 200 000 → 28 days; Jan 31 × 100 000 ÷ 300 000 = 10.33 → 38.3.
    expect(tenths.slice(-2)).toEqual([383, 693]);
    // 31 Dec: AR 100 000 = December's sales → 31.0; before that nothing is open.
    expect(tenths[8]).toBe(310);
    expect(tenths.slice(0, 8)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    const onMonthEnd = dsoTrend(ledger, endOfMarch, { kind: 'countback' }, 1);
    expect(onMonthEnd.ok && onMonthEnd.value.map((p) => p.monthEnd.toString())).toEqual(['2025-03-31']);
  });

  it('keeps a month with undefined DSO in place as a failure', () => {
    const result = dsoTrend(ledger, endOfMarch, { kind: 'simple', periodDays: 12 }, 3);
    if (!result.ok) throw new Error(result.message);
    // 20–31 Jan: no sales, 100 000 + 300 000 open; 17–28 Feb: X2 issued on 15 Feb is outside, so none either.
    expect(result.value.map((p) => (p.dso.ok ? p.dso.value.dsoTenths : p.dso.code))).toEqual([
      'NO_CREDIT_SALES',
      'NO_CREDIT_SALES',
      // 20–31 Mar: sales 410 000 (X3); AR 710 000 × 12 ÷ 410 000 = 20.780 → 20.8
      208,
    ]);
  });

  it('refuses a bad length or method', () => {
    const r1 = dsoTrend(ledger, endOfMarch, { kind: 'countback' }, 0);
    expect(r1.ok || r1.code).toBe('INVALID_TREND_LENGTH');
    const r2 = dsoTrend(ledger, endOfMarch, { kind: 'simple', periodDays: 0 });
    expect(r2.ok || r2.code).toBe('INVALID_DSO_PERIOD');
  });
});

describe('DSO invariants', () => {
  it('is never negative and never below the best possible DSO', () => {
    fc.assert(
      fc.property(ledgerArb, dayArb, fc.integer({ min: 1, max: 366 }), (l, day, periodDays) => {
        for (const method of [{ kind: 'countback' as const }, { kind: 'simple' as const, periodDays }]) {
          const result = daysSalesOutstanding(l, day, method);
          if (!result.ok) {
            expect(result.code).toBe('NO_CREDIT_SALES');
            continue;
          }
          const f = result.value;
          expect(f.bestPossibleTenths).toBeGreaterThanOrEqual(0);
          expect(f.averageDaysDelinquentTenths).toBeGreaterThanOrEqual(0);
          expect(f.dsoTenths).toBe(f.bestPossibleTenths + f.averageDaysDelinquentTenths);
        }
      }),
    );
  });
});
