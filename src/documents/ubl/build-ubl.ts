import { XMLBuilder } from 'fast-xml-parser';
import { divideRoundHalfUp, formatAmount, toSafeNumber } from '../../domain/money.ts';
import type { UblAddress, UblDocument, UblLine, UblParty, UblTaxCategory } from './model.ts';
import { customizationId, profileId } from './profiles.ts';

// UBL 2.1 Invoice / CreditNote per EN 16931 and Peppol BIS Billing 3.0. Element order follows the UBL 2.1
// schema sequences exactly (the XSD rejects any other order); optional elements are left out when empty.

const NS = {
  invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  creditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
} as const;

/** Peppol restricts BT-153 (item name) in practice; longer descriptions go whole into BT-154. */
const ITEM_NAME_MAX = 100;

type Node = Record<string, unknown>;

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true, processEntities: true });

export function buildUbl(doc: UblDocument): string {
  const isInvoice = doc.kind === 'invoice';
  const amount = (minor: number) => ({ '@_currencyID': doc.currency, '#text': formatAmount(minor, doc.currency) });
  const root: Node = {
    '@_xmlns': isInvoice ? NS.invoice : NS.creditNote,
    '@_xmlns:cac': NS.cac,
    '@_xmlns:cbc': NS.cbc,
    'cbc:CustomizationID': customizationId(doc.profile),
    'cbc:ProfileID': profileId(doc.profile),
    'cbc:ID': text(doc.number),
    'cbc:IssueDate': doc.issueDate.toString(),
    ...(isInvoice
      ? { 'cbc:DueDate': doc.dueDate.toString(), 'cbc:InvoiceTypeCode': '380' }
      : { 'cbc:CreditNoteTypeCode': '381' }),
    'cbc:Note': optionalText(doc.note),
    'cbc:DocumentCurrencyCode': doc.currency,
    'cbc:TaxCurrencyCode': doc.taxAccounting?.currency,
    'cbc:BuyerReference': optionalText(doc.buyerReference),
    'cac:OrderReference': doc.orderReference ? { 'cbc:ID': text(doc.orderReference) } : undefined,
    'cac:BillingReference': doc.billingReference
      ? { 'cac:InvoiceDocumentReference': { 'cbc:ID': text(doc.billingReference.number), 'cbc:IssueDate': doc.billingReference.issueDate.toString() } }
      : undefined,
    'cac:AccountingSupplierParty': { 'cac:Party': party(doc.seller) },
    'cac:AccountingCustomerParty': { 'cac:Party': party(doc.buyer) },
    'cac:Delivery': doc.delivery
      ? { 'cbc:ActualDeliveryDate': doc.delivery.date.toString(), 'cac:DeliveryLocation': { 'cac:Address': address(doc.delivery.address) } }
      : undefined,
    'cac:PaymentMeans': doc.payment
      ? {
          'cbc:PaymentMeansCode': doc.payment.meansCode,
          'cbc:PaymentID': text(doc.payment.paymentId),
          'cac:PayeeFinancialAccount': {
            'cbc:ID': text(doc.payment.account),
            'cbc:Name': optionalText(doc.payment.accountName),
            'cac:FinancialInstitutionBranch': doc.payment.bic ? { 'cbc:ID': text(doc.payment.bic) } : undefined,
          },
        }
      : undefined,
    'cac:PaymentTerms': doc.paymentTerms ? { 'cbc:Note': text(doc.paymentTerms) } : undefined,
    'cac:TaxTotal': [
      {
        'cbc:TaxAmount': amount(doc.taxTotal),
        'cac:TaxSubtotal': doc.taxSubtotals.map((s) => ({
          'cbc:TaxableAmount': amount(s.taxableAmount),
          'cbc:TaxAmount': amount(s.taxAmount),
          'cac:TaxCategory': taxCategory(s.category, true),
        })),
      },
      // BT-111 is a second tax total with the amount alone, in the VAT accounting currency.
      ...(doc.taxAccounting
        ? [{ 'cbc:TaxAmount': { '@_currencyID': doc.taxAccounting.currency, '#text': formatAmount(doc.taxAccounting.taxTotal, doc.taxAccounting.currency) } }]
        : []),
    ],
    'cac:LegalMonetaryTotal': {
      'cbc:LineExtensionAmount': amount(doc.lineTotal),
      'cbc:TaxExclusiveAmount': amount(doc.lineTotal),
      'cbc:TaxInclusiveAmount': amount(doc.total),
      'cbc:PrepaidAmount': doc.prepaid > 0 ? amount(doc.prepaid) : undefined,
      'cbc:PayableAmount': amount(doc.payable),
    },
    [isInvoice ? 'cac:InvoiceLine' : 'cac:CreditNoteLine']: doc.lines.map((l) => line(l, isInvoice, amount)),
  };
  return builder.build({ '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' }, [isInvoice ? 'Invoice' : 'CreditNote']: prune(root) });
}

function party(p: UblParty): Node {
  return {
    'cbc:EndpointID': p.endpoint ? { '@_schemeID': p.endpoint.scheme, '#text': text(p.endpoint.id) } : undefined,
    'cac:PartyName': { 'cbc:Name': text(p.name) },
    'cac:PostalAddress': address(p.address),
    'cac:PartyTaxScheme': [
      ...(p.vatId ? [{ 'cbc:CompanyID': text(p.vatId), 'cac:TaxScheme': { 'cbc:ID': 'VAT' } }] : []),
      // BT-32 is bound to any tax scheme other than VAT; Peppol's examples name it TAX.
      ...(p.taxRegistrationId ? [{ 'cbc:CompanyID': text(p.taxRegistrationId), 'cac:TaxScheme': { 'cbc:ID': 'TAX' } }] : []),
    ],
    'cac:PartyLegalEntity': { 'cbc:RegistrationName': text(p.legalName), 'cbc:CompanyID': optionalText(p.legalRegistrationId) },
    'cac:Contact': p.contact
      ? { 'cbc:Name': optionalText(p.contact.name), 'cbc:Telephone': optionalText(p.contact.telephone), 'cbc:ElectronicMail': optionalText(p.contact.email) }
      : undefined,
  };
}

function address(a: UblAddress): Node {
  return {
    'cbc:StreetName': optionalText(a.street),
    'cbc:AdditionalStreetName': optionalText(a.additionalStreet),
    'cbc:CityName': optionalText(a.city),
    'cbc:PostalZone': optionalText(a.postalZone),
    'cbc:CountrySubentity': optionalText(a.countrySubentity),
    'cac:Country': a.country ? { 'cbc:IdentificationCode': a.country } : undefined,
  };
}

function taxCategory(c: UblTaxCategory, withReason: boolean): Node {
  return {
    'cbc:ID': c.code,
    // BR-O-05 and BR-48: outside the scope of VAT there is no rate at all.
    'cbc:Percent': c.code === 'O' ? undefined : percent(c.rateBp),
    // BT-120 and BT-121 belong to the VAT breakdown only, not to the line's category.
    'cbc:TaxExemptionReasonCode': withReason ? optionalText(c.exemptionCode) : undefined,
    'cbc:TaxExemptionReason': withReason ? optionalText(c.exemptionReason) : undefined,
    'cac:TaxScheme': { 'cbc:ID': 'VAT' },
  };
}

function line(l: UblLine, isInvoice: boolean, amount: (minor: number) => Node): Node {
  const quantity = decimal(l.quantity);
  const gross = grossAmount(l.quantity, l.unitPrice);
  const allowance = gross - l.netAmount;
  const description = text(l.description);
  const name = description.length > ITEM_NAME_MAX ? `${description.slice(0, ITEM_NAME_MAX - 1).trimEnd()}…` : description;
  return {
    'cbc:ID': l.id,
    [isInvoice ? 'cbc:InvoicedQuantity' : 'cbc:CreditedQuantity']: { '@_unitCode': 'C62', '#text': quantity },
    'cbc:LineExtensionAmount': amount(l.netAmount),
    'cac:AllowanceCharge':
      allowance > 0
        ? {
            'cbc:ChargeIndicator': 'false',
            'cbc:AllowanceChargeReasonCode': '95',
            'cbc:MultiplierFactorNumeric': percent(l.discountBp),
            'cbc:Amount': amount(allowance),
            'cbc:BaseAmount': amount(gross),
          }
        : undefined,
    'cac:Item': {
      'cbc:Description': name === description ? undefined : description,
      'cbc:Name': name === '' ? '-' : name,
      'cac:ClassifiedTaxCategory': taxCategory(l.tax, false),
    },
    'cac:Price': { 'cbc:PriceAmount': amount(l.unitPrice) },
  };
}

/** Quantity × unit price in minor units, rounded half-up once: the base the line discount applies to. */
function grossAmount(quantity: string, unitPrice: number): number {
  const [whole = '0', fraction = ''] = quantity.split('.');
  const scale = 10n ** BigInt(fraction.length);
  return toSafeNumber(divideRoundHalfUp(BigInt(`${whole}${fraction}`) * BigInt(unitPrice), scale));
}

/** "1.5000" → "1.5", "2.0000" → "2". */
function decimal(value: string): string {
  return value.includes('.') ? value.replace(/0+$/u, '').replace(/\.$/u, '') : value;
}

/** Basis points as the plain percentage UBL expects: 1900 → "19", 550 → "5.5". */
function percent(basisPoints: number): string {
  return decimal(`${Math.trunc(basisPoints / 100)}.${String(basisPoints % 100).padStart(2, '0')}`);
}

// XML 1.0 cannot carry control characters or unpaired surrogates at all; bidirectional overrides are
// dropped as on the PDF. Anything else is escaped by the builder.
function isIllegal(codePoint: number): boolean {
  return (
    (codePoint < 0x20 && codePoint !== 0x09 && codePoint !== 0x0a && codePoint !== 0x0d) ||
    (codePoint >= 0x7f && codePoint <= 0x9f) ||
    (codePoint >= 0x202a && codePoint <= 0x202e) ||
    (codePoint >= 0x2066 && codePoint <= 0x2069) ||
    (codePoint >= 0xd800 && codePoint <= 0xdfff) ||
    codePoint === 0xfffe ||
    codePoint === 0xffff
  );
}

function text(value: string): string {
  let out = '';
  // Iterating by code point yields a lone surrogate as its own (illegal) code point.
  for (const c of value) if (!isIllegal(c.codePointAt(0) ?? 0)) out += c;
  return out.replace(/\s+/gu, ' ').trim();
}

function optionalText(value: string | null | undefined): string | undefined {
  const cleaned = text(value ?? '');
  return cleaned === '' ? undefined : cleaned;
}

/** Drops undefined members so optional elements are omitted rather than written empty. */
function prune(node: Node): Node {
  const out: Node = {};
  for (const [key, value] of Object.entries(node)) {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    if (Array.isArray(value)) out[key] = value.map((v) => (isNode(v) ? prune(v) : v));
    else out[key] = isNode(value) ? prune(value) : value;
  }
  return out;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
