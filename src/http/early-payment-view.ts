import { Type } from 'typebox';
import type { PlainDate } from '../domain/dates.ts';
import { formatEarlyPaymentTerms } from '../domain/fees/index.ts';
import type { InvoiceRow } from '../db/repositories/invoices.ts';
import { earlyDiscountFor, earlyPaymentOf } from '../services/terms/early-payment.ts';

// The early-payment discount as printed on an invoice: its terms, last day and what paying early costs.
export const EarlyPaymentView = Type.Object({
  percentBp: Type.Integer({ description: '200 = 2 %' }),
  days: Type.Integer({ description: 'Days after the issue date' }),
  terms: Type.String({ description: 'Printed form, e.g. "2/10 net 30"' }),
  deadline: Type.String({ description: 'Last day a payment may arrive and still earn the discount (YYYY-MM-DD)' }),
  discount: Type.Integer({ description: 'Minor units off the total' }),
  discountedAmount: Type.Integer({ description: 'What settles the invoice when paid by the deadline' }),
  available: Type.Boolean({ description: 'True while the invoice is owed and the deadline has not passed' }),
});

export function earlyPaymentView(invoice: InvoiceRow, today: PlainDate) {
  const early = earlyPaymentOf(invoice);
  if (!early) return null;
  const { offer, terms } = early;
  return {
    percentBp: terms.discountBp,
    days: terms.discountDays,
    terms: formatEarlyPaymentTerms(terms),
    deadline: offer.deadline.toString(),
    discount: offer.discount.amount,
    discountedAmount: offer.discountedAmount.amount,
    available: earlyDiscountFor(invoice, today) !== undefined,
  };
}
