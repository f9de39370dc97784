import type { InvoiceLedger } from './invoice-ledger.ts';
import type { Allocation, CreditToMatch, MatchResult } from './types.ts';

// A customer paying "everything up to some date" pays its oldest invoices; sums of the oldest 1…64 are
// tried. A limit keeps each look-up bounded for a customer with thousands of open invoices.
const OLDEST_INVOICES_SUMMED = 64;

interface Queue {
  readonly positions: number[];
  head: number;
}

/**
 * The open balances of each customer, per currency, oldest due date first, plus the same grouped by
 * exact balance. Built once from what rule (a) left open; during rule (b) invoices only ever go from
 * fully open to settled, so each queue keeps a head pointer past its settled front (amortized O(1)).
 */
export class CustomerBalances {
  private readonly open = new Map<string, Queue>();
  private readonly byBalance = new Map<string, Queue>();

  constructor(private readonly ledger: InvoiceLedger) {
    const order = Array.from({ length: ledger.size }, (_, p) => p)
      .filter((p) => ledger.remainingOf(p) > 0)
      .sort((a, b) => (ledger.dueDay[a] ?? 0) - (ledger.dueDay[b] ?? 0) || a - b);
    for (const p of order) {
      const { customerId, currency } = ledger.invoice(p);
      push(this.open, `${customerId}|${currency}`, p);
      push(this.byBalance, `${customerId}|${currency}|${ledger.remainingOf(p)}`, p);
    }
  }

  /** Positions of the customer's open invoices whose balances add up to exactly `amount`, or null. */
  settledBy(customerId: string, currency: string, amount: number): number[] | null {
    const single = this.byBalance.get(`${customerId}|${currency}|${amount}`);
    if (single) {
      while (single.head < single.positions.length && this.ledger.remainingOf(single.positions[single.head] as number) !== amount) single.head++;
      const first = single.positions[single.head];
      if (first !== undefined) return [first];
    }
    const queue = this.open.get(`${customerId}|${currency}`);
    if (!queue) return null;
    while (queue.head < queue.positions.length && this.ledger.remainingOf(queue.positions[queue.head] as number) === 0) queue.head++;
    const oldest: number[] = [];
    let total = 0;
    const end = Math.min(queue.positions.length, queue.head + OLDEST_INVOICES_SUMMED);
    for (let i = queue.head; i < end && total < amount; i++) {
      const p = queue.positions[i] as number;
      const owed = this.ledger.remainingOf(p);
      if (owed === 0) continue;
      oldest.push(p);
      total += owed;
    }
    return total === amount && oldest.length >= 2 ? oldest : null;
  }
}

function push(map: Map<string, Queue>, key: string, position: number): void {
  const queue = map.get(key);
  if (queue) queue.positions.push(position);
  else map.set(key, { positions: [position], head: 0 });
}

/**
 * Rule (b): the payer is recognized as a customer (account or name) and the amount settles exactly one
 * of its balances, or exactly its oldest few. Sure when exactly one such customer fits; several fitting
 * customers is a question for a person, so null lets rule (c) list candidates instead.
 */
export function matchByPayerAmount(
  credit: CreditToMatch,
  customers: readonly string[],
  balances: CustomerBalances,
  ledger: InvoiceLedger,
): MatchResult | null {
  let fit: number[] | null = null;
  for (const customerId of customers) {
    const positions = balances.settledBy(customerId, credit.currency, credit.amountMinor);
    if (!positions) continue;
    if (fit) return null;
    fit = positions;
  }
  if (!fit) return null;
  const allocations = fit
    .map((p) => ledger.take(p, ledger.remainingOf(p)))
    .filter((a): a is Allocation => a !== null);
  return { status: 'sure', allocations, overpaymentMinor: 0, rule: 'PAYER_AMOUNT', reason: 'PAID_IN_FULL' };
}
