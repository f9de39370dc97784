import { describe, expect, it } from 'vitest';
import { checkElectronicAddress, isPeppolScheme } from '../domain/electronic-address.ts';
import { lineVat } from '../domain/vat-category.ts';
import { checkVatParties } from '../domain/vat-parties.ts';
import { DEMO_CUSTOMERS, DEMO_ORGANIZATION, DEMO_SERVICES, demoLineVat } from './demo-data.ts';

/** Romanian CUI control digit (key 753217532, ×10 mod 11, 10 → 0), as ANAF computes it. */
function validCui(taxId: string): boolean {
  const digits = taxId.replace(/^RO/, '');
  const body = digits.slice(0, -1).padStart(9, '0');
  const sum = [...body].reduce((s, d, i) => s + Number(d) * Number('753217532'[i]), 0);
  return ((sum * 10) % 11) % 10 === Number(digits.at(-1));
}

const customer = (ref: string) => DEMO_CUSTOMERS.find((c) => c.ref === ref)!;
const service = (description: string) => DEMO_SERVICES.find((s) => s.description === description)!;

describe('demo data', () => {
  it('gives the studio and every customer an e-invoicing address Peppol accepts', () => {
    for (const party of [DEMO_ORGANIZATION, ...DEMO_CUSTOMERS]) {
      expect(checkElectronicAddress(party.electronicAddress), party.name).toBeNull();
      expect(isPeppolScheme(party.electronicAddress.scheme), party.name).toBe(true);
    }
    expect(DEMO_ORGANIZATION.electronicAddress).toEqual({ scheme: '9947', value: DEMO_ORGANIZATION.taxId });
  });

  it('gives Romanian parties CUIs with valid control digits and addresses with a county code', () => {
    expect(validCui('RO14399840')).toBe(true);
    expect(validCui('RO14399841')).toBe(false);
    const romanian = [DEMO_ORGANIZATION, ...DEMO_CUSTOMERS.filter((c) => c.address.country === 'RO')];
    expect(romanian).toHaveLength(7);
    for (const party of romanian) {
      expect(validCui(party.taxId), party.taxId).toBe(true);
      expect(party.address).toMatchObject({ line1: expect.any(String), city: expect.any(String), region: expect.stringMatching(/^RO-[A-Z]{1,2}$/) });
    }
  });

  it('invoices Romanian customers in RON with Romanian VAT, as CIUS-RO wants it', () => {
    for (const c of DEMO_CUSTOMERS.filter((x) => x.address.country === 'RO')) {
      expect(c.currency, c.ref).toBe('RON');
      expect(demoLineVat(c, service('SEO audit')), c.ref).toEqual({ taxRateBp: 2100 });
    }
  });

  it('reverse-charges services to EU businesses abroad and ships them goods as intra-community supplies', () => {
    const abroad = DEMO_CUSTOMERS.filter((c) => ['DE', 'PT', 'NL', 'PL', 'IE'].includes(c.address.country));
    expect(abroad).toHaveLength(5);
    for (const c of abroad) {
      const services = demoLineVat(c, service('UX research workshop'));
      const goods = demoLineVat(c, service('Printed brochures'));
      expect([services, goods], c.ref).toEqual([{ taxRateBp: 0, taxCategory: 'AE' }, { taxRateBp: 0, taxCategory: 'K' }]);
      // What issuing checks: the line rules and the identifiers the two categories need.
      expect(lineVat(services)).toMatchObject({ ok: true, value: { category: 'AE', exemptionCode: 'VATEX-EU-AE' } });
      expect(lineVat(goods)).toMatchObject({ ok: true, value: { category: 'K', exemptionCode: 'VATEX-EU-IC' } });
      expect(checkVatParties(new Set(['AE', 'K']), { sellerTaxId: DEMO_ORGANIZATION.taxId, buyerTaxId: c.taxId, deliveryCountry: c.address.country })).toBeNull();
    }
  });

  it('keeps the customer’s own rate outside the EU', () => {
    expect(demoLineVat(customer('C-001'), service('Printed brochures'))).toEqual({ taxRateBp: 1000 });
    expect(demoLineVat(customer('C-027'), service('Copywriting'))).toEqual({ taxRateBp: 0 });
  });
});
