import { isCurrencyCode } from '../currency.ts';
import { compareDates, type PlainDate } from '../dates.ts';
import { failure, type Result, success } from '../result.ts';

/**
 * What reduced an invoice's balance. 'payment' is money from the customer, including customer credit from an
 * earlier overpayment applied to this invoice; 'credit' is every non-cash reduction: credit notes, write-offs,
 * waivers. Only payments count as "paid" for behaviour, prediction and reminder effectiveness.
 */
export type AllocationKind = 'payment' | 'credit';

export interface LedgerAllocation {
  readonly kind: AllocationKind;
  readonly date: PlainDate;
  /** Positive minor units taken off the invoice's balance. */
  readonly amount: number;
}

/**
 * An issued invoice as metrics see it: drafts and voided invoices are left out by the caller, and a write-off
 * is a 'credit' allocation dated on the day of the write-off, so balances as of earlier dates stay true.
 */
export interface LedgerInvoice {
  readonly id: string;
  readonly customerId: string;
  readonly issueDate: PlainDate;
  readonly dueDate: PlainDate;
  /** Minor units of the ledger's currency. */
  readonly total: number;
  readonly currency: string;
  readonly allocations: readonly LedgerAllocation[];
}

declare const checked: unique symbol;

/**
 * Invoices of ONE currency, checked once by `buildLedger`. Metrics never mix currencies: the caller converts
 * amounts or builds one ledger per currency.
 */
export interface Ledger {
  readonly currency: string;
  readonly invoices: readonly LedgerInvoice[];
  readonly [checked]: true;
}

export function buildLedger(currency: string, invoices: readonly LedgerInvoice[]): Result<Ledger> {
  if (!isCurrencyCode(currency)) return failure('UNKNOWN_CURRENCY', `Unknown currency ${String(currency)}`, 'currency');
  const ids = new Set<string>();
  for (const [i, invoice] of invoices.entries()) {
    const field = `invoices[${i}]`;
    if (ids.has(invoice.id)) return failure('DUPLICATE_INVOICE', `Invoice ${invoice.id} is listed twice`, `${field}.id`);
    ids.add(invoice.id);
    if (invoice.currency !== currency)
      return failure('CURRENCY_MISMATCH', `Invoice ${invoice.id} is in ${invoice.currency}, the ledger in ${currency}`, `${field}.currency`);
    if (!Number.isSafeInteger(invoice.total) || invoice.total < 0)
      return failure('INVALID_AMOUNT', `Invoice ${invoice.id} total must be a non-negative integer of minor units`, `${field}.total`);
    if (compareDates(invoice.dueDate, invoice.issueDate) < 0)
      return failure('DUE_BEFORE_ISSUE', `Invoice ${invoice.id} is due before it was issued`, `${field}.dueDate`);
    let allocated = 0;
    for (const [j, a] of invoice.allocations.entries()) {
      const allocationField = `${field}.allocations[${j}]`;
      if (!Number.isSafeInteger(a.amount) || a.amount <= 0)
        return failure('INVALID_AMOUNT', 'Allocation amount must be a positive integer of minor units', `${allocationField}.amount`);
      if (compareDates(a.date, invoice.issueDate) < 0)
        return failure('ALLOCATION_BEFORE_ISSUE', `Invoice ${invoice.id} has an allocation dated before its issue date`, `${allocationField}.date`);
      allocated += a.amount;
    }
    if (allocated > invoice.total)
      return failure('OVER_ALLOCATED', `Invoice ${invoice.id} has ${allocated} allocated against a total of ${invoice.total}`, `${field}.allocations`);
  }
  return success({ currency, invoices } as Ledger);
}

/** Issued on or before `asOf`: an invoice is not receivable before it exists. */
export function isIssuedBy(invoice: LedgerInvoice, asOf: PlainDate): boolean {
  return compareDates(invoice.issueDate, asOf) <= 0;
}

/**
 * The balance at the close of `asOf`: allocations dated that day count, later ones do not. Zero before the
 * invoice was issued.
 */
export function balanceAsOf(invoice: LedgerInvoice, asOf: PlainDate): number {
  if (!isIssuedBy(invoice, asOf)) return 0;
  let balance = invoice.total;
  for (const a of invoice.allocations) if (compareDates(a.date, asOf) <= 0) balance -= a.amount;
  return balance;
}

/** Not yet due at the close of `asOf`: an invoice due today is still current. */
export function isCurrentOn(invoice: LedgerInvoice, asOf: PlainDate): boolean {
  return compareDates(invoice.dueDate, asOf) >= 0;
}

export interface Settlement {
  readonly invoice: LedgerInvoice;
  /** The date of the last payment: when the customer finished paying. */
  readonly paidOn: PlainDate;
  /** Sum of the payments (not credits) on the invoice: the weight of this invoice in amount-weighted figures. */
  readonly amountPaid: number;
}

/**
 * The invoice as paid by the close of `asOf`: balance zero and at least one payment. An invoice closed only by
 * credit notes or a write-off was never paid and tells nothing about how the customer pays.
 */
export function settlementAsOf(invoice: LedgerInvoice, asOf: PlainDate): Settlement | null {
  if (!isIssuedBy(invoice, asOf) || balanceAsOf(invoice, asOf) !== 0) return null;
  let paidOn: PlainDate | null = null;
  let amountPaid = 0;
  for (const a of invoice.allocations) {
    if (a.kind !== 'payment' || compareDates(a.date, asOf) > 0) continue;
    amountPaid += a.amount;
    if (paidOn === null || compareDates(a.date, paidOn) > 0) paidOn = a.date;
  }
  return paidOn === null ? null : { invoice, paidOn, amountPaid };
}
