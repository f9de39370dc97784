import { formatter, PDF_LABELS } from '../../documents/pdf/index.ts';
import { checkProfile } from '../../documents/ubl/profile-rules.ts';
import type { UblDocument, UblParty, UblPayment, UblProfile, UblTaxCategory } from '../../documents/ubl/index.ts';
import { parseDate, type PlainDate } from '../../domain/dates.ts';
import { failure, success, type Result } from '../../domain/result.ts';
import { checkVatParties, isVatIdentifier } from '../../domain/vat-parties.ts';
import type { Address, TaxBreakdownRow } from '../../db/schema/index.ts';
import { vatPartiesOf } from '../vat-rules.ts';
import type { InvoiceBundle } from './invoice-document.ts';
import { earlyPayment, lateFeeTerms } from './invoice-document.ts';
import { addressee, documentLocale } from './parties.ts';
import { invoicePaymentReference } from './payment-reference.ts';

/**
 * The e-invoice content of an issued invoice or credit note, or the rule it would break: drafts have no
 * number, and the EN 16931 VAT rules and the profile's own rules are checked against the organization's and
 * customer's data as they are now, so a document that would be rejected is never handed out.
 */
export function ublDocument(bundle: InvoiceBundle, profile: UblProfile, today: PlainDate): Result<UblDocument> {
  const { invoice, org, customer } = bundle;
  if (invoice.number === null) return failure('INVOICE_NOT_ISSUED', 'A draft has no number yet: issue it before exporting an e-invoice', 'id');
  const vat = checkVatParties(new Set(invoice.taxBreakdown.map((r) => r.taxCategory)), vatPartiesOf(org, customer));
  if (vat) return vat;
  const contact = addressee(bundle.contacts, invoice.billingContactId);
  const isInvoice = invoice.kind === 'invoice';
  const reference = isInvoice ? invoicePaymentReference(invoice.number) : null;
  const issueDate = parseDate(invoice.issueDate)!;
  const seller: UblParty = {
    ...(org.electronicAddress ? { endpoint: { id: org.electronicAddress.value, scheme: org.electronicAddress.scheme } } : {}),
    name: org.name,
    legalName: org.legalName ?? org.name,
    address: ublAddress(org.address, org.country),
    // A tax number without a country prefix is the seller's tax registration (BT-32) and, as the seller must be
    // identified by something other than BT-32 (BR-CO-26), its legal registration (BT-30) as well: a Romanian
    // CUI is both.
    ...(org.taxId ? (isVatIdentifier(org.taxId) ? { vatId: org.taxId } : { taxRegistrationId: org.taxId, legalRegistrationId: org.taxId }) : {}),
  };
  const buyerEndpoint = customer.electronicAddress ?? (profile === 'cius-ro' && contact?.email ? { scheme: 'EM', value: contact.email } : null);
  const buyer: UblParty = {
    ...(buyerEndpoint ? { endpoint: { id: buyerEndpoint.value, scheme: buyerEndpoint.scheme } } : {}),
    name: customer.name,
    legalName: customer.legalName ?? customer.name,
    address: ublAddress(customer.billingAddress, null),
    ...(customer.taxId ? (isVatIdentifier(customer.taxId) ? { vatId: customer.taxId } : { legalRegistrationId: customer.taxId }) : {}),
    ...(contact ? { contact: { name: contact.name, ...(contact.phone ? { telephone: contact.phone } : {}), ...(contact.email ? { email: contact.email } : {}) } } : {}),
  };
  const intraCommunity = invoice.taxBreakdown.some((r) => r.taxCategory === 'K');
  const document: UblDocument = {
    kind: isInvoice ? 'invoice' : 'credit_note',
    profile,
    number: invoice.number,
    issueDate,
    dueDate: parseDate(invoice.dueDate)!,
    currency: invoice.currency,
    // Peppol needs a buyer reference or an order reference (BR-PEPPOL-R003 / PEPPOL-EN16931-R003).
    buyerReference: invoice.poNumber ?? customer.externalRef ?? contact?.name ?? customer.name,
    ...(invoice.poNumber ? { orderReference: invoice.poNumber } : {}),
    ...(bundle.original?.number ? { billingReference: { number: bundle.original.number, issueDate: parseDate(bundle.original.issueDate)! } } : {}),
    ...(invoice.notes ? { note: invoice.notes } : {}),
    seller,
    buyer,
    // An intra-community supply states when and where the goods went (BR-IC-11, BR-IC-12). Punctual records no
    // separate supply date, so the invoice date is stated: the VAT Directive (art. 226(7)) asks for the supply
    // date only where it differs from the date of the invoice.
    ...(intraCommunity ? { delivery: { date: issueDate, address: ublAddress(customer.shippingAddress ?? customer.billingAddress, customer.billingAddress.country ?? null) } } : {}),
    ...(reference ? paymentMeans(bundle, reference) : {}),
    ...(isInvoice ? { paymentTerms: paymentTerms(bundle, issueDate, today) } : {}),
    lines: bundle.lines.map((l) => ({
      id: String(l.position),
      description: l.description,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      netAmount: l.netAmount,
      discountBp: l.discountBp,
      tax: { code: l.taxCategory, rateBp: l.taxRateBp },
    })),
    taxSubtotals: invoice.taxBreakdown.map((t) => ({ category: taxCategory(t), taxableAmount: t.taxableAmount, taxAmount: t.taxAmount })),
    lineTotal: bundle.lines.reduce((sum, l) => sum + l.netAmount, 0),
    taxTotal: invoice.taxTotal,
    // CIUS-RO accounts VAT in RON (BR-RO-030); without an exchange rate only a nil VAT total can be stated.
    ...(profile === 'cius-ro' && invoice.currency !== 'RON' && invoice.taxTotal === 0 ? { taxAccounting: { currency: 'RON', taxTotal: 0 } } : {}),
    total: invoice.total,
    // A credit note is owed to the buyer in full; an invoice shows what payments and credits already covered.
    prepaid: isInvoice ? invoice.amountPaid + invoice.amountCredited : 0,
    payable: isInvoice ? invoice.balance : invoice.total,
  };
  return checkProfile(document) ?? success(document);
}

function taxCategory(row: TaxBreakdownRow): UblTaxCategory {
  return {
    code: row.taxCategory,
    rateBp: row.taxRateBp,
    ...(row.taxExemptionCode ? { exemptionCode: row.taxExemptionCode } : {}),
    ...(row.taxExemptionReason ? { exemptionReason: row.taxExemptionReason } : {}),
  };
}

function ublAddress(address: Address, fallbackCountry: string | null) {
  const country = address.country ?? fallbackCountry ?? undefined;
  return {
    ...(address.line1 ? { street: address.line1 } : {}),
    ...(address.line2 ? { additionalStreet: address.line2 } : {}),
    ...(address.city ? { city: address.city } : {}),
    ...(address.postalCode ? { postalZone: address.postalCode } : {}),
    ...(address.region ? { countrySubentity: address.region } : {}),
    ...(country ? { country } : {}),
  };
}

function paymentMeans(bundle: InvoiceBundle, reference: string): { payment?: UblPayment } {
  const { account, org, invoice } = bundle;
  const number = account?.iban ?? account?.accountNumber;
  if (!account || !number) return {};
  return {
    payment: {
      // SEPA credit transfer for euro IBANs, otherwise a plain credit transfer.
      meansCode: invoice.currency === 'EUR' && account.iban ? '58' : '30',
      paymentId: reference,
      account: number,
      accountName: account.accountHolder ?? org.legalName ?? org.name,
      ...(account.bic ? { bic: account.bic } : {}),
    },
  };
}

/** BT-20 in the buyer's language: the exact due date, the early-payment discount if open, the late-payment terms. */
function paymentTerms(bundle: InvoiceBundle, issueDate: PlainDate, today: PlainDate): string {
  const { invoice } = bundle;
  const locale = documentLocale(bundle.customer);
  const labels = PDF_LABELS[locale];
  const f = formatter(locale);
  const parts = [labels.payBy(f.money(invoice.total, invoice.currency), f.date(parseDate(invoice.dueDate)!))];
  const early = earlyPayment(invoice, issueDate, today);
  if (early) parts.push(labels.earlyDiscount(f.money(early.discount, invoice.currency), f.money(early.payable, invoice.currency), f.date(early.deadline)));
  const lateFees = lateFeeTerms(bundle, locale);
  if (lateFees) parts.push(`${labels.lateFees}: ${lateFees}`);
  return parts.join(' ');
}
