import { failure, type Failure } from './result.ts';
import type { VatCategory } from './vat-category.ts';

// What EN 16931 requires of the seller and the buyer for each VAT category on an invoice: whose VAT or tax
// identifier must be there (or must not), and where goods are delivered. The seller is the organization and
// the buyer the customer, so failures name the settings field the team has to fill in.

export interface VatParties {
  readonly sellerTaxId: string | null;
  readonly buyerTaxId: string | null;
  /** Deliver-to country (BT-80): the customer's shipping address, else its billing address. */
  readonly deliveryCountry: string | null;
}

export const SELLER_TAX_ID_FIELD = 'organization.taxId';
export const BUYER_TAX_ID_FIELD = 'customer.taxId';
export const DELIVERY_COUNTRY_FIELD = 'customer.shippingAddress.country';

/**
 * A VAT identifier (BT-31, BT-48) starts with the ISO 3166 prefix of the country that issued it (BR-CO-09;
 * Greece uses EL). A tax number without one — a Romanian CUI without RO, a Vietnamese MST, an Indonesian
 * NPWP, a Russian INN — is a tax registration (BT-32) or legal registration (BT-47) identifier instead.
 */
export function isVatIdentifier(taxId: string | null | undefined): boolean {
  return /^[A-Z]{2}(?=[0-9A-Z+*.]*\d)[0-9A-Z+*.]{2,13}$/.test((taxId ?? '').replace(/[\s-]/gu, '').toUpperCase());
}

const present = (id: string | null) => (id ?? '').trim() !== '';

/** The first identifier rule the invoice's categories break, or null (BR-S/Z/E/AE/IC/G/O-02, BR-IC-12). */
export function checkVatParties(categories: ReadonlySet<VatCategory>, p: VatParties): Failure | null {
  const has = (...codes: VatCategory[]) => codes.some((c) => categories.has(c));
  if (has('O')) {
    // BR-O-02: a supply outside the scope of VAT is invoiced without anyone's VAT identifier.
    if (isVatIdentifier(p.sellerTaxId))
      return failure('VAT_ID_NOT_ALLOWED', 'An invoice outside the scope of VAT (category O) may not carry the seller VAT identifier', SELLER_TAX_ID_FIELD);
    if (isVatIdentifier(p.buyerTaxId))
      return failure('VAT_ID_NOT_ALLOWED', 'An invoice outside the scope of VAT (category O) may not carry the buyer VAT identifier', BUYER_TAX_ID_FIELD);
  }
  if (has('K', 'G') && !isVatIdentifier(p.sellerTaxId))
    return failure('SELLER_VAT_ID_REQUIRED', 'Intra-community supplies and exports need the seller VAT identifier, with its country prefix (e.g. RO12345678)', SELLER_TAX_ID_FIELD);
  if (has('S', 'Z', 'E', 'AE') && !present(p.sellerTaxId))
    return failure('SELLER_TAX_ID_REQUIRED', 'The invoice needs the seller VAT or tax registration identifier', SELLER_TAX_ID_FIELD);
  if (has('K')) {
    if (!isVatIdentifier(p.buyerTaxId))
      return failure('BUYER_VAT_ID_REQUIRED', 'An intra-community supply needs the buyer VAT identifier, with its country prefix', BUYER_TAX_ID_FIELD);
    if (!present(p.deliveryCountry)) return failure('DELIVERY_COUNTRY_REQUIRED', 'An intra-community supply needs the country the goods are delivered to', DELIVERY_COUNTRY_FIELD);
  }
  if (has('AE') && !present(p.buyerTaxId))
    return failure('BUYER_TAX_ID_REQUIRED', 'A reverse-charge invoice needs the buyer VAT identifier (or legal registration identifier)', BUYER_TAX_ID_FIELD);
  return null;
}
