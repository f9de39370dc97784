import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, date, type PlainDate } from '../dates.ts';
import { applyBasisPoints, money } from '../money.ts';
import { EU_COMPENSATION } from './compensation.ts';
import { type ChargedLateFee, computeLateFee, type InvoiceFacts, type LateFeeAssessment } from './compute-late-fee.ts';
import { computeInterest } from './interest.ts';
import type { LateFeeCharge, LateFeePolicy } from './late-fee-policy.ts';

const noCaps = { absolute: {}, percentOfInvoiceBp: null };
const policy = (patch: Partial<LateFeePolicy>): LateFeePolicy => ({
  charge: null, compensation: null, graceDays: 0, minimumOverdue: {}, caps: noCaps, chargeMode: 'each_step', ...patch,
});
const euStatutory = policy({ charge: { kind: 'statutory_interest', jurisdiction: 'EU' }, compensation: EU_COMPENSATION });
const invoice = (patch: Partial<InvoiceFacts> = {}): InvoiceFacts => ({ currency: 'EUR', total: 1_000_000, dueDate: date('2024-03-01'), changes: [], ...patch });
const posted = (component: ChargedLateFee['component'], stepIndex: number, amount: number, waivedAmount = 0): ChargedLateFee => ({ component, stepIndex, amount, waivedAmount });

const assess = (p: LateFeePolicy, facts: InvoiceFacts, history: ChargedLateFee[], asOf: string, step: number): LateFeeAssessment => {
  const r = computeLateFee(p, facts, history, date(asOf), step);
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.value;
};
const summary = (a: LateFeeAssessment) => ({
  total: a.total.amount,
  lines: a.lines.map((l) => [l.component, l.amount, l.capped]),
  reasons: a.reasons.map((r) => `${r.component}:${r.code}`),
});

describe('computeLateFee: EU statutory interest and 40 EUR', () => {
  it('first step: 30 days of interest (102.74) and the 40.00 compensation', () => {
    const a = assess(euStatutory, invoice(), [], '2024-03-31', 0);
    expect(summary(a)).toEqual({ total: 14_274, lines: [['interest', 10_274, false], ['compensation', 4_000, false]], reasons: [] });
    expect(a.lines[0]?.interest?.lines).toHaveLength(1);
    expect(a.overdueBalance).toEqual(money(1_000_000, 'EUR'));
  });

  it('next step: only the interest added since, and no second compensation', () => {
    // 2 March–30 April = 60 days: 1 000 000 × 1 250 × 60 ÷ 3 650 000 = 20 547.95 → 20 548; 20 548 − 10 274 = 10 274.
    const history = [posted('interest', 0, 10_274), posted('compensation', 0, 4_000)];
    expect(summary(assess(euStatutory, invoice(), history, '2024-04-30', 1))).toEqual({
      total: 10_274, lines: [['interest', 10_274, false]], reasons: ['compensation:ALREADY_CHARGED'],
    });
  });

  it('a retried step posts nothing twice', () => {
    const history = [posted('interest', 0, 10_274), posted('compensation', 0, 4_000)];
    expect(summary(assess(euStatutory, invoice(), history, '2024-04-02', 0))).toEqual({
      total: 0, lines: [], reasons: ['interest:ALREADY_CHARGED', 'compensation:ALREADY_CHARGED'],
    });
  });

  it('waived interest is not charged again', () => {
    const history = [posted('interest', 0, 10_274, 10_274), posted('compensation', 0, 4_000)];
    expect(assess(euStatutory, invoice(), history, '2024-04-30', 1).total.amount).toBe(10_274);
  });

  it('a RON invoice needs the 40 EUR equivalent', () => {
    const ron = invoice({ currency: 'RON', total: 500_000 });
    const ro = policy({ charge: { kind: 'statutory_interest', jurisdiction: 'RO' }, compensation: EU_COMPENSATION });
    expect(computeLateFee(ro, ron, [], date('2024-03-31'), 0)).toMatchObject({ ok: false, code: 'EXCHANGE_QUOTE_REQUIRED' });
    // RO H1 2024: NBR 7.00 + 8 = 15.00 %: 500 000 × 1 500 × 30 ÷ 3 650 000 = 6 164.38 → 61.64 RON;
    // 40 EUR at 100.00 EUR = 497.70 RON → 199.08 RON.
    const quoted = { ...ron, exchange: { reference: money(10_000, 'EUR'), invoice: money(49_770, 'RON') } };
    expect(summary(assess(ro, quoted, [], '2024-03-31', 0)).lines).toEqual([['interest', 6_164, false], ['compensation', 19_908, false]]);
  });

  it('passes a reference-rate gap on as a failure', () => {
    expect(computeLateFee(euStatutory, invoice({ dueDate: date('2026-01-10') }), [], date('2026-02-10'), 0)).toMatchObject({ ok: false, code: 'REFERENCE_RATE_UNKNOWN' });
  });

  it('uses an organization rate table when given', () => {
    const rates = { ECB_MRO: { coveredThrough: date('2026-12-31'), changes: [{ from: date('2025-06-11'), rateBp: 215 }] } };
    // 2.15 + 8 = 10.15 %; 10 days: 1 000 000 × 1 015 × 10 ÷ 3 650 000 = 2 780.82 → 27.81 EUR
    const a = computeLateFee(euStatutory, invoice({ dueDate: date('2026-01-10') }), [], date('2026-01-20'), 0, rates);
    expect(a.ok && a.value.lines[0]?.amount).toBe(2_781);
  });
});

describe('computeLateFee: UK compensation bands', () => {
  const ukPolicy = policy({ charge: { kind: 'statutory_interest', jurisdiction: 'UK' }, compensation: { kind: 'uk_bands' } });
  const gbp = (pence: number) => invoice({ currency: 'GBP', total: pence, dueDate: date('2025-02-01') });
  const compensation = (pence: number) => assess(ukPolicy, gbp(pence), [], '2025-03-01', 0).lines.find((l) => l.component === 'compensation')?.amount;

  it('charges by the size of the unpaid debt', () => {
    expect(compensation(99_999)).toBe(4_000);
    expect(compensation(100_000)).toBe(7_000);
    expect(compensation(999_999)).toBe(7_000);
    expect(compensation(1_000_000)).toBe(10_000);
  });

  it('measures the debt after part payments', () => {
    const partly = { ...gbp(1_200_000), changes: [{ date: date('2025-02-10'), amount: -300_000 }] };
    expect(assess(ukPolicy, partly, [], '2025-03-01', 0).lines.find((l) => l.component === 'compensation')?.amount).toBe(7_000);
  });
});

describe('computeLateFee: gates', () => {
  const fee = policy({ charge: { kind: 'fixed', amounts: { EUR: 2_500 } }, compensation: EU_COMPENSATION, graceDays: 5, minimumOverdue: { EUR: 5_000 } });

  it('nothing until the grace period has passed', () => {
    expect(summary(assess(fee, invoice(), [], '2024-03-01', 0)).reasons).toEqual(['fee:NOT_OVERDUE', 'compensation:NOT_OVERDUE']);
    expect(summary(assess(fee, invoice(), [], '2024-03-06', 0)).reasons).toEqual(['fee:IN_GRACE', 'compensation:IN_GRACE']);
    expect(assess(fee, invoice(), [], '2024-03-07', 0).total.amount).toBe(6_500);
  });

  it('nothing once paid, or below the minimum balance', () => {
    const paid = invoice({ changes: [{ date: date('2024-03-20'), amount: -1_000_000 }] });
    expect(summary(assess(fee, paid, [], '2024-03-31', 0)).reasons).toEqual(['fee:NOT_OVERDUE', 'compensation:NOT_OVERDUE']);
    const small = invoice({ total: 4_999 });
    expect(summary(assess(fee, small, [], '2024-03-31', 0)).reasons).toEqual(['fee:BELOW_MINIMUM', 'compensation:BELOW_MINIMUM']);
    expect(assess(fee, invoice({ total: 5_000 }), [], '2024-03-31', 0).total.amount).toBe(6_500);
  });

  it('a minimum in another currency does not apply', () => {
    const vnd = policy({ charge: { kind: 'percent', rateBp: 200 }, minimumOverdue: { EUR: 5_000 } });
    expect(assess(vnd, invoice({ currency: 'VND', total: 1_000 }), [], '2024-03-31', 0).total).toEqual(money(20, 'VND'));
  });

  it('fails when the fixed fee has no amount in the invoice currency', () => {
    expect(computeLateFee(fee, invoice({ currency: 'USD' }), [], date('2024-03-31'), 0)).toMatchObject({ ok: false, code: 'FEE_AMOUNT_MISSING_FOR_CURRENCY', field: 'charge.amounts' });
  });
});

describe('computeLateFee: charge modes and caps', () => {
  const fixed = (patch: Partial<LateFeePolicy> = {}) => policy({ charge: { kind: 'fixed', amounts: { EUR: 3_000 } }, ...patch });

  it('once: only the first step', () => {
    const once = fixed({ chargeMode: 'once' });
    expect(assess(once, invoice(), [], '2024-03-10', 0).total.amount).toBe(3_000);
    expect(summary(assess(once, invoice(), [posted('fee', 0, 3_000)], '2024-04-10', 1)).reasons).toEqual(['fee:ALREADY_CHARGED']);
  });

  it('percent of the balance still overdue at each step', () => {
    // 1.5 % of 2,000.00 = 30.00, then of 1,200.00 = 18.00.
    const pct = policy({ charge: { kind: 'percent', rateBp: 150 } });
    const facts = invoice({ total: 200_000, changes: [{ date: date('2024-03-20'), amount: -80_000 }] });
    expect(assess(pct, facts, [], '2024-03-10', 0).total.amount).toBe(3_000);
    expect(assess(pct, facts, [posted('fee', 0, 3_000)], '2024-04-10', 1).total.amount).toBe(1_800);
  });

  it('an absolute cap cuts the step that reaches it and stops the next; a waiver makes room again', () => {
    const capped = fixed({ caps: { absolute: { EUR: 5_000 }, percentOfInvoiceBp: null } });
    expect(summary(assess(capped, invoice(), [posted('fee', 0, 3_000)], '2024-04-10', 1)).lines).toEqual([['fee', 2_000, true]]);
    const full = [posted('fee', 0, 3_000), posted('fee', 1, 2_000)];
    expect(summary(assess(capped, invoice(), full, '2024-05-10', 2)).reasons).toEqual(['fee:CAP_REACHED']);
    const waived = [posted('fee', 0, 3_000, 3_000), posted('fee', 1, 2_000)];
    expect(summary(assess(capped, invoice(), waived, '2024-05-10', 2)).lines).toEqual([['fee', 3_000, false]]);
  });

  it('a percent-of-invoice cap, with the stricter of two caps winning', () => {
    // 0.5 % of 10,000.00 = 50.00; absolute 40.00 is stricter.
    const both = fixed({ caps: { absolute: { EUR: 4_000 }, percentOfInvoiceBp: 50 } });
    expect(assess(both, invoice(), [posted('fee', 0, 3_000)], '2024-04-10', 1).total.amount).toBe(1_000);
    const pctOnly = fixed({ caps: { absolute: {}, percentOfInvoiceBp: 50 } });
    expect(assess(pctOnly, invoice(), [posted('fee', 0, 3_000)], '2024-04-10', 1).total.amount).toBe(2_000);
  });

  it('compensation is not capped and does not use up the cap', () => {
    const p = fixed({ compensation: EU_COMPENSATION, caps: { absolute: { EUR: 3_000 }, percentOfInvoiceBp: null } });
    expect(summary(assess(p, invoice(), [], '2024-03-10', 0)).lines).toEqual([['fee', 3_000, false], ['compensation', 4_000, false]]);
  });

  it('interest with nothing new since the last step says so', () => {
    const interest = policy({ charge: { kind: 'interest', annualRateBp: 1_000 } });
    const paidDown = invoice({ total: 100, changes: [] });
    // 100 cents at 10 % for 1 day = 0.027… → 0: nothing accrued yet.
    expect(summary(assess(interest, paidDown, [], '2024-03-02', 0)).reasons).toEqual(['interest:NOTHING_ACCRUED']);
  });
});

describe('computeLateFee: properties', () => {
  const chargeArb: fc.Arbitrary<LateFeeCharge> = fc.oneof(
    fc.record({ kind: fc.constant('fixed' as const), amounts: fc.record({ EUR: fc.integer({ min: 1, max: 50_000 }) }) }),
    fc.record({ kind: fc.constant('percent' as const), rateBp: fc.integer({ min: 1, max: 10_000 }) }),
    fc.record({ kind: fc.constant('interest' as const), annualRateBp: fc.integer({ min: 1, max: 100_000 }) }),
    fc.record({ kind: fc.constant('statutory_interest' as const), jurisdiction: fc.constantFrom('EU' as const, 'DE' as const) }),
  );
  const scenario = fc.record({
    charge: chargeArb,
    absolute: fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: undefined }),
    percentCap: fc.option(fc.integer({ min: 0, max: 5_000 }), { nil: null }),
    total: fc.integer({ min: 1, max: 10_000_000 }),
    graceDays: fc.integer({ min: 0, max: 20 }),
    stepGaps: fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 8 }),
    waive: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
    payment: fc.option(fc.record({ day: fc.integer({ min: 0, max: 300 }), amount: fc.integer({ min: 1, max: 10_000_000 }) }), { nil: undefined }),
  });

  type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

  /** Run the dunning steps, posting what each returns (and waiving it when the scenario says so). */
  function play(s: Scenario) {
    const dueDate = date('2023-01-31');
    const p = policy({
      charge: s.charge,
      graceDays: s.graceDays,
      caps: { absolute: s.absolute === undefined ? {} : { EUR: s.absolute }, percentOfInvoiceBp: s.percentCap },
    });
    const facts = invoice({ total: s.total, dueDate, changes: s.payment ? [{ date: addDays(dueDate, s.payment.day), amount: -s.payment.amount }] : [] });
    const history: ChargedLateFee[] = [];
    let asOf: PlainDate = dueDate;
    s.stepGaps.forEach((gap, step) => {
      asOf = addDays(asOf, gap);
      const r = computeLateFee(p, facts, history, asOf, step);
      if (!r.ok) throw new Error(r.code);
      for (const line of r.value.lines) {
        expect(line.amount).toBeGreaterThan(0);
        history.push(posted(line.component, step, line.amount, s.waive[step] ? line.amount : 0));
      }
    });
    return { history, facts, asOf, p };
  }

  it('caps always hold on what stands after waivers', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { history, facts } = play(s);
        const standing = history.reduce((sum, h) => sum + h.amount - h.waivedAmount, 0);
        if (s.absolute !== undefined) expect(standing).toBeLessThanOrEqual(s.absolute);
        if (s.percentCap !== null) expect(standing).toBeLessThanOrEqual(applyBasisPoints(facts.total, s.percentCap));
      }),
    );
  });

  it('uncapped interest posted step by step adds up to the interest accrued by the last step', () => {
    // A partial payment at most keeps the invoice overdue, so every step is assessed.
    const interestOnly = fc.tuple(scenario, fc.integer({ min: 1, max: 100_000 })).map(([s, annualRateBp]): Scenario => ({
      ...s,
      charge: { kind: 'interest', annualRateBp },
      absolute: undefined,
      percentCap: null,
      payment: s.payment && { ...s.payment, amount: Math.min(s.payment.amount, s.total - 1) },
    }));
    fc.assert(
      fc.property(interestOnly, (s) => {
        const { history, facts, asOf, p } = play(s);
        const accrued = computeInterest({
          currency: 'EUR', dueDate: facts.dueDate, openingBalance: facts.total, changes: facts.changes, asOf, graceDays: p.graceDays,
          rate: { kind: 'fixed', annualRateBp: s.charge.kind === 'interest' ? s.charge.annualRateBp : 0 },
        });
        expect(accrued.ok && accrued.value.total.amount).toBe(history.reduce((sum, h) => sum + h.amount, 0));
      }),
    );
  });
});
