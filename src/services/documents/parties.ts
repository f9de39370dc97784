import type { ContactPerson, Party, Seller } from '../../documents/pdf/index.ts';
import { LOCALE_PROFILES } from '../../documents/templates/locales.ts';
import { isLocale, type Locale } from '../../documents/templates/index.ts';
import type { ContactRow, CustomerRow } from '../../db/repositories/customers.ts';
import type { OrganizationRow } from '../../db/repositories/organizations.ts';
import type { Address } from '../../db/schema/index.ts';

// The parties as documents print them: address lines in the reader's language (the country named as the
// customer's language names it), the contact an invoice is addressed to.

export function addressLines(address: Address, locale: Locale): string[] {
  const country = address.country ? countryName(address.country, locale) : '';
  const cityLine = [address.postalCode, address.city].filter(Boolean).join(' ');
  return [address.line1, address.line2, cityLine, address.region, country].map((line) => line?.trim() ?? '').filter((line) => line !== '');
}

function countryName(code: string, locale: Locale): string {
  try {
    return new Intl.DisplayNames([LOCALE_PROFILES[locale].numberLocale], { type: 'region', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function sellerOf(org: OrganizationRow, locale: Locale, logo?: Buffer): Seller {
  return { name: org.name, legalName: org.legalName, addressLines: addressLines(org.address, locale), taxId: org.taxId, ...(logo ? { logo } : {}) };
}

export function buyerOf(customer: CustomerRow, locale: Locale): Party {
  return { name: customer.name, legalName: customer.legalName, addressLines: addressLines(customer.billingAddress, locale), taxId: customer.taxId };
}

/** The invoice's billing contact, else the customer's primary contact, else the first one. */
export function addresseeContact(contacts: readonly ContactRow[], billingContactId: string | null): ContactRow | undefined {
  return contacts.find((c) => c.id === billingContactId) ?? contacts.find((c) => c.isPrimary) ?? contacts[0];
}

/** The person an invoice is addressed to, as documents print them. */
export function addressee(contacts: readonly ContactRow[], billingContactId: string | null): ContactPerson | null {
  const chosen = addresseeContact(contacts, billingContactId);
  return chosen ? { name: chosen.name, email: chosen.email, phone: chosen.phone } : null;
}

/** The customer's language when we write it, else English. */
export function documentLocale(customer: CustomerRow): Locale {
  return isLocale(customer.locale) ? customer.locale : 'en';
}
