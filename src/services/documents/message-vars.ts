import { PDF_LABELS } from '../../documents/pdf/index.ts';
import type { Locale, MessageVars } from '../../documents/templates/index.ts';
import { parseDate, type PlainDate } from '../../domain/dates.ts';
import { money } from '../../domain/money.ts';
import { formatRfReference } from '../../domain/payment-qr/index.ts';
import { addressee } from './parties.ts';
import type { InvoiceBundle } from './invoice-document.ts';
import { earlyPayment, lateFeeTerms, paymentSection } from './invoice-document.ts';
import { invoicePaymentReference } from './payment-reference.ts';
import { portalUrl } from './portal-link.ts';

/** Who one message is written to, and the portal link made for that person. */
export interface Addressed {
  readonly contactName: string;
  readonly portalUrl: string;
}

/**
 * What a message about one invoice says, from the same data its PDF prints: the balance, the payment
 * reference, the bank details (labelled in the customer's language), the discount still open and the
 * late-payment terms. A message that is sent names its contact and carries that contact's own portal link;
 * without one (a template preview, which must not create links) it greets the invoice's addressee and
 * points at the plain portal address.
 */
export function invoiceMessageVars(bundle: InvoiceBundle, today: PlainDate, locale: Locale, addressed?: Addressed): MessageVars {
  const { invoice, customer, org } = bundle;
  const issueDate = parseDate(invoice.issueDate)!;
  const reference = invoice.kind === 'invoice' ? invoicePaymentReference(invoice.number) : null;
  const payment = reference === null ? null : paymentSection(bundle, reference, issueDate);
  const labels = PDF_LABELS[locale];
  const bankDetails = (payment?.lines ?? [])
    .filter((line) => line.field !== 'amount' && line.field !== 'reference')
    .map((line) => `${labels.transfer[line.field]}: ${line.value}`)
    .join('\n');
  const early = earlyPayment(invoice, issueDate, today);
  const lateFees = lateFeeTerms(bundle, locale);
  return {
    asOf: today,
    customerName: customer.name,
    contactName: addressed?.contactName ?? addressee(bundle.contacts, invoice.billingContactId)?.name ?? '',
    organizationName: org.name,
    invoices: [{ number: invoice.number ?? '—', issueDate, dueDate: parseDate(invoice.dueDate)!, balance: money(invoice.balance, invoice.currency) }],
    portalUrl: addressed?.portalUrl ?? portalUrl(),
    paymentReference: reference ? formatRfReference(reference) : (invoice.number ?? ''),
    bankDetails,
    replyTo: org.name,
    ...(early ? { earlyDiscount: { amount: money(early.discount, invoice.currency), deadline: early.deadline } } : {}),
    ...(lateFees ? { lateFeeTerms: lateFees } : {}),
  };
}
