import { lateFeeTermsText, type InvoiceDocument, type PaymentSection } from '../../documents/pdf/index.ts';
import type { Locale } from '../../documents/templates/index.ts';
import { compareDates, parseDate, type PlainDate } from '../../domain/dates.ts';
import { earlyPaymentOffer, type LateFeePolicy } from '../../domain/fees/index.ts';
import { money } from '../../domain/money.ts';
import { choosePaymentQr } from '../../domain/payment-qr/index.ts';
import { failure, success, type Result } from '../../domain/result.ts';
import type { Db } from '../../db/connection.ts';
import { payingAccountFor, type BankAccountRow } from '../../db/repositories/bank-accounts.ts';
import { findCustomer, listContacts, type ContactRow, type CustomerRow } from '../../db/repositories/customers.ts';
import { findInvoice, invoiceLinesOf, type InvoiceLineRow, type InvoiceRow } from '../../db/repositories/invoices.ts';
import { findOrganization, type OrganizationRow } from '../../db/repositories/organizations.ts';
import { findLogo } from '../../db/repositories/settings.ts';
import { effectiveLateFeePolicy } from '../terms/late-fee-policies.ts';
import { bankAccountDetails } from './bank-accounts.ts';
import { addressee, buyerOf, documentLocale, sellerOf } from './parties.ts';
import { invoicePaymentReference } from './payment-reference.ts';
import { portalUrl } from './portal-link.ts';

/** Everything an invoice document (PDF or UBL) is made from, loaded within one organization. */
export interface InvoiceBundle {
  readonly invoice: InvoiceRow;
  readonly lines: readonly InvoiceLineRow[];
  readonly customer: CustomerRow;
  readonly contacts: readonly ContactRow[];
  readonly org: OrganizationRow;
  /** The account the invoice's currency is paid into, if the organization has one. */
  readonly account?: BankAccountRow;
  /** The invoice a credit note corrects. */
  readonly original?: InvoiceRow;
  /** The organization's logo image (PNG or JPEG), printed on its documents. */
  readonly logo?: Buffer;
  /** The late-fee policy that applies to the customer (its own, else the organization's default). */
  readonly lateFeePolicy?: LateFeePolicy;
}

export async function loadInvoiceBundle(db: Db, orgId: string, invoiceId: string): Promise<Result<InvoiceBundle>> {
  const invoice = await findInvoice(db, orgId, invoiceId);
  if (!invoice) return failure('INVOICE_NOT_FOUND', 'No such invoice', 'id');
  const [lines, customer, contacts, org, account, original, logo, lateFees] = [
    await invoiceLinesOf(db, orgId, [invoice.id]),
    await findCustomer(db, orgId, invoice.customerId),
    await listContacts(db, orgId, [invoice.customerId]),
    await findOrganization(db, orgId),
    await payingAccountFor(db, orgId, invoice.currency),
    invoice.originalInvoiceId ? await findInvoice(db, orgId, invoice.originalInvoiceId) : undefined,
    await findLogo(db, orgId),
    await effectiveLateFeePolicy(db, orgId, invoice.customerId),
  ];
  if (!customer || !org) throw new Error(`Invoice ${invoice.id} has no customer or organization in its tenant`);
  return success({ invoice, lines, customer, contacts, org, ...(account ? { account } : {}), ...(original ? { original } : {}), ...(logo ? { logo: logo.data } : {}), ...(lateFees ? { lateFeePolicy: lateFees.policy } : {}) });
}

export interface DocumentMoment {
  /** Today where the organization is: decides whether the early-payment discount is still open. */
  readonly today: PlainDate;
  readonly createdAt: Date;
}

/** The invoice PDF's content, in the customer's language unless `locale` asks for another. */
export function invoiceDocument(bundle: InvoiceBundle, moment: DocumentMoment, locale: Locale = documentLocale(bundle.customer)): InvoiceDocument {
  const { invoice, org } = bundle;
  const issueDate = parseDate(invoice.issueDate)!;
  const reference = invoice.kind === 'invoice' ? invoicePaymentReference(invoice.number) : null;
  return {
    kind: invoice.kind === 'credit_note' ? 'credit_note' : 'invoice',
    locale,
    number: invoice.number,
    issueDate,
    dueDate: parseDate(invoice.dueDate)!,
    currency: invoice.currency,
    poNumber: invoice.poNumber,
    paymentReference: reference,
    seller: sellerOf(org, locale, bundle.logo),
    buyer: buyerOf(bundle.customer, locale),
    contact: addressee(bundle.contacts, invoice.billingContactId),
    lines: bundle.lines.map((l) => ({
      description: l.description,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      discountBp: l.discountBp,
      taxCategory: l.taxCategory,
      taxRateBp: l.taxRateBp,
      netAmount: l.netAmount,
    })),
    subtotal: invoice.subtotal,
    discountTotal: invoice.discountTotal,
    taxTotal: invoice.taxTotal,
    total: invoice.total,
    amountPaid: invoice.amountPaid,
    amountCredited: invoice.amountCredited,
    balance: invoice.balance,
    taxBreakdown: invoice.taxBreakdown,
    lateFeeTerms: lateFeeTerms(bundle, locale),
    earlyPayment: earlyPayment(invoice, issueDate, moment.today),
    notes: invoice.notes,
    originalInvoiceNumber: bundle.original?.number ?? null,
    payment: reference === null ? null : paymentSection(bundle, reference, issueDate),
    // The plain portal address, never a personal link: a PDF is printed, forwarded and archived for years,
    // long after a link has expired, and anyone holding the file would hold the customer's portal. Whoever
    // opens the portal from it asks there for a fresh link by email; the emails that carry the PDF carry a
    // link of their own for the contact they go to.
    portalUrl: portalUrl(),
    createdAt: moment.createdAt,
  };
}

/**
 * The late-payment terms the invoice states: its own terms text when it has one, else the late-fee policy
 * that applies to the customer, written out in the reader's language.
 */
export function lateFeeTerms(bundle: InvoiceBundle, locale: Locale): string | null {
  if (bundle.invoice.termsText?.trim()) return bundle.invoice.termsText;
  if (!bundle.lateFeePolicy) return null;
  return lateFeeTermsText(bundle.lateFeePolicy, bundle.invoice.currency, locale) || null;
}

/**
 * The discount the invoice's terms still offer today: what to pay, by when, and what it saves. Payments
 * already made count towards the discounted amount; once the deadline has passed nothing is offered.
 */
export function earlyPayment(invoice: InvoiceRow, issueDate: PlainDate, today: PlainDate): InvoiceDocument['earlyPayment'] {
  const { earlyPaymentDiscountBp: discountBp, earlyPaymentDays: days } = invoice;
  if (invoice.kind !== 'invoice' || !discountBp || days === null || invoice.balance <= 0) return null;
  const offer = earlyPaymentOffer(issueDate, money(invoice.total, invoice.currency), { discountBp, discountDays: days, netDays: days + 1 });
  const payable = offer.discountedAmount.amount - invoice.amountPaid - invoice.amountCredited;
  if (payable <= 0 || compareDates(today, offer.deadline) > 0) return null;
  return { discount: offer.discount.amount, payable, deadline: offer.deadline };
}

/**
 * Bank details and the QR the currency calls for, for the balance still owed. Accounts are checked when
 * saved, so a failure here comes from the organization's own data (a malformed INN for a GOST QR, say): the
 * invoice then prints without payment instructions rather than not at all.
 */
export function paymentSection(bundle: InvoiceBundle, reference: string, issueDate: PlainDate): PaymentSection | null {
  const { invoice, org, account } = bundle;
  if (!account || invoice.balance <= 0 || invoice.number === null) return null;
  const request = {
    currency: invoice.currency,
    amountMinor: invoice.balance,
    beneficiary: account.accountHolder ?? org.legalName ?? org.name,
    bankAccount: bankAccountDetails(account),
    reference,
    invoiceNumber: invoice.number,
    issueDate,
  };
  const chosen = choosePaymentQr(org.taxId ? { ...request, payeeTaxId: org.taxId } : request);
  const instructions = chosen.ok ? chosen : choosePaymentQr(request);
  if (!instructions.ok) return null;
  const { kind, payload, lines } = instructions.value;
  return { lines, ...(kind === 'text' ? {} : { qr: { kind, payload } }) };
}
