import { describe, expect, it } from 'vitest';
import { money } from '../money.ts';
import { EU_COMPENSATION } from './compensation.ts';
import { type LateFeePolicy, validateLateFeePolicy } from './late-fee-policy.ts';

const euStatutory: LateFeePolicy = {
  charge: { kind: 'statutory_interest', jurisdiction: 'EU' },
  compensation: EU_COMPENSATION,
  graceDays: 0,
  minimumOverdue: { EUR: 1_000 },
  caps: { absolute: {}, percentOfInvoiceBp: null },
  chargeMode: 'each_step',
};

// Settings arrive as JSON; the cast stands in for a shape check that passed but carried bad values.
const check = (patch: object) => {
  const r = validateLateFeePolicy({ ...euStatutory, ...patch } as LateFeePolicy);
  return r.ok ? 'ok' : `${r.code} ${r.field}`;
};

describe('validateLateFeePolicy', () => {
  it('accepts the usual policies', () => {
    expect(validateLateFeePolicy(euStatutory)).toEqual({ ok: true, value: euStatutory });
    expect(check({ charge: { kind: 'fixed', amounts: { EUR: 2_500, VND: 100_000 } }, compensation: null, chargeMode: 'once' })).toBe('ok');
    expect(check({ charge: { kind: 'percent', rateBp: 150 }, caps: { absolute: { USD: 5_000 }, percentOfInvoiceBp: 1_000 } })).toBe('ok');
    expect(check({ charge: { kind: 'interest', annualRateBp: 3_650, dayCount: 'actual/360' } })).toBe('ok');
    expect(check({ charge: null, compensation: { kind: 'uk_bands' } })).toBe('ok');
  });

  it('names the field of each bad value', () => {
    expect(check({ charge: null, compensation: null })).toBe('POLICY_EMPTY charge');
    expect(check({ graceDays: -1 })).toBe('GRACE_DAYS_INVALID graceDays');
    expect(check({ graceDays: 1.5 })).toBe('GRACE_DAYS_INVALID graceDays');
    expect(check({ graceDays: Number.NaN })).toBe('GRACE_DAYS_INVALID graceDays');
    expect(check({ graceDays: 366 })).toBe('GRACE_DAYS_INVALID graceDays');
    expect(check({ graceDays: '5' })).toBe('GRACE_DAYS_INVALID graceDays');
    expect(check({ charge: { kind: 'percent', rateBp: 0 } })).toBe('RATE_INVALID charge.rateBp');
    expect(check({ charge: { kind: 'percent', rateBp: 10_001 } })).toBe('RATE_INVALID charge.rateBp');
    expect(check({ charge: { kind: 'interest', annualRateBp: Number.POSITIVE_INFINITY } })).toBe('RATE_INVALID charge.annualRateBp');
    expect(check({ charge: { kind: 'interest', annualRateBp: 1_000, dayCount: 'actual/actual' } })).toBe('DAY_COUNT_UNKNOWN charge.dayCount');
    expect(check({ charge: { kind: 'statutory_interest', jurisdiction: 'XX' } })).toBe('JURISDICTION_UNKNOWN charge.jurisdiction');
    expect(check({ charge: { kind: 'statutory_interest', jurisdiction: 'toString' } })).toBe('JURISDICTION_UNKNOWN charge.jurisdiction');
    expect(check({ charge: { kind: 'compound' } })).toBe('CHARGE_KIND_UNKNOWN charge.kind');
    expect(check({ charge: { kind: 'fixed', amounts: { EUR: 0 } } })).toBe('AMOUNT_INVALID charge.amounts.EUR');
    expect(check({ charge: { kind: 'fixed', amounts: { eur: 100 } } })).toBe('CURRENCY_UNKNOWN charge.amounts.eur');
    expect(check({ charge: { kind: 'fixed', amounts: JSON.parse('{"__proto__": 5}') as object } })).toBe('CURRENCY_UNKNOWN charge.amounts.__proto_');
    expect(check({ charge: { kind: 'fixed', amounts: [100] } })).toBe('AMOUNT_INVALID charge.amounts');
    expect(check({ compensation: { kind: 'fixed', amount: { amount: 4_000, currency: 'XXX' } } })).toBe('CURRENCY_UNKNOWN compensation.amount.currency');
    expect(check({ compensation: { kind: 'fixed', amount: money(0, 'EUR') } })).toBe('AMOUNT_INVALID compensation.amount.amount');
    expect(check({ compensation: { kind: 'percent' } })).toBe('COMPENSATION_KIND_UNKNOWN compensation.kind');
    expect(check({ minimumOverdue: { EUR: -1 } })).toBe('AMOUNT_INVALID minimumOverdue.EUR');
    expect(check({ minimumOverdue: { EUR: 2 ** 60 } })).toBe('AMOUNT_INVALID minimumOverdue.EUR');
    expect(check({ caps: { absolute: { RUB: 0.5 }, percentOfInvoiceBp: null } })).toBe('AMOUNT_INVALID caps.absolute.RUB');
    expect(check({ caps: { absolute: {}, percentOfInvoiceBp: -5 } })).toBe('RATE_INVALID caps.percentOfInvoiceBp');
    expect(check({ chargeMode: 'daily' })).toBe('CHARGE_MODE_UNKNOWN chargeMode');
  });
});
