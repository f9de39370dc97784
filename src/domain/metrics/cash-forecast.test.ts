import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { date } from '../dates.ts';
import { cashForecast, FORECAST_WEEKS } from './cash-forecast.ts';
import { predictPayDates } from './predict-pay-date.ts';
import { agingReport } from './aging.ts';
import { dayArb, ledgerArb } from './test-support.ts';

const receipt = (openBalance: number, on: string) => ({ openBalance, predictedPayDate: date(on) });

describe('cash forecast', () => {
  it('puts each expected amount in its ISO week, the past in week 1, the rest after week 13', () => {
    // Today Wednesday 2 Jul 2025: week 1 is Monday 30 Jun – Sunday 6 Jul (2025-W27); week 13 starts 30 Jun + 84 days = 22 Sep.
    const forecast = cashForecast(
      [
        receipt(1_000, '2025-06-20'), // in the past → week 1
        receipt(2_000, '2025-06-30'), // Monday of this week → week 1
        receipt(3_000, '2025-07-06'), // Sunday → week 1
        receipt(4_000, '2025-07-07'), // next Monday → week 2
        receipt(5_000, '2025-09-28'), // Sunday of week 13
        receipt(6_000, '2025-09-29'), // after week 13
      ],
      date('2025-07-02'),
    );
    expect(forecast.weeks).toHaveLength(FORECAST_WEEKS);
    expect(forecast.weeks[0]).toEqual({ isoWeek: '2025-W27', weekStart: date('2025-06-30'), weekEnd: date('2025-07-06'), amount: 6_000, invoices: 3 });
    expect(forecast.weeks[1]).toMatchObject({ isoWeek: '2025-W28', amount: 4_000, invoices: 1 });
    expect(forecast.weeks[12]).toMatchObject({ isoWeek: '2025-W39', weekStart: date('2025-09-22'), amount: 5_000, invoices: 1 });
    expect(forecast.weeks.slice(2, 12).every((w) => w.amount === 0 && w.invoices === 0)).toBe(true);
    expect(forecast.later).toEqual({ amount: 6_000, invoices: 1 });
    // 1 000 + 2 000 + … + 6 000
    expect(forecast.total).toBe(21_000);
  });

  it('labels weeks by ISO week-year across the new year', () => {
    // Tuesday 31 Dec 2024 lies in the week of Monday 30 Dec, which is week 1 of 2025.
    const forecast = cashForecast([], date('2024-12-31'));
    expect(forecast.weeks.slice(0, 2).map((w) => [w.isoWeek, w.weekStart.toString()])).toEqual([
      ['2025-W01', '2024-12-30'],
      ['2025-W02', '2025-01-06'],
    ]);
  });

  it('adds up to the whole open balance of any ledger', () => {
    fc.assert(
      fc.property(ledgerArb, dayArb, (ledger, today) => {
        const forecast = cashForecast(predictPayDates(ledger, today), today);
        const aging = agingReport(ledger, today);
        if (!aging.ok) throw new Error(aging.message);
        expect(forecast.weeks.reduce((s, w) => s + w.amount, 0) + forecast.later.amount).toBe(forecast.total);
        expect(forecast.total).toBe(aging.value.total);
        expect(forecast.weeks.every((w) => w.weekStart.dayOfWeek === 1)).toBe(true);
      }),
    );
  });
});
