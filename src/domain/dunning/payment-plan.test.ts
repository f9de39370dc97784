import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, date } from '../dates.ts';
import { applyPaidToInstallments, buildPaymentPlan, type Installment, MAX_INSTALLMENTS, monthlyDueDates, planStanding } from './payment-plan.ts';

const today = date('2025-05-01');
const dates = (...texts: string[]) => texts.map(date);

describe('buildPaymentPlan', () => {
  it('splits the balance evenly, the earliest installments taking the extra minor units', () => {
    // 1 000.00 EUR in 3: 333.34 + 333.33 + 333.33 = 1 000.00
    const result = buildPaymentPlan({ balanceMinor: 100_000, dueDates: dates('2025-05-01', '2025-06-01', '2025-07-01'), graceDays: 5, today });
    expect(result).toEqual({
      ok: true,
      value: {
        graceDays: 5,
        installments: [
          { number: 1, dueDate: date('2025-05-01'), amountMinor: 33_334, paidMinor: 0 },
          { number: 2, dueDate: date('2025-06-01'), amountMinor: 33_333, paidMinor: 0 },
          { number: 3, dueDate: date('2025-07-01'), amountMinor: 33_333, paidMinor: 0 },
        ],
      },
    });
  });

  it('splits whole dong without inventing fractions', () => {
    // 10 000 001 VND in 2: 5 000 001 + 5 000 000
    const result = buildPaymentPlan({ balanceMinor: 10_000_001, dueDates: dates('2025-05-10', '2025-06-10'), graceDays: 0, today });
    expect(result.ok && result.value.installments.map((i) => i.amountMinor)).toEqual([5_000_001, 5_000_000]);
  });

  it('takes agreed amounts that add up exactly to the balance', () => {
    // 200.00 + 800.00 = 1 000.00
    const result = buildPaymentPlan({ balanceMinor: 100_000, dueDates: dates('2025-05-10', '2025-06-10'), amounts: [20_000, 80_000], graceDays: 3, today });
    expect(result.ok && result.value.installments.map((i) => i.amountMinor)).toEqual([20_000, 80_000]);
  });

  it('refuses amounts that do not add up: PLAN_SUM_MISMATCH', () => {
    // 200.00 + 799.99 = 999.99 ≠ 1 000.00
    const result = buildPaymentPlan({ balanceMinor: 100_000, dueDates: dates('2025-05-10', '2025-06-10'), amounts: [20_000, 79_999], graceDays: 3, today });
    expect(result).toEqual({ ok: false, code: 'PLAN_SUM_MISMATCH', field: 'amounts', message: 'Installments add up to 99999, the balance is 100000' });
  });

  it('reports a mismatch, not an overflow, for hostile amounts near the safe-integer limit', () => {
    const big = Number.MAX_SAFE_INTEGER;
    const result = buildPaymentPlan({ balanceMinor: big, dueDates: dates('2025-05-10', '2025-06-10', '2025-07-10'), amounts: [big, big, big], graceDays: 0, today });
    expect(result).toMatchObject({ ok: false, code: 'PLAN_SUM_MISMATCH' });
  });

  it('names the field of each refusal', () => {
    const base = { balanceMinor: 100_000, dueDates: dates('2025-05-10', '2025-06-10'), graceDays: 3, today };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ balanceMinor: 0 }, 'PLAN_BALANCE_INVALID', 'balanceMinor'],
      [{ balanceMinor: 10.5 }, 'PLAN_BALANCE_INVALID', 'balanceMinor'],
      [{ graceDays: -1 }, 'PLAN_GRACE_INVALID', 'graceDays'],
      [{ graceDays: 61 }, 'PLAN_GRACE_INVALID', 'graceDays'],
      [{ dueDates: [] }, 'PLAN_NO_INSTALLMENTS', 'dueDates'],
      [{ dueDates: monthlyDueDates(date('2025-05-10'), MAX_INSTALLMENTS + 1) }, 'PLAN_TOO_MANY_INSTALLMENTS', 'dueDates'],
      [{ dueDates: dates('2025-04-30', '2025-06-10') }, 'PLAN_FIRST_DATE_IN_PAST', 'dueDates[0]'],
      [{ dueDates: dates('2025-05-10', '2025-05-10') }, 'PLAN_DATES_NOT_INCREASING', 'dueDates[1]'],
      [{ dueDates: dates('2025-05-10', '2025-06-10', '2025-06-01') }, 'PLAN_DATES_NOT_INCREASING', 'dueDates[2]'],
      [{ balanceMinor: 1 }, 'PLAN_BALANCE_TOO_SMALL', 'dueDates'],
      [{ amounts: [100_000] }, 'PLAN_AMOUNTS_COUNT_MISMATCH', 'amounts'],
      [{ amounts: [100_000, 0] }, 'PLAN_AMOUNT_INVALID', 'amounts[1]'],
      [{ amounts: [110_000, -10_000] }, 'PLAN_AMOUNT_INVALID', 'amounts[1]'],
      [{ amounts: [50_000.5, 49_999.5] }, 'PLAN_AMOUNT_INVALID', 'amounts[0]'],
    ];
    for (const [overrides, code, field] of cases) {
      expect(buildPaymentPlan({ ...base, ...overrides } as Parameters<typeof buildPaymentPlan>[0])).toMatchObject({ ok: false, code, field });
    }
  });

  it('accepts a first installment due today', () => {
    expect(buildPaymentPlan({ balanceMinor: 100, dueDates: [today], graceDays: 0, today }).ok).toBe(true);
  });

  it('always adds up to the balance in positive installments at most one minor unit apart', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 1, max: 36 }), (balanceMinor, count) => {
        const result = buildPaymentPlan({ balanceMinor, dueDates: monthlyDueDates(today, count), graceDays: 0, today });
        if (!result.ok) {
          expect([balanceMinor < count, result.code]).toEqual([true, 'PLAN_BALANCE_TOO_SMALL']);
          return;
        }
        const amounts = result.value.installments.map((i) => i.amountMinor);
        expect(amounts.reduce((s, a) => s + BigInt(a), 0n)).toBe(BigInt(balanceMinor));
        expect(Math.max(...amounts) - Math.min(...amounts)).toBeLessThanOrEqual(1);
        expect(amounts.every((a) => a > 0)).toBe(true);
      }),
    );
  });
});

describe('monthlyDueDates', () => {
  it('keeps to month ends without drifting', () => {
    expect(monthlyDueDates(date('2025-01-31'), 4).map(String)).toEqual(['2025-01-31', '2025-02-28', '2025-03-31', '2025-04-30']);
    expect(monthlyDueDates(date('2024-01-31'), 2).map(String)).toEqual(['2024-01-31', '2024-02-29']);
  });
});

describe('applyPaidToInstallments', () => {
  it('fills installments earliest first', () => {
    const installments = [100, 100, 100].map((amountMinor, i): Installment => ({ number: i + 1, dueDate: addDays(today, 30 * i), amountMinor, paidMinor: 0 }));
    // 250 paid: 100 + 100 + 50
    expect(applyPaidToInstallments(installments, 250).map((i) => i.paidMinor)).toEqual([100, 100, 50]);
    expect(applyPaidToInstallments(installments, 400).map((i) => i.paidMinor)).toEqual([100, 100, 100]);
    expect(applyPaidToInstallments(installments, 0).map((i) => i.paidMinor)).toEqual([0, 0, 0]);
  });
});

describe('planStanding', () => {
  // Installments of 100 due 10 May and 10 June, 3 grace days.
  const plan = (paid: [number, number]) => ({
    graceDays: 3,
    installments: [
      { number: 1, dueDate: date('2025-05-10'), amountMinor: 100, paidMinor: paid[0] },
      { number: 2, dueDate: date('2025-06-10'), amountMinor: 100, paidMinor: paid[1] },
    ],
  });

  it('is current up to and on the due date', () => {
    expect(planStanding(plan([0, 0]), date('2025-05-10'))).toEqual({ state: 'current', installment: 1, dueDate: date('2025-05-10') });
    expect(planStanding(plan([100, 0]), date('2025-05-20'))).toEqual({ state: 'current', installment: 2, dueDate: date('2025-06-10') });
  });

  it('is missed within grace from the day after the due date through the last grace day', () => {
    // due 10 May + 3 grace days: 11, 12, 13 May are within grace
    for (const day of ['2025-05-11', '2025-05-13']) {
      expect(planStanding(plan([0, 0]), date(day))).toEqual({ state: 'missed_within_grace', installment: 1, graceEndsOn: date('2025-05-13') });
    }
    expect(planStanding(plan([99, 0]), date('2025-05-11'))).toMatchObject({ state: 'missed_within_grace' });
  });

  it('is broken the day after grace ends', () => {
    expect(planStanding(plan([0, 0]), date('2025-05-14'))).toEqual({ state: 'broken', installment: 1, graceEndedOn: date('2025-05-13') });
    expect(planStanding(plan([100, 50]), date('2025-06-14'))).toEqual({ state: 'broken', installment: 2, graceEndedOn: date('2025-06-13') });
  });

  it('is completed when every installment is paid, whatever the date', () => {
    expect(planStanding(plan([100, 100]), date('2026-01-01'))).toEqual({ state: 'completed' });
  });
});
