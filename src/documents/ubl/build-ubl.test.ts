import { describe, expect, it } from 'vitest';
import { date } from '../../domain/dates.ts';
import { buildUbl } from './index.ts';
import { S10, S19, sampleUbl, ublParser, xmlErrors } from './test-support.ts';

// The official UBL 2.1 XSDs are not shipped by any npm or Debian package reachable here, so these tests
// check what can be checked without them: the document parses with libxml2 (xmllint-wasm), every EN 16931
// business term we fill lands where the UBL binding puts it, and the EN 16931 sum rules hold.

async function wellFormed(xml: string): Promise<void> {
  expect(await xmlErrors(xml)).toEqual([]);
}

const amount = (node: { '#text': string }) => Number(node['#text']);

describe('UBL 2.1 invoice (Peppol BIS Billing 3.0)', () => {
  it('is well-formed XML in the UBL namespaces with the Peppol identifiers', async () => {
    const xml = buildUbl(sampleUbl());
    await wellFormed(xml);
    const doc = ublParser.parse(xml).Invoice;
    expect(doc['@xmlns']).toBe('urn:oasis:names:specification:ubl:schema:xsd:Invoice-2');
    expect(doc['cbc:CustomizationID']).toBe('urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0');
    expect(doc['cbc:ProfileID']).toBe('urn:fdc:peppol.eu:2017:poacc:billing:01:1.0');
    expect(doc['cbc:InvoiceTypeCode']).toBe('380');
    expect(doc['cbc:DueDate']).toBe('2025-07-01');
    expect(doc['cbc:DocumentCurrencyCode']).toBe('EUR');
  });

  it('carries the parties, the IBAN with the RF reference, and the late-payment terms (BT-20)', () => {
    const doc = ublParser.parse(buildUbl(sampleUbl())).Invoice;
    const seller = doc['cac:AccountingSupplierParty']['cac:Party'];
    expect(seller['cac:PartyTaxScheme']['cbc:CompanyID']).toBe('RO12345678');
    expect(seller['cac:PostalAddress']['cac:Country']['cbc:IdentificationCode']).toBe('RO');
    expect(seller['cac:PostalAddress']['cbc:StreetName']).toBe('Str. Ștefan cel Mare 12');
    const buyer = doc['cac:AccountingCustomerParty']['cac:Party'];
    expect(buyer['cbc:EndpointID']).toEqual({ '@schemeID': 'EM', '#text': 'lan@saomai.vn' });
    expect(buyer['cac:PartyLegalEntity']['cbc:RegistrationName']).toBe('Công ty TNHH Sao Mai');
    const means = doc['cac:PaymentMeans'];
    expect(means['cbc:PaymentMeansCode']).toBe('58');
    expect(means['cbc:PaymentID']).toBe('RF82INV00042');
    expect(means['cac:PayeeFinancialAccount']['cbc:ID']).toBe('RO49AAAA1B31007593840000');
    expect(means['cac:PayeeFinancialAccount']['cac:FinancialInstitutionBranch']['cbc:ID']).toBe('RNCBROBU');
    expect(doc['cac:PaymentTerms']['cbc:Note']).toContain('statutory interest');
  });

  it('totals tax per category with its code, rate and exemption reason', () => {
    const doc = ublParser.parse(buildUbl(sampleUbl())).Invoice;
    const subtotals = doc['cac:TaxTotal']['cac:TaxSubtotal'];
    expect(subtotals.map((s: Record<string, Record<string, string>>) => [s['cac:TaxCategory']!['cbc:ID'], s['cac:TaxCategory']!['cbc:Percent']])).toEqual([
      ['S', '19'],
      ['E', '0'],
    ]);
    expect(subtotals[1]['cac:TaxCategory']['cbc:TaxExemptionReason']).toBe('Exempt under Art. 292 Fiscal Code');
    expect(subtotals[1]['cac:TaxCategory']['cbc:TaxExemptionReasonCode']).toBeUndefined();
  });

  it('keeps the EN 16931 sums: lines = BT-106, BT-112 = BT-109 + BT-110, BT-115 = BT-112 − BT-113, subtotals = BT-110', () => {
    const doc = ublParser.parse(buildUbl(sampleUbl())).Invoice;
    const totals = doc['cac:LegalMonetaryTotal'];
    const lines = doc['cac:InvoiceLine'].map((l: Record<string, { '#text': string }>) => amount(l['cbc:LineExtensionAmount']!));
    const sumOf = (values: number[]) => Math.round(values.reduce((s, v) => s + v, 0) * 100) / 100;
    expect(sumOf(lines)).toBe(amount(totals['cbc:LineExtensionAmount']));
    expect(sumOf([amount(totals['cbc:TaxExclusiveAmount']), amount(doc['cac:TaxTotal']['cbc:TaxAmount'])])).toBe(amount(totals['cbc:TaxInclusiveAmount']));
    expect(sumOf([amount(totals['cbc:TaxInclusiveAmount']), -amount(totals['cbc:PrepaidAmount'])])).toBe(amount(totals['cbc:PayableAmount']));
    const subtotals = doc['cac:TaxTotal']['cac:TaxSubtotal'].map((s: Record<string, { '#text': string }>) => amount(s['cbc:TaxAmount']!));
    expect(sumOf(subtotals)).toBe(amount(doc['cac:TaxTotal']['cbc:TaxAmount']));
    expect(totals['cbc:PayableAmount']).toEqual({ '@currencyID': 'EUR', '#text': '166.56' });
  });

  it('states a line discount as an allowance on quantity × price (BT-136, BT-137)', () => {
    const doc = ublParser.parse(buildUbl(sampleUbl())).Invoice;
    const [design, hosting] = doc['cac:InvoiceLine'];
    expect(design['cbc:InvoicedQuantity']).toEqual({ '@unitCode': 'C62', '#text': '1.5' });
    expect(design['cac:AllowanceCharge']['cbc:ChargeIndicator']).toBe('false');
    expect(design['cac:AllowanceCharge']['cbc:BaseAmount']['#text']).toBe('180.00');
    expect(design['cac:AllowanceCharge']['cbc:Amount']['#text']).toBe('18.00');
    expect(design['cac:AllowanceCharge']['cbc:MultiplierFactorNumeric']).toBe('10');
    expect(hosting['cac:AllowanceCharge']).toBeUndefined();
    expect(hosting['cac:Price']['cbc:PriceAmount']['#text']).toBe('9.99');
  });

  it('writes currencies without minor units as whole numbers', () => {
    const doc = ublParser.parse(buildUbl(sampleUbl({ currency: 'VND', lines: [{ id: '1', description: 'Dịch vụ', quantity: '1.0000', unitPrice: 1_500_000, netAmount: 1_500_000, discountBp: 0, tax: S10 }], taxSubtotals: [{ category: S10, taxableAmount: 1_500_000, taxAmount: 150_000 }], lineTotal: 1_500_000, taxTotal: 150_000, total: 1_650_000, prepaid: 0, payable: 1_650_000 }))).Invoice;
    expect(doc['cac:LegalMonetaryTotal']['cbc:PayableAmount']['#text']).toBe('1650000');
    expect(doc['cac:LegalMonetaryTotal']['cbc:PrepaidAmount']).toBeUndefined();
  });
});

describe('CIUS-RO and credit notes', () => {
  it('declares the Romanian CIUS when asked', async () => {
    const xml = buildUbl(sampleUbl({ profile: 'cius-ro' }));
    await wellFormed(xml);
    const doc = ublParser.parse(xml).Invoice;
    expect(doc['cbc:CustomizationID']).toBe('urn:cen.eu:en16931:2017#compliant#urn:efactura.mfinante.ro:CIUS-RO:1.0.1');
    expect(doc['cbc:ProfileID']).toBeUndefined();
  });

  it('a credit note is a UBL CreditNote referring to the invoice it corrects, with credited quantities and no due date', async () => {
    const xml = buildUbl(sampleUbl({ kind: 'credit_note', number: 'CN-00007', billingReference: { number: 'INV-00042', issueDate: date('2025-06-01') }, payment: undefined, paymentTerms: undefined, prepaid: 0, payable: 26_656 }));
    await wellFormed(xml);
    const doc = ublParser.parse(xml).CreditNote;
    expect(doc['@xmlns']).toBe('urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2');
    expect(doc['cbc:CreditNoteTypeCode']).toBe('381');
    expect(doc['cbc:DueDate']).toBeUndefined();
    expect(doc['cac:BillingReference']['cac:InvoiceDocumentReference']['cbc:ID']).toBe('INV-00042');
    expect(doc['cac:CreditNoteLine'][0]['cbc:CreditedQuantity']['#text']).toBe('1.5');
    expect(doc['cac:InvoiceLine']).toBeUndefined();
  });
});

describe('hostile text', () => {
  it('escapes markup, drops characters XML cannot carry, and keeps long descriptions whole', async () => {
    const long = 'x'.repeat(10_000);
    const xml = buildUbl(
      sampleUbl({
        number: 'INV-<1>&"2"',
        note: 'Note\u0000 with \u0007 bell \u202Eevil',
        lines: [{ id: '1', description: `<script>alert(1)</script> ]]> ${long}`, quantity: '1.0000', unitPrice: 100, netAmount: 100, discountBp: 0, tax: S19 }],
        buyer: { name: 'A & B <Ltd>', legalName: 'A & B <Ltd>', address: {} },
        payment: undefined,
      }),
    );
    await wellFormed(xml);
    expect(xml).not.toContain('<script>');
    expect(xml).not.toMatch(/[\u202A-\u202E]/u);
    expect([...xml].some((c) => c === '\u0000' || c === '\u0007')).toBe(false);
    const doc = ublParser.parse(xml).Invoice;
    expect(xml).toContain('<cbc:ID>INV-&lt;1&gt;&amp;&quot;2&quot;</cbc:ID>');
    // A parser gets back exactly what was written.
    expect(doc['cbc:ID']).toBe('INV-<1>&"2"');
    const item = doc['cac:InvoiceLine'][0]['cac:Item'];
    expect(item['cbc:Name'].length).toBeLessThanOrEqual(100);
    expect(item['cbc:Description']).toContain(long);
  });
});
