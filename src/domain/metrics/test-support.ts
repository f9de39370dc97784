import fc from 'fast-check';
import { addDays, date } from '../dates.ts';
import { buildLedger, type Ledger, type LedgerAllocation, type LedgerInvoice } from './ledger.ts';

// Shared by the metric tests only: terse invoice fixtures and a generator of valid ledgers.

export type AllocationSpec = readonly [kind: LedgerAllocation['kind'], on: string, amount: number];

export function invoice(
  id: string,
  customerId: string,
  issued: string,
  due: string,
  total: number,
  allocations: readonly AllocationSpec[] = [],
): LedgerInvoice {
  return {
    id,
    customerId,
    issueDate: date(issued),
    dueDate: date(due),
    total,
    currency: 'EUR',
    allocations: allocations.map(([kind, on, amount]) => ({ kind, date: date(on), amount })),
  };
}

export function ledgerOf(invoices: readonly LedgerInvoice[]): Ledger {
  const result = buildLedger('EUR', invoices);
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.value;
}

export const EPOCH = date('2024-01-01');

/** A day within two years of EPOCH. */
export const dayArb = fc.integer({ min: 0, max: 730 }).map((n) => addDays(EPOCH, n));

const invoiceArb = (id: string) =>
  fc
    .record({
      customer: fc.constantFrom('c1', 'c2', 'c3', 'c4'),
      issue: fc.integer({ min: 0, max: 700 }),
      terms: fc.integer({ min: 0, max: 90 }),
      total: fc.integer({ min: 0, max: 1_000_000_000 }),
      allocations: fc.array(
        fc.record({ kind: fc.constantFrom('payment' as const, 'credit' as const), after: fc.integer({ min: 0, max: 200 }), amount: fc.integer({ min: 1, max: 1_000_000_000 }) }),
        { maxLength: 3 },
      ),
    })
    .map(({ customer, issue, terms, total, allocations }): LedgerInvoice => {
      const issueDate = addDays(EPOCH, issue);
      let left = total;
      const kept: LedgerAllocation[] = [];
      for (const a of allocations) {
        const amount = Math.min(a.amount, left);
        if (amount === 0) break;
        kept.push({ kind: a.kind, date: addDays(issueDate, a.after), amount });
        left -= amount;
      }
      return { id, customerId: customer, issueDate, dueDate: addDays(issueDate, terms), total, currency: 'EUR', allocations: kept };
    });

/** Valid ledgers: allocations never exceed the invoice total and are never dated before its issue. */
export const ledgerArb = fc
  .integer({ min: 0, max: 25 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => invoiceArb(`inv-${i}`))))
  .map((invoices) => ledgerOf(invoices));

/**
 * A payment history as of 30 Jun 2025, shared by the behaviour, reminder and prediction tests.
 *   K1 due 31 Jan, paid 31 Jan:                    0 days after due, 100 000 paid, 30 days to pay
 *   K2 due  3 Mar, paid 1 Mar (part) and 13 Mar:  10 days after due, 300 000 paid, 40 days to pay (1 Feb → 13 Mar)
 *   K3 due 31 Mar, paid 30 Apr:                   30 days after due,  50 000 paid, 60 days to pay
 *   K4 closed by a credit note: never paid.   K5 open, due 27 Jun.   K6 open at 30 Jun (paid 5 Jul), due 31 May.
 *   L1 due 31 May, paid 26 May:                   −5 days after due,  60 000 paid, 25 days to pay
 *   L2 open, due 20 Jul.   M1 (a new customer) open, due 10 Jul.
 */
export const HISTORY_AS_OF = date('2025-06-30');
export const historyLedger = ledgerOf([
  invoice('K1', 'K', '2025-01-01', '2025-01-31', 100_000, [['payment', '2025-01-31', 100_000]]),
  invoice('K2', 'K', '2025-02-01', '2025-03-03', 300_000, [['payment', '2025-03-01', 100_000], ['payment', '2025-03-13', 200_000]]),
  invoice('K3', 'K', '2025-03-01', '2025-03-31', 50_000, [['payment', '2025-04-30', 50_000]]),
  invoice('K4', 'K', '2025-04-01', '2025-05-01', 20_000, [['credit', '2025-05-05', 20_000]]),
  invoice('K5', 'K', '2025-05-28', '2025-06-27', 70_000),
  invoice('K6', 'K', '2025-05-01', '2025-05-31', 40_000, [['payment', '2025-07-05', 40_000]]),
  invoice('L1', 'L', '2025-05-01', '2025-05-31', 60_000, [['payment', '2025-05-26', 60_000]]),
  invoice('L2', 'L', '2025-06-20', '2025-07-20', 15_000),
  invoice('M1', 'M', '2025-06-10', '2025-07-10', 9_000),
]);
