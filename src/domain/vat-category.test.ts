import { describe, expect, it } from 'vitest';
import { checkInvoiceVat, lineVat, vatexCategory, type VatCategory, type VatTreatment } from './vat-category.ts';
import { checkVatParties, isVatIdentifier, type VatParties } from './vat-parties.ts';

const ok = (input: Parameters<typeof lineVat>[0]) => {
  const r = lineVat(input, 'lines[0].');
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.value;
};
const failed = (input: Parameters<typeof lineVat>[0]) => {
  const r = lineVat(input, 'lines[0].');
  return r.ok ? null : { code: r.code, field: r.field };
};

describe('a line’s VAT category', () => {
  it('is read from the rate when none is named, as before categories existed', () => {
    expect(ok({ taxRateBp: 1900 })).toEqual({ category: 'S', rateBp: 1900, exemptionCode: null, exemptionReason: null });
    expect(ok({})).toEqual({ category: 'Z', rateBp: 0, exemptionCode: null, exemptionReason: null });
  });

  it('gives reverse charge, intra-community supply, export and out-of-scope their VATEX code by default', () => {
    expect(ok({ taxCategory: 'AE' }).exemptionCode).toBe('VATEX-EU-AE');
    expect(ok({ taxCategory: 'K' }).exemptionCode).toBe('VATEX-EU-IC');
    expect(ok({ taxCategory: 'G' }).exemptionCode).toBe('VATEX-EU-G');
    expect(ok({ taxCategory: 'O', taxExemptionReason: '  Not  subject ' })).toEqual({ category: 'O', rateBp: 0, exemptionCode: 'VATEX-EU-O', exemptionReason: 'Not subject' });
  });

  it('needs a reason for an exempt line: a VATEX code of an exemption, or words', () => {
    expect(failed({ taxCategory: 'E' })).toEqual({ code: 'TAX_EXEMPTION_REASON_REQUIRED', field: 'lines[0].taxExemptionReason' });
    expect(ok({ taxCategory: 'E', taxExemptionCode: 'vatex-eu-132-1i' }).exemptionCode).toBe('VATEX-EU-132-1I');
    expect(ok({ taxCategory: 'E', taxExemptionReason: 'Scutit conform art. 292 Cod fiscal' }).exemptionCode).toBeNull();
  });

  it('refuses a code of another category, an unknown code, and any reason on a taxed line', () => {
    expect(failed({ taxCategory: 'E', taxExemptionCode: 'VATEX-EU-AE' })).toEqual({ code: 'TAX_EXEMPTION_CODE_MISMATCH', field: 'lines[0].taxExemptionCode' });
    expect(failed({ taxCategory: 'K', taxExemptionCode: 'VATEX-EU-G' })?.code).toBe('TAX_EXEMPTION_CODE_MISMATCH');
    expect(failed({ taxCategory: 'AE', taxExemptionCode: '<script>' })).toEqual({ code: 'INVALID_TAX_EXEMPTION_CODE', field: 'lines[0].taxExemptionCode' });
    expect(failed({ taxRateBp: 1900, taxExemptionReason: 'Because' })).toEqual({ code: 'TAX_EXEMPTION_NOT_ALLOWED', field: 'lines[0].taxExemptionReason' });
    expect(failed({ taxCategory: 'Z', taxExemptionCode: 'VATEX-EU-O' })).toEqual({ code: 'TAX_EXEMPTION_NOT_ALLOWED', field: 'lines[0].taxExemptionCode' });
  });

  it('keeps the rate rules: standard above 0, every other category at 0', () => {
    expect(failed({ taxCategory: 'S', taxRateBp: 0 })).toEqual({ code: 'TAX_RATE_REQUIRED', field: 'lines[0].taxRateBp' });
    for (const taxCategory of ['Z', 'E', 'AE', 'K', 'G', 'O'] as const)
      expect(failed({ taxCategory, taxRateBp: 1900, taxExemptionReason: 'x' }), taxCategory).toEqual({ code: 'TAX_RATE_NOT_ZERO', field: 'lines[0].taxRateBp' });
  });

  it('refuses control and bidirectional characters in the reason', () => {
    expect(failed({ taxCategory: 'E', taxExemptionReason: 'Exempt\u202E' })?.code).toBe('INVALID_TAX_EXEMPTION_REASON');
    expect(failed({ taxCategory: 'E', taxExemptionReason: 'Exempt\u0000' })?.code).toBe('INVALID_TAX_EXEMPTION_REASON');
  });

  it('knows which category each VATEX code belongs to', () => {
    expect(vatexCategory('VATEX-EU-IC')).toBe('K');
    expect(vatexCategory('VATEX-EU-F')).toBe('E');
    expect(vatexCategory('VATEX-EU-132-1R')).toBeUndefined();
  });
});

describe('the VAT categories of one invoice', () => {
  const line = (category: VatTreatment['category'], exemptionCode: string | null = null, exemptionReason: string | null = null): VatTreatment => ({ category, rateBp: category === 'S' ? 1900 : 0, exemptionCode, exemptionReason });

  it('allow taxed and untaxed lines together', () => {
    expect(checkInvoiceVat([line('S'), line('Z'), line('AE', 'VATEX-EU-AE'), line('E', null, 'Art. 132'), line('E', null, 'Art. 132')])).toBeNull();
  });

  it('keep one exemption reason per category (one VAT breakdown each, BR-E-01)', () => {
    expect(checkInvoiceVat([line('E', null, 'Art. 132'), line('S'), line('E', 'VATEX-EU-132')])).toMatchObject({ code: 'TAX_EXEMPTION_REASON_CONFLICT', field: 'lines[2].taxExemptionCode' });
    expect(checkInvoiceVat([line('AE', 'VATEX-EU-AE'), line('AE', 'VATEX-EU-AE', 'Taxare inversă')], 'template.')).toMatchObject({ field: 'template.lines[1].taxExemptionReason' });
  });

  it('put nothing beside a line outside the scope of VAT (BR-O-11)', () => {
    expect(checkInvoiceVat([line('O', 'VATEX-EU-O'), line('O', 'VATEX-EU-O')])).toBeNull();
    expect(checkInvoiceVat([line('O', 'VATEX-EU-O'), line('Z')])).toMatchObject({ code: 'VAT_OUTSIDE_SCOPE_MIXED', field: 'lines[1].taxCategory' });
  });
});

describe('who must be identified for each category', () => {
  const parties: VatParties = { sellerTaxId: 'RO12345678', buyerTaxId: 'DE123456789', deliveryCountry: 'DE' };
  const check = (categories: string, p: Partial<VatParties> = {}) => checkVatParties(new Set(categories.split(' ') as VatCategory[]), { ...parties, ...p })?.code ?? null;

  it('tells a VAT identifier by its country prefix', () => {
    expect(isVatIdentifier('RO12345678')).toBe(true);
    expect(isVatIdentifier('el 123456789')).toBe(true);
    expect(isVatIdentifier('12345678')).toBe(false);
    expect(isVatIdentifier('0312345678')).toBe(false);
    expect(isVatIdentifier('01.234.567.8-901.000')).toBe(false);
    expect(isVatIdentifier('ROMANIA')).toBe(false);
    expect(isVatIdentifier(null)).toBe(false);
  });

  it('intra-community supply: both VAT identifiers and the delivery country (BR-IC-02, BR-IC-12)', () => {
    expect(check('K')).toBeNull();
    expect(check('K', { sellerTaxId: '12345678' })).toBe('SELLER_VAT_ID_REQUIRED');
    expect(check('K', { buyerTaxId: null })).toBe('BUYER_VAT_ID_REQUIRED');
    expect(check('K', { deliveryCountry: null })).toBe('DELIVERY_COUNTRY_REQUIRED');
  });

  it('reverse charge: a seller and a buyer identifier, VAT or registration (BR-AE-02)', () => {
    expect(check('AE', { sellerTaxId: '12345678', buyerTaxId: 'HRB 1234' })).toBeNull();
    expect(check('AE', { buyerTaxId: ' ' })).toBe('BUYER_TAX_ID_REQUIRED');
    expect(check('AE', { sellerTaxId: null })).toBe('SELLER_TAX_ID_REQUIRED');
  });

  it('export: the seller VAT identifier (BR-G-02); exempt and taxed: a seller identifier (BR-E-02, BR-S-02)', () => {
    expect(check('G', { buyerTaxId: null })).toBeNull();
    expect(check('G', { sellerTaxId: '12345678' })).toBe('SELLER_VAT_ID_REQUIRED');
    expect(check('E', { sellerTaxId: '12345678', buyerTaxId: null })).toBeNull();
    expect(check('S Z', { sellerTaxId: null })).toBe('SELLER_TAX_ID_REQUIRED');
  });

  it('outside the scope of VAT: no VAT identifier at all, a tax number is fine (BR-O-02)', () => {
    expect(check('O', { sellerTaxId: '12345678', buyerTaxId: null })).toBeNull();
    expect(check('O')).toBe('VAT_ID_NOT_ALLOWED');
    expect(checkVatParties(new Set(['O']), { sellerTaxId: '12345678', buyerTaxId: 'DE123456789', deliveryCountry: null })).toMatchObject({ field: 'customer.taxId' });
  });
});
