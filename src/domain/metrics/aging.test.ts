import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { date } from '../dates.ts';
import { agingReport } from './aging.ts';
import { balanceAsOf } from './ledger.ts';
import { dayArb, invoice, ledgerArb, ledgerOf } from './test-support.ts';

const asOf = date('2025-03-31');
const ledger = ledgerOf([
  // A1 due today: 0 days past due → current.
  invoice('A1', 'A', '2025-03-01', '2025-03-31', 100_000),
  // A2: 50 000 − 20 000 paid on 10 Mar = 30 000; the 2 Apr payment is after asOf. 14 Feb → 31 Mar = 14 + 31 = 45 days → 31-60.
  invoice('A2', 'A', '2025-01-15', '2025-02-14', 50_000, [['payment', '2025-03-10', 20_000], ['payment', '2025-04-02', 30_000]]),
  // B1: 1 Dec → 31 Mar = 30 + 31 + 28 + 31 = 120 days → 91+.
  invoice('B1', 'B', '2024-11-01', '2024-12-01', 80_000),
  // B2: 25 000 − 5 000 credit = 20 000; 30 Jan → 31 Mar = 1 + 28 + 31 = 60 days → 31-60 (the edge is inclusive).
  invoice('B2', 'B', '2025-01-01', '2025-01-30', 25_000, [['credit', '2025-02-01', 5_000]]),
  // B3 paid on asOf: gone.
  invoice('B3', 'B', '2025-01-01', '2025-01-31', 9_000, [['payment', '2025-03-31', 9_000]]),
  // C1 issued after asOf: not yet receivable.
  invoice('C1', 'C', '2025-04-01', '2025-05-01', 5_000),
  // C2: 31 Dec → 31 Mar = 31 + 28 + 31 = 90 days → 61-90.
  invoice('C2', 'C', '2024-12-01', '2024-12-31', 7_000),
  // C3: 1 day past due → 1-30.
  invoice('C3', 'C', '2025-03-01', '2025-03-30', 1_000),
]);

describe('aging report', () => {
  it('buckets each open balance by days past due, largest customer first', () => {
    const result = agingReport(ledger, asOf);
    if (!result.ok) throw new Error(result.message);
    const report = result.value;
    expect(report.buckets.map((b) => b.key)).toEqual(['current', '1-30', '31-60', '61-90', '91+']);
    expect(report.customers).toEqual([
      // A: 100 000 current + 30 000 in 31-60 = 130 000
      { customerId: 'A', amounts: [100_000, 0, 30_000, 0, 0], total: 130_000 },
      // B: 20 000 in 31-60 + 80 000 in 91+ = 100 000
      { customerId: 'B', amounts: [0, 0, 20_000, 0, 80_000], total: 100_000 },
      // C: 1 000 in 1-30 + 7 000 in 61-90 = 8 000
      { customerId: 'C', amounts: [0, 1_000, 0, 7_000, 0], total: 8_000 },
    ]);
    expect(report.bucketTotals).toEqual([100_000, 1_000, 50_000, 7_000, 80_000]);
    // 100 000 + 1 000 + 50 000 + 7 000 + 80 000
    expect(report.total).toBe(238_000);
    expect(report.currency).toBe('EUR');
  });

  it('takes configurable edges', () => {
    const result = agingReport(ledger, asOf, [15, 45]);
    if (!result.ok) throw new Error(result.message);
    expect(result.value.buckets).toEqual([
      { key: 'current', fromDay: null, toDay: 0 },
      { key: '1-15', fromDay: 1, toDay: 15 },
      { key: '16-45', fromDay: 16, toDay: 45 },
      { key: '46+', fromDay: 46, toDay: null },
    ]);
    // 1-15: C3 1 000; 16-45: A2 30 000 (45 days); 46+: B2 20 000 + C2 7 000 + B1 80 000 = 107 000
    expect(result.value.bucketTotals).toEqual([100_000, 1_000, 30_000, 107_000]);
    const overdueOnly = agingReport(ledger, asOf, []);
    expect(overdueOnly.ok && overdueOnly.value.bucketTotals).toEqual([100_000, 138_000]);
  });

  it.each([
    [[30, 30], 'edges[1]'],
    [[0], 'edges[0]'],
    [[-5], 'edges[0]'],
    [[30, 20], 'edges[1]'],
    [[1.5], 'edges[0]'],
    [[Number.NaN], 'edges[0]'],
    [[30, 4000], 'edges[1]'],
  ])('refuses edges %j', (edges, field) => {
    const result = agingReport(ledger, asOf, edges);
    expect(result.ok || [result.code, result.field]).toEqual(['INVALID_AGING_EDGES', field]);
  });

  it('adds up exactly: buckets to the total, customers to their totals, the total to all balances', () => {
    fc.assert(
      fc.property(ledgerArb, dayArb, fc.uniqueArray(fc.integer({ min: 1, max: 400 }), { maxLength: 6 }), (l, day, rawEdges) => {
        const result = agingReport(l, day, [...rawEdges].sort((a, b) => a - b));
        if (!result.ok) throw new Error(result.message);
        const { customers, bucketTotals, total } = result.value;
        expect(bucketTotals.reduce((s, x) => s + x, 0)).toBe(total);
        for (const c of customers) expect(c.amounts.reduce((s, x) => s + x, 0)).toBe(c.total);
        expect(total).toBe(l.invoices.reduce((s, i) => s + balanceAsOf(i, day), 0));
      }),
    );
  });
});
