import { compareDates, type PlainDate } from './dates.ts';
import { failure, type Result, success } from './result.ts';

export interface OpenItem {
  readonly invoiceId: string;
  readonly number: string;
  readonly currency: string;
  readonly dueDate: PlainDate;
  readonly issueDate: PlainDate;
  readonly balance: number;
}

export interface Allocation {
  readonly invoiceId: string;
  readonly amount: number;
}

export interface AllocationPlan {
  readonly allocations: readonly Allocation[];
  /** What is left of the payment: it stays with the customer as credit for later invoices. */
  readonly unallocated: number;
}

/** Oldest due date first, then oldest issue date, then number: what customers and auditors expect. */
export function oldestFirst(items: readonly OpenItem[]): OpenItem[] {
  return [...items].sort(
    (a, b) => compareDates(a.dueDate, b.dueDate) || compareDates(a.issueDate, b.issueDate) || a.number.localeCompare(b.number),
  );
}

export function allocateOldestFirst(amount: number, currency: string, items: readonly OpenItem[]): AllocationPlan {
  const allocations: Allocation[] = [];
  let left = amount;
  for (const item of oldestFirst(items.filter((i) => i.currency === currency && i.balance > 0))) {
    if (left === 0) break;
    const take = Math.min(left, item.balance);
    allocations.push({ invoiceId: item.invoiceId, amount: take });
    left -= take;
  }
  return { allocations, unallocated: left };
}

/** Check allocations chosen by hand against the money available and each invoice's balance. */
export function checkManualAllocation(
  available: number,
  currency: string,
  requested: readonly Allocation[],
  items: ReadonlyMap<string, OpenItem>,
): Result<AllocationPlan> {
  const seen = new Set<string>();
  let total = 0;
  for (const [i, a] of requested.entries()) {
    const field = `allocations[${i}]`;
    const item = items.get(a.invoiceId);
    if (!item) return failure('INVOICE_NOT_FOUND', `Invoice ${a.invoiceId} is not an open invoice of this customer`, `${field}.invoiceId`);
    if (seen.has(a.invoiceId)) return failure('DUPLICATE_ALLOCATION', `Invoice ${item.number} is listed twice`, `${field}.invoiceId`);
    seen.add(a.invoiceId);
    if (item.currency !== currency)
      return failure('CURRENCY_MISMATCH', `Invoice ${item.number} is in ${item.currency}, the payment in ${currency}`, `${field}.invoiceId`);
    if (!Number.isSafeInteger(a.amount) || a.amount <= 0) return failure('INVALID_AMOUNT', 'Allocation amount must be positive', `${field}.amount`);
    if (a.amount > item.balance)
      return failure('ALLOCATION_EXCEEDS_BALANCE', `Invoice ${item.number} has a balance of ${item.balance}, less than ${a.amount}`, `${field}.amount`);
    total += a.amount;
  }
  if (total > available) return failure('ALLOCATION_EXCEEDS_PAYMENT', `Allocations total ${total}, more than the ${available} available`, 'allocations');
  return success({ allocations: requested, unallocated: available - total });
}
