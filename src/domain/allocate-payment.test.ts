import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateOldestFirst, checkManualAllocation, type OpenItem } from './allocate-payment.ts';
import { date } from './dates.ts';

const item = (invoiceId: string, due: string, balance: number, currency = 'EUR'): OpenItem => ({
  invoiceId,
  number: invoiceId,
  currency,
  dueDate: date(due),
  issueDate: date('2025-01-01'),
  balance,
});

describe('oldest-first allocation', () => {
  it('pays the oldest due first and keeps the rest as credit', () => {
    const plan = allocateOldestFirst(1500, 'EUR', [item('b', '2025-03-01', 1000), item('a', '2025-02-01', 300), item('c', '2025-04-01', 900, 'USD')]);
    expect(plan.allocations).toEqual([
      { invoiceId: 'a', amount: 300 },
      { invoiceId: 'b', amount: 1000 },
    ]);
    expect(plan.unallocated).toBe(200);
  });

  it('allocations sum to the payment and never exceed a balance', () => {
    const items = fc.array(
      fc.record({ id: fc.uuid(), day: fc.integer({ min: 1, max: 28 }), balance: fc.integer({ min: 0, max: 1e9 }) }),
      { maxLength: 20 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e10 }), items, (amount, raw) => {
        const open = raw.map((r) => item(r.id, `2025-01-${String(r.day).padStart(2, '0')}`, r.balance));
        const plan = allocateOldestFirst(amount, 'EUR', open);
        expect(plan.allocations.reduce((s, a) => s + a.amount, 0) + plan.unallocated).toBe(amount);
        expect(plan.unallocated).toBeGreaterThanOrEqual(0);
        for (const a of plan.allocations) {
          const source = open.find((o) => o.invoiceId === a.invoiceId)!;
          expect(a.amount).toBeGreaterThan(0);
          expect(a.amount).toBeLessThanOrEqual(source.balance);
        }
      }),
    );
  });
});

describe('manual allocation', () => {
  const items = new Map([
    ['a', item('a', '2025-02-01', 300)],
    ['b', item('b', '2025-02-01', 500, 'VND')],
  ]);

  it('accepts a valid split', () => {
    const r = checkManualAllocation(400, 'EUR', [{ invoiceId: 'a', amount: 300 }], items);
    expect(r).toEqual({ ok: true, value: { allocations: [{ invoiceId: 'a', amount: 300 }], unallocated: 100 } });
  });

  it('names the offending field', () => {
    expect(checkManualAllocation(1000, 'EUR', [{ invoiceId: 'a', amount: 301 }], items)).toMatchObject({ code: 'ALLOCATION_EXCEEDS_BALANCE', field: 'allocations[0].amount' });
    expect(checkManualAllocation(100, 'EUR', [{ invoiceId: 'a', amount: 200 }], items)).toMatchObject({ code: 'ALLOCATION_EXCEEDS_PAYMENT' });
    expect(checkManualAllocation(1000, 'EUR', [{ invoiceId: 'b', amount: 1 }], items)).toMatchObject({ code: 'CURRENCY_MISMATCH' });
    expect(checkManualAllocation(1000, 'EUR', [{ invoiceId: 'zz', amount: 1 }], items)).toMatchObject({ code: 'INVOICE_NOT_FOUND' });
    expect(
      checkManualAllocation(1000, 'EUR', [{ invoiceId: 'a', amount: 1 }, { invoiceId: 'a', amount: 1 }], items),
    ).toMatchObject({ code: 'DUPLICATE_ALLOCATION', field: 'allocations[1].invoiceId' });
    expect(checkManualAllocation(1000, 'EUR', [{ invoiceId: 'a', amount: -5 }], items)).toMatchObject({ code: 'INVALID_AMOUNT' });
  });
});
