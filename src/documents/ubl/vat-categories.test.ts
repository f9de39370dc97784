import { describe, expect, it } from 'vitest';
import { date } from '../../domain/dates.ts';
import { buildUbl, type UblDocument, type UblParty, type UblTaxCategory } from './index.ts';
import { S19, sampleUbl, ublParser, xmlErrors } from './test-support.ts';

// One invoice per EN 16931 VAT category: the line's category (BT-151, BT-152), the breakdown with its
// exemption reason (BG-23, BT-118 to BT-121) and what the category brings with it in the UBL binding.

type Node = Record<string, unknown>;

const seller: UblParty = {
  endpoint: { id: '0477472701', scheme: '0208' },
  name: 'Punctual Demo',
  legalName: 'Punctual Demo S.R.L.',
  address: { street: 'Str. Ștefan cel Mare 12', city: 'SECTOR1', countrySubentity: 'RO-B', country: 'RO' },
  vatId: 'RO12345678',
};
const buyer: UblParty = {
  endpoint: { id: 'DE123456789', scheme: '9930' },
  name: 'Brotfabrik',
  legalName: 'Brotfabrik GmbH',
  address: { street: 'Hauptstraße 1', city: 'Berlin', postalZone: '10115', country: 'DE' },
  vatId: 'DE123456789',
};

/** A one-line invoice of 250.00 in the given category, with no VAT charged unless the category is S. */
function invoiceIn(category: UblTaxCategory, overrides: Partial<UblDocument> = {}): UblDocument {
  const tax = category.code === 'S' ? 4_750 : 0;
  return sampleUbl({
    seller,
    buyer,
    lines: [{ id: '1', description: 'Flour, 1 t', quantity: '1.0000', unitPrice: 25_000, netAmount: 25_000, discountBp: 0, tax: { code: category.code, rateBp: category.rateBp } }],
    taxSubtotals: [{ category, taxableAmount: 25_000, taxAmount: tax }],
    lineTotal: 25_000,
    taxTotal: tax,
    total: 25_000 + tax,
    prepaid: 0,
    payable: 25_000 + tax,
    ...overrides,
  });
}

async function parsed(doc: UblDocument): Promise<{ xml: string; invoice: Node; subtotal: Node; line: Node }> {
  const xml = buildUbl(doc);
  expect(await xmlErrors(xml)).toEqual([]);
  const invoice = ublParser.parse(xml).Invoice as Node;
  const taxTotal = invoice['cac:TaxTotal'] as Node | Node[];
  const subtotal = ((Array.isArray(taxTotal) ? taxTotal[0]! : taxTotal)['cac:TaxSubtotal'] as Node[])[0]!;
  const line = (invoice['cac:InvoiceLine'] as Node[])[0]!;
  return { xml, invoice, subtotal: subtotal['cac:TaxCategory'] as Node, line: (line['cac:Item'] as Node)['cac:ClassifiedTaxCategory'] as Node };
}

describe('VAT categories in the UBL', () => {
  it('S: the rate on line and breakdown, and no exemption reason', async () => {
    const { subtotal, line } = await parsed(invoiceIn(S19));
    expect(subtotal).toEqual({ 'cbc:ID': 'S', 'cbc:Percent': '19', 'cac:TaxScheme': { 'cbc:ID': 'VAT' } });
    expect(line).toEqual({ 'cbc:ID': 'S', 'cbc:Percent': '19', 'cac:TaxScheme': { 'cbc:ID': 'VAT' } });
  });

  it('Z: rate 0 and no exemption reason', async () => {
    const { subtotal } = await parsed(invoiceIn({ code: 'Z', rateBp: 0 }));
    expect(subtotal).toEqual({ 'cbc:ID': 'Z', 'cbc:Percent': '0', 'cac:TaxScheme': { 'cbc:ID': 'VAT' } });
  });

  it('E: the VATEX code and the reason in words on the breakdown, in schema order; the line has neither', async () => {
    const { xml, subtotal, line } = await parsed(invoiceIn({ code: 'E', rateBp: 0, exemptionCode: 'VATEX-EU-132-1I', exemptionReason: 'School education' }));
    expect(subtotal).toEqual({
      'cbc:ID': 'E',
      'cbc:Percent': '0',
      'cbc:TaxExemptionReasonCode': 'VATEX-EU-132-1I',
      'cbc:TaxExemptionReason': 'School education',
      'cac:TaxScheme': { 'cbc:ID': 'VAT' },
    });
    expect(line).toEqual({ 'cbc:ID': 'E', 'cbc:Percent': '0', 'cac:TaxScheme': { 'cbc:ID': 'VAT' } });
    // The UBL 2.1 schema fixes the order: ID, Percent, TaxExemptionReasonCode, TaxExemptionReason, TaxScheme.
    expect(xml.replace(/>\s+</gu, '><')).toContain(
      '<cac:TaxCategory><cbc:ID>E</cbc:ID><cbc:Percent>0</cbc:Percent><cbc:TaxExemptionReasonCode>VATEX-EU-132-1I</cbc:TaxExemptionReasonCode><cbc:TaxExemptionReason>School education</cbc:TaxExemptionReason><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>',
    );
  });

  it('AE: reverse charge with its VATEX code, both VAT identifiers present', async () => {
    const { invoice, subtotal } = await parsed(invoiceIn({ code: 'AE', rateBp: 0, exemptionCode: 'VATEX-EU-AE', exemptionReason: 'Reverse charge' }));
    expect(subtotal['cbc:ID']).toBe('AE');
    expect(subtotal['cbc:TaxExemptionReasonCode']).toBe('VATEX-EU-AE');
    const party = (key: string) => ((invoice[key] as Node)['cac:Party'] as Node)['cac:PartyTaxScheme'];
    expect(party('cac:AccountingSupplierParty')).toEqual({ 'cbc:CompanyID': 'RO12345678', 'cac:TaxScheme': { 'cbc:ID': 'VAT' } });
    expect(party('cac:AccountingCustomerParty')).toEqual({ 'cbc:CompanyID': 'DE123456789', 'cac:TaxScheme': { 'cbc:ID': 'VAT' } });
  });

  it('K: intra-community supply with the delivery date and deliver-to country, placed between the parties and the payment', async () => {
    const delivery = { date: date('2025-06-01'), address: { street: 'Lagerweg 5', city: 'Hamburg', postalZone: '20095', country: 'DE' } };
    const { xml, invoice, subtotal } = await parsed(invoiceIn({ code: 'K', rateBp: 0, exemptionCode: 'VATEX-EU-IC' }, { delivery }));
    expect(subtotal).toMatchObject({ 'cbc:ID': 'K', 'cbc:Percent': '0', 'cbc:TaxExemptionReasonCode': 'VATEX-EU-IC' });
    expect(invoice['cac:Delivery']).toEqual({
      'cbc:ActualDeliveryDate': '2025-06-01',
      'cac:DeliveryLocation': { 'cac:Address': { 'cbc:StreetName': 'Lagerweg 5', 'cbc:CityName': 'Hamburg', 'cbc:PostalZone': '20095', 'cac:Country': { 'cbc:IdentificationCode': 'DE' } } },
    });
    const order = Object.keys(invoice);
    expect(order.indexOf('cac:Delivery')).toBe(order.indexOf('cac:AccountingCustomerParty') + 1);
    expect(order.indexOf('cac:PaymentMeans')).toBe(order.indexOf('cac:Delivery') + 1);
    expect(xml).toContain('<cbc:ActualDeliveryDate>2025-06-01</cbc:ActualDeliveryDate>');
  });

  it('G: export outside the EU with its VATEX code', async () => {
    const { subtotal } = await parsed(invoiceIn({ code: 'G', rateBp: 0, exemptionCode: 'VATEX-EU-G', exemptionReason: 'Export' }));
    expect(subtotal).toMatchObject({ 'cbc:ID': 'G', 'cbc:Percent': '0', 'cbc:TaxExemptionReasonCode': 'VATEX-EU-G', 'cbc:TaxExemptionReason': 'Export' });
  });

  it('O: no rate anywhere, no VAT identifier: the seller by its tax number (BT-32), the buyer by its registration (BT-47)', async () => {
    const outside = invoiceIn(
      { code: 'O', rateBp: 0, exemptionCode: 'VATEX-EU-O' },
      {
        seller: { ...seller, vatId: undefined, taxRegistrationId: '12345678' },
        buyer: { ...buyer, vatId: undefined, legalRegistrationId: 'HRB 12345' },
      },
    );
    const { xml, invoice, subtotal, line } = await parsed(outside);
    expect(subtotal).toEqual({ 'cbc:ID': 'O', 'cbc:TaxExemptionReasonCode': 'VATEX-EU-O', 'cac:TaxScheme': { 'cbc:ID': 'VAT' } });
    expect(line).toEqual({ 'cbc:ID': 'O', 'cac:TaxScheme': { 'cbc:ID': 'VAT' } });
    expect(xml).not.toContain('<cbc:Percent>');
    const supplier = (invoice['cac:AccountingSupplierParty'] as Node)['cac:Party'] as Node;
    expect(supplier['cac:PartyTaxScheme']).toEqual({ 'cbc:CompanyID': '12345678', 'cac:TaxScheme': { 'cbc:ID': 'TAX' } });
    const customer = (invoice['cac:AccountingCustomerParty'] as Node)['cac:Party'] as Node;
    expect(customer['cac:PartyTaxScheme']).toBeUndefined();
    expect(customer['cac:PartyLegalEntity']).toEqual({ 'cbc:RegistrationName': 'Brotfabrik GmbH', 'cbc:CompanyID': 'HRB 12345' });
  });

  it('groups several categories into one breakdown row each, summing to the total VAT', async () => {
    const doc = invoiceIn(S19, {
      lines: [
        { id: '1', description: 'Bread', quantity: '1.0000', unitPrice: 25_000, netAmount: 25_000, discountBp: 0, tax: { code: 'S', rateBp: 1900 } },
        { id: '2', description: 'Course', quantity: '1.0000', unitPrice: 10_000, netAmount: 10_000, discountBp: 0, tax: { code: 'E', rateBp: 0 } },
        { id: '3', description: 'Consulting', quantity: '1.0000', unitPrice: 5_000, netAmount: 5_000, discountBp: 0, tax: { code: 'AE', rateBp: 0 } },
      ],
      taxSubtotals: [
        { category: S19, taxableAmount: 25_000, taxAmount: 4_750 },
        { category: { code: 'E', rateBp: 0, exemptionCode: 'VATEX-EU-132' }, taxableAmount: 10_000, taxAmount: 0 },
        { category: { code: 'AE', rateBp: 0, exemptionCode: 'VATEX-EU-AE' }, taxableAmount: 5_000, taxAmount: 0 },
      ],
      lineTotal: 40_000,
      taxTotal: 4_750,
      total: 44_750,
      payable: 44_750,
    });
    const invoice = ublParser.parse(buildUbl(doc)).Invoice as Node;
    const rows = (invoice['cac:TaxTotal'] as Node)['cac:TaxSubtotal'] as Node[];
    expect(rows.map((r) => (r['cac:TaxCategory'] as Node)['cbc:ID'])).toEqual(['S', 'E', 'AE']);
    expect(rows.map((r) => (r['cbc:TaxableAmount'] as Node)['#text'])).toEqual(['250.00', '100.00', '50.00']);
  });

  it('states the VAT total in the VAT accounting currency as a second tax total (BT-6, BT-111)', async () => {
    const doc = invoiceIn({ code: 'K', rateBp: 0, exemptionCode: 'VATEX-EU-IC' }, { profile: 'cius-ro', taxAccounting: { currency: 'RON', taxTotal: 0 } });
    const { xml, invoice } = await parsed(doc);
    const keys = Object.keys(invoice);
    expect(keys.indexOf('cbc:TaxCurrencyCode')).toBe(keys.indexOf('cbc:DocumentCurrencyCode') + 1);
    expect(invoice['cbc:TaxCurrencyCode']).toBe('RON');
    const totals = invoice['cac:TaxTotal'] as Node[];
    expect(totals).toHaveLength(2);
    expect(totals[1]).toEqual({ 'cbc:TaxAmount': { '@currencyID': 'RON', '#text': '0.00' } });
    expect(xml.match(/<cac:TaxSubtotal>/gu)).toHaveLength(1);
  });
});
