import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, compareDates, date, type PlainDate } from '../dates.ts';
import { divideRoundHalfUp } from '../money.ts';
import { type BalanceChange, computeInterest, type DayCountBasis, type InterestInput, type InterestRateSource } from './interest.ts';
import { statutoryRate } from './statutory-rate.ts';

const EUR_10K = 1_000_000;

const run = (input: Partial<InterestInput> & Pick<InterestInput, 'dueDate' | 'asOf'>) => {
  const r = computeInterest({ currency: 'EUR', openingBalance: EUR_10K, changes: [], rate: { kind: 'statutory', jurisdiction: 'EU' }, ...input });
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.value;
};

describe('computeInterest: worked examples', () => {
  it('10,000.00 EUR overdue 30 days at ECB 4.50 + 8 = 12.50 %, actual/365', () => {
    // 1 000 000 × 1 250 × 30 ÷ (10 000 × 365) = 10 273.97… → 10 274 cents = 102.74 EUR
    const r = run({ dueDate: date('2024-03-01'), asOf: date('2024-03-31') });
    expect(r.state).toBe('accruing');
    expect(r.lines).toEqual([
      { from: date('2024-03-02'), to: date('2024-03-31'), days: 30, balance: EUR_10K, annualRateBp: 1250, interest: { numerator: 37_500_000_000n, denominator: 3_650_000n } },
    ]);
    expect(r.total).toEqual({ amount: 10_274, currency: 'EUR' });
  });

  it('a payment halfway through halves the balance for the rest', () => {
    // 5,000.00 paid on 17 March: 2–16 March (15 days) on 10,000.00, 17–31 March (15 days) on 5,000.00.
    // (1 000 000 × 15 + 500 000 × 15) × 1 250 ÷ 3 650 000 = 7 705.48 → 77.05 EUR (three quarters of 102.74).
    const r = run({ dueDate: date('2024-03-01'), asOf: date('2024-03-31'), changes: [{ date: date('2024-03-17'), amount: -500_000 }] });
    expect(r.lines.map((l) => [l.from.toString(), l.to.toString(), l.days, l.balance])).toEqual([
      ['2024-03-02', '2024-03-16', 15, 1_000_000],
      ['2024-03-17', '2024-03-31', 15, 500_000],
    ]);
    expect(r.total.amount).toBe(7_705);
  });

  it('splits at a half-year boundary when the statutory rate changes', () => {
    // EU 2023: 21–30 June at 10.50 %, 1–10 July at 12.00 %.
    // 1 000 000 × (1 050 × 10 + 1 200 × 10) ÷ 3 650 000 = 6 164.38 → 61.64 EUR
    const r = run({ dueDate: date('2023-06-20'), asOf: date('2023-07-10') });
    expect(r.lines.map((l) => [l.from.toString(), l.to.toString(), l.annualRateBp])).toEqual([
      ['2023-06-21', '2023-06-30', 1050],
      ['2023-07-01', '2023-07-10', 1200],
    ]);
    expect(r.total.amount).toBe(6_164);
  });

  it('keeps one line across a half-year boundary when the rate does not change', () => {
    // UK: 13.25 % in both halves of 2024 (base rate 5.25 on 31 Dec 2023 and on 30 Jun 2024).
    const r = run({ currency: 'GBP', rate: { kind: 'statutory', jurisdiction: 'UK' }, dueDate: date('2024-06-20'), asOf: date('2024-07-10') });
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatchObject({ from: date('2024-06-21'), to: date('2024-07-10'), days: 20, annualRateBp: 1325 });
  });

  it('follows the Russian key rate day by day', () => {
    // 100,000.00 RUB: 21–28 July 2024 at 16 % (8 days), 29 July–8 August at 18 % (11 days).
    // 10 000 000 × (1 600 × 8 + 1 800 × 11) ÷ 3 650 000 = 89 315.07 → 893.15 RUB
    const r = run({ currency: 'RUB', openingBalance: 10_000_000, rate: { kind: 'statutory', jurisdiction: 'RU' }, dueDate: date('2024-07-20'), asOf: date('2024-08-08') });
    expect(r.lines.map((l) => [l.days, l.annualRateBp])).toEqual([
      [8, 1600],
      [11, 1800],
    ]);
    expect(r.total).toEqual({ amount: 89_315, currency: 'RUB' });
  });

  it('actual/360 divides by 360', () => {
    // 1 000 000 × 1 250 × 30 ÷ 3 600 000 = 10 416.67 → 104.17 EUR
    expect(run({ dueDate: date('2024-03-01'), asOf: date('2024-03-31'), dayCount: 'actual/360' }).total.amount).toBe(10_417);
  });

  it('rounds to the currency minor unit: whole dong for VND', () => {
    // 100 000 000 VND at 10 % for 30 days: 100 000 000 × 1 000 × 30 ÷ 3 650 000 = 821 917.8 → 821 918 VND
    const r = run({ currency: 'VND', openingBalance: 100_000_000, rate: { kind: 'statutory', jurisdiction: 'VN' }, dueDate: date('2025-01-01'), asOf: date('2025-01-31') });
    expect(r.total).toEqual({ amount: 821_918, currency: 'VND' });
  });

  it('rounds once at the end, half-up, never line by line', () => {
    // 36.50 % actual/365 makes one day's interest balance ÷ 1 000: 1 500 → 1.5, then (after +1 000) 2 500 → 2.5.
    // Exact total 4.0 → 4; rounding each line first would give 2 + 3 = 5.
    const fixed: InterestRateSource = { kind: 'fixed', annualRateBp: 3_650 };
    const r = run({ openingBalance: 1_500, rate: fixed, dueDate: date('2025-01-01'), asOf: date('2025-01-03'), changes: [{ date: date('2025-01-03'), amount: 1_000 }] });
    expect(r.lines.map((l) => l.interest.numerator)).toEqual([5_475_000n, 9_125_000n]);
    expect(r.total.amount).toBe(4);
    // A lone exact half rounds up: 1 500 for one day = 1.5 → 2.
    expect(run({ openingBalance: 1_500, rate: fixed, dueDate: date('2025-01-01'), asOf: date('2025-01-02') }).total.amount).toBe(2);
  });

  it('applies changes dated before the due date before interest starts, and ignores changes after asOf', () => {
    const r = run({
      rate: { kind: 'fixed', annualRateBp: 1_000 },
      dueDate: date('2025-01-31'),
      asOf: date('2025-02-10'),
      changes: [{ date: date('2025-02-20'), amount: -600_000 }, { date: date('2025-01-15'), amount: -400_000 }],
    });
    expect(r.lines.map((l) => [l.from.toString(), l.to.toString(), l.balance])).toEqual([['2025-02-01', '2025-02-10', 600_000]]);
  });

  it('charges nothing on an overpaid balance', () => {
    const r = run({ dueDate: date('2024-03-01'), asOf: date('2024-03-31'), changes: [{ date: date('2024-03-10'), amount: -1_200_000 }] });
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]?.to).toEqual(date('2024-03-09'));
  });
});

describe('computeInterest: due date and grace', () => {
  const fixed: InterestRateSource = { kind: 'fixed', annualRateBp: 1_000 };
  const base = { rate: fixed, dueDate: date('2025-01-31'), graceDays: 5 };

  it('is nothing on or before the due date', () => {
    expect(run({ ...base, graceDays: 0, asOf: date('2025-01-31') })).toMatchObject({ state: 'not_overdue', lines: [], total: { amount: 0 } });
    expect(run({ ...base, asOf: date('2024-12-01') }).state).toBe('not_overdue');
  });

  it('is nothing within grace, then counts from the day after the due date (grace gates, it does not shift)', () => {
    expect(run({ ...base, asOf: date('2025-02-05') })).toMatchObject({ state: 'in_grace', total: { amount: 0 } });
    // 1–6 February, 6 days: 1 000 000 × 1 000 × 6 ÷ 3 650 000 = 1 643.84 → 16.44 EUR
    const r = run({ ...base, asOf: date('2025-02-06') });
    expect(r.state).toBe('accruing');
    expect(r.lines[0]).toMatchObject({ from: date('2025-02-01'), days: 6 });
    expect(r.total.amount).toBe(1_644);
  });

  it('charges nothing when the balance is cleared within grace', () => {
    const r = run({ ...base, asOf: date('2025-03-31'), changes: [{ date: date('2025-02-04'), amount: -EUR_10K }] });
    expect(r).toMatchObject({ state: 'settled_in_time', lines: [], total: { amount: 0 } });
  });

  it('a partial payment within grace only lowers the balance', () => {
    const r = run({ ...base, asOf: date('2025-02-10'), changes: [{ date: date('2025-02-04'), amount: -400_000 }] });
    expect(r.lines.map((l) => [l.from.toString(), l.balance])).toEqual([
      ['2025-02-01', 1_000_000],
      ['2025-02-04', 600_000],
    ]);
  });

  it('a reversal after a payment made within grace bears interest from the day it re-opens the balance', () => {
    const changes = [{ date: date('2025-02-03'), amount: -EUR_10K }, { date: date('2025-02-10'), amount: EUR_10K }];
    const r = run({ ...base, asOf: date('2025-02-19'), changes });
    expect(r.state).toBe('settled_in_time');
    expect(r.lines.map((l) => [l.from.toString(), l.days])).toEqual([['2025-02-10', 10]]);
  });
});

describe('computeInterest: failures', () => {
  it('says when the reference rate is not in the table', () => {
    const r = computeInterest({ currency: 'GBP', openingBalance: 100, changes: [], rate: { kind: 'statutory', jurisdiction: 'UK' }, dueDate: date('2025-12-01'), asOf: date('2026-02-01') });
    expect(r).toMatchObject({ ok: false, code: 'REFERENCE_RATE_UNKNOWN' });
  });

  it('does not need a rate for days with nothing owed', () => {
    const r = computeInterest({
      currency: 'GBP', openingBalance: 100, rate: { kind: 'statutory', jurisdiction: 'UK' },
      changes: [{ date: date('2025-12-10'), amount: -100 }], dueDate: date('2025-12-01'), asOf: date('2026-02-01'),
    });
    expect(r.ok).toBe(true);
  });

  it('treats a malformed rate or grace as a bug', () => {
    const input = { currency: 'EUR', openingBalance: 100, changes: [], dueDate: date('2025-01-01'), asOf: date('2025-02-01') };
    expect(() => computeInterest({ ...input, rate: { kind: 'fixed', annualRateBp: -1 } })).toThrow(RangeError);
    expect(() => computeInterest({ ...input, rate: { kind: 'fixed', annualRateBp: 1.5 } })).toThrow(RangeError);
    expect(() => computeInterest({ ...input, rate: { kind: 'fixed', annualRateBp: 100 }, graceDays: -1 })).toThrow(RangeError);
  });
});

// An independent model: walk every day, look its balance and rate up from scratch, add exactly, round once.
function dayByDay(input: InterestInput): number {
  const basis = input.dayCount === 'actual/360' ? 360n : 365n;
  const graceEnd = addDays(input.dueDate, input.graceDays ?? 0);
  if (compareDates(input.asOf, graceEnd) <= 0) return 0;
  const balanceOn = (d: PlainDate) => input.openingBalance + input.changes.filter((c) => compareDates(c.date, d) <= 0).reduce((s, c) => s + c.amount, 0);
  let day = addDays(balanceOn(graceEnd) <= 0 ? graceEnd : input.dueDate, 1);
  let exact = 0n;
  for (; compareDates(day, input.asOf) <= 0; day = addDays(day, 1)) {
    const balance = balanceOn(day);
    if (balance <= 0) continue;
    const r = input.rate.kind === 'fixed' ? input.rate.annualRateBp : statutoryRate(input.rate.jurisdiction, day);
    const bp = typeof r === 'number' ? r : r.ok ? r.value.annualRateBp : Number.NaN;
    exact += BigInt(balance) * BigInt(bp);
  }
  return Number(divideRoundHalfUp(exact, 10_000n * basis));
}

const origin = date('2022-01-01');
const dayIn = (max: number) => fc.integer({ min: 0, max }).map((n) => addDays(origin, n));
const changeArb: fc.Arbitrary<BalanceChange> = fc.record({ date: dayIn(1_400), amount: fc.integer({ min: -2_000_000, max: 1_000_000 }) });
const randomInput = fc.record({
  currency: fc.constantFrom('EUR', 'GBP', 'RUB'),
  dueDate: dayIn(1_000),
  openingBalance: fc.integer({ min: 0, max: 1e10 }),
  changes: fc.array(changeArb, { maxLength: 8 }),
  // Through 2025-06-04, so asOf + 200 days stays inside the shipped tables (RU is covered to 2025-12-21).
  asOf: dayIn(1_250),
  rate: fc.oneof(
    fc.record({ kind: fc.constant('fixed' as const), annualRateBp: fc.integer({ min: 0, max: 100_000 }) }),
    fc.record({ kind: fc.constant('statutory' as const), jurisdiction: fc.constantFrom('EU' as const, 'DE' as const, 'RO' as const, 'RU' as const, 'ID' as const) }),
  ),
  dayCount: fc.constantFrom<DayCountBasis>('actual/365', 'actual/360'),
  graceDays: fc.integer({ min: 0, max: 30 }),
});
// Often add a payment clearing the opening balance around the end of grace, so the grace gate is exercised.
const inputArb: fc.Arbitrary<InterestInput> = fc
  .tuple(randomInput, fc.option(fc.integer({ min: -3, max: 35 }), { nil: undefined }))
  .map(([input, clearAfter]) =>
    clearAfter === undefined
      ? input
      : { ...input, changes: [...input.changes, { date: addDays(input.dueDate, clearAfter), amount: -input.openingBalance }] },
  );

const ok = (input: InterestInput) => {
  const r = computeInterest(input);
  if (!r.ok) throw new Error(r.code);
  return r.value;
};

describe('computeInterest: properties', () => {
  it('matches a day-by-day model, and the total is the once-rounded sum of the exact lines', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const r = ok(input);
        expect(r.total.amount).toBe(dayByDay(input));
        const sumOfLines = r.lines.reduce((s, l) => s + l.interest.numerator, 0n);
        expect(sumOfLines).toBe(r.exactTotal.numerator);
        expect(r.total.amount).toBe(Number(divideRoundHalfUp(sumOfLines, r.exactTotal.denominator)));
        for (const l of r.lines) {
          expect(l.interest.numerator).toBe(BigInt(l.balance) * BigInt(l.annualRateBp) * BigInt(l.days));
          expect(l.balance).toBeGreaterThan(0);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('is never negative and is zero on or before the due date', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const r = ok(input);
        expect(r.total.amount).toBeGreaterThanOrEqual(0);
        if (compareDates(input.asOf, input.dueDate) <= 0) expect(r.total.amount).toBe(0);
        const onDue = ok({ ...input, asOf: input.dueDate });
        expect(onDue.total.amount).toBe(0);
      }),
    );
  });

  it('never decreases as asOf moves later', () => {
    fc.assert(
      fc.property(inputArb, fc.integer({ min: 0, max: 200 }), (input, extra) => {
        const later = addDays(input.asOf, extra);
        expect(ok({ ...input, asOf: later }).total.amount).toBeGreaterThanOrEqual(ok(input).total.amount);
      }),
    );
  });

  it('lines are ordered, disjoint and lie between the day after due and asOf', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const r = ok(input);
        let previous: PlainDate = input.dueDate;
        for (const l of r.lines) {
          expect(compareDates(l.from, previous)).toBeGreaterThan(0);
          expect(compareDates(l.from, l.to)).toBeLessThanOrEqual(0);
          expect(compareDates(l.to, input.asOf)).toBeLessThanOrEqual(0);
          previous = l.to;
        }
      }),
    );
  });
});
