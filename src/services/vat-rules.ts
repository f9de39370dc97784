import type { Failure } from '../domain/result.ts';
import { isExemptCategory, type VatCategory } from '../domain/vat-category.ts';
import { checkVatParties, type VatParties } from '../domain/vat-parties.ts';
import type { CustomerRow } from '../db/repositories/customers.ts';
import type { OrganizationRow } from '../db/repositories/organizations.ts';
import type { TaxBreakdownRow } from '../db/schema/index.ts';

/** The seller and buyer facts the EN 16931 VAT rules look at, from the organization and the customer. */
export function vatPartiesOf(org: Pick<OrganizationRow, 'taxId'>, customer: Pick<CustomerRow, 'taxId' | 'billingAddress' | 'shippingAddress'>): VatParties {
  return {
    sellerTaxId: org.taxId,
    buyerTaxId: customer.taxId,
    deliveryCountry: customer.shippingAddress?.country ?? customer.billingAddress.country ?? null,
  };
}

/**
 * The identifier rules checked before an invoice or credit note is issued. Only the untaxed categories
 * count here: a reverse-charge or intra-community invoice without the VAT identifiers is wrong on paper as
 * well, while for taxed lines (S, Z) the seller's identifier is an e-invoice requirement, checked when the
 * UBL is made, and outside the EU many issuers legitimately print none.
 */
export function issueVatFailure(org: Pick<OrganizationRow, 'taxId'>, customer: Pick<CustomerRow, 'taxId' | 'billingAddress' | 'shippingAddress'>, breakdown: readonly TaxBreakdownRow[]): Failure | null {
  const untaxed = new Set<VatCategory>(breakdown.map((r) => r.taxCategory).filter(isExemptCategory));
  return untaxed.size === 0 ? null : checkVatParties(untaxed, vatPartiesOf(org, customer));
}
