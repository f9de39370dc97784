import { addDays, daysBetween, type PlainDate } from '../dates.ts';
import { sum } from '../money.ts';

export interface ExpectedReceipt {
  readonly openBalance: number;
  readonly predictedPayDate: PlainDate;
}

export interface ForecastWeek {
  /** ISO week label, e.g. "2025-W07". */
  readonly isoWeek: string;
  /** Monday. */
  readonly weekStart: PlainDate;
  /** Sunday. */
  readonly weekEnd: PlainDate;
  readonly amount: number;
  readonly invoices: number;
}

export interface CashForecast {
  /** Week 1 is the ISO week that contains today. */
  readonly weeks: readonly ForecastWeek[];
  /** Predicted after the last week: kept so the forecast always adds up to the open balance. */
  readonly later: { readonly amount: number; readonly invoices: number };
  readonly total: number;
}

export const FORECAST_WEEKS = 13;

function isoWeekLabel(monday: PlainDate): string {
  const week = monday.weekOfYear;
  const year = monday.yearOfWeek;
  if (week === undefined || year === undefined) throw new Error('ISO week needs the ISO calendar');
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * Expected cash-in per ISO week (Monday to Sunday) for the 13 weeks from the one containing `today`. A
 * prediction before today is overdue money still expected, so it counts in week 1, never in the past.
 * Amounts are summed, never split, so the weeks plus `later` equal the total open balance exactly.
 */
export function cashForecast(receipts: readonly ExpectedReceipt[], today: PlainDate): CashForecast {
  const firstMonday = addDays(today, 1 - today.dayOfWeek);
  const amounts = Array.from({ length: FORECAST_WEEKS }, () => 0);
  const counts = Array.from({ length: FORECAST_WEEKS }, () => 0);
  let laterAmount = 0;
  let laterCount = 0;
  for (const r of receipts) {
    const index = Math.max(0, Math.floor(daysBetween(firstMonday, r.predictedPayDate) / 7));
    if (index >= FORECAST_WEEKS) {
      laterAmount = sum([laterAmount, r.openBalance]);
      laterCount += 1;
    } else {
      amounts[index] = sum([amounts[index] ?? 0, r.openBalance]);
      counts[index] = (counts[index] ?? 0) + 1;
    }
  }
  const weeks = amounts.map((amount, i) => {
    const weekStart = addDays(firstMonday, 7 * i);
    return { isoWeek: isoWeekLabel(weekStart), weekStart, weekEnd: addDays(weekStart, 6), amount, invoices: counts[i] ?? 0 };
  });
  return { weeks, later: { amount: laterAmount, invoices: laterCount }, total: sum([...amounts, laterAmount]) };
}
