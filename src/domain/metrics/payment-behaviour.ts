import { compareDates, daysBetween, type PlainDate } from '../dates.ts';
import { compareIds } from './compare-ids.ts';
import { type Ledger, type Settlement, settlementAsOf } from './ledger.ts';
import { shareInBasisPoints, tenthsOfDay } from './ratio.ts';

/**
 * How a customer paid the invoices it finished paying. Days are in tenths of a day, shares in basis points,
 * each rounded half-up once. An invoice is late when its last payment came after its due date; days late
 * count early payment as 0, so a customer who pays some invoices early cannot hide others paid late.
 */
export interface CustomerPaymentBehaviour {
  readonly customerId: string;
  readonly paidInvoices: number;
  readonly paidLate: number;
  readonly paidLateShareBp: number;
  /** Mean days late over invoices, each invoice counting once. */
  readonly averageDaysLateTenths: number;
  /** Mean days late weighted by the amount paid: a late large invoice weighs more than a late small one. */
  readonly weightedAverageDaysLateTenths: number;
  /** Mean days from issue to the last payment. */
  readonly averageDaysToPayTenths: number;
}

export interface PaymentBehaviourOptions {
  /** Only invoices whose last payment is on or after this date, so old habits fade out. */
  readonly paidSince?: PlainDate;
}

function daysLate(settlement: Settlement): number {
  return Math.max(0, daysBetween(settlement.invoice.dueDate, settlement.paidOn));
}

function behaviourOf(customerId: string, settlements: readonly Settlement[]): CustomerPaymentBehaviour {
  let late = 0;
  let lateDays = 0n;
  let weightedLateDays = 0n;
  let weight = 0n;
  let daysToPay = 0n;
  for (const s of settlements) {
    const d = daysLate(s);
    if (d > 0) late += 1;
    lateDays += BigInt(d);
    weightedLateDays += BigInt(d) * BigInt(s.amountPaid);
    weight += BigInt(s.amountPaid);
    daysToPay += BigInt(daysBetween(s.invoice.issueDate, s.paidOn));
  }
  const count = BigInt(settlements.length);
  return {
    customerId,
    paidInvoices: settlements.length,
    paidLate: late,
    paidLateShareBp: shareInBasisPoints(late, settlements.length),
    averageDaysLateTenths: tenthsOfDay(lateDays, count),
    weightedAverageDaysLateTenths: tenthsOfDay(weightedLateDays, weight),
    averageDaysToPayTenths: tenthsOfDay(daysToPay, count),
  };
}

/** Behaviour per customer from invoices paid by the close of `asOf`; customers without one are absent. */
export function paymentBehaviour(ledger: Ledger, asOf: PlainDate, options: PaymentBehaviourOptions = {}): CustomerPaymentBehaviour[] {
  const byCustomer = new Map<string, Settlement[]>();
  for (const invoice of ledger.invoices) {
    const settlement = settlementAsOf(invoice, asOf);
    if (!settlement) continue;
    if (options.paidSince && compareDates(settlement.paidOn, options.paidSince) < 0) continue;
    const list = byCustomer.get(invoice.customerId) ?? [];
    list.push(settlement);
    byCustomer.set(invoice.customerId, list);
  }
  return [...byCustomer.entries()]
    .sort(([a], [b]) => compareIds(a, b))
    .map(([customerId, settlements]) => behaviourOf(customerId, settlements));
}
