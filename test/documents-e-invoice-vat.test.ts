import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { pdfText } from '../src/documents/pdf/test-support.ts';
import { tenant, useApi, type Tenant } from './support/app.ts';

// VAT categories and electronic addresses through the API: what a finance team sets up (organization and
// customer electronic addresses), what it invoices (reverse charge, intra-community supply, exemptions,
// export, outside the scope of VAT), what is refused and why, and what the UBL and the PDF then say.

const suite = useApi();
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, isArray: (name) => ['cac:InvoiceLine', 'cac:CreditNoteLine', 'cac:TaxSubtotal', 'cac:TaxTotal'].includes(name) });
type Node = Record<string, unknown>;

let t: Tenant;
let german: { id: string };
let unregistered: { id: string };

async function created(path: string, body: unknown) {
  const r = await t.call('POST', path, body);
  expect(r.statusCode, r.body).toBeLessThan(300);
  return r.json();
}

/** Everything a refused request could have written. */
async function snapshot(who: Tenant = t) {
  const [settings, customers, invoices, events] = await Promise.all(
    ['/api/v1/settings', '/api/v1/customers?limit=500', '/api/v1/invoices?limit=500', '/api/v1/events?limit=500'].map(async (p) => (await who.call('GET', p)).json()),
  );
  return JSON.stringify({ settings, customers, invoices, events });
}

async function refused(method: 'POST' | 'PATCH', url: string, body: unknown, status: number, code: string, field: string) {
  const before = await snapshot();
  const r = await t.call(method, url, body);
  expect(r.statusCode, r.body).toBe(status);
  expect(r.json().error).toMatchObject({ code, field });
  expect(await snapshot()).toBe(before);
}

const line = (extra: Record<string, unknown> = {}) => ({ description: 'Făină tip 650, 1 t', quantity: 1, unitPrice: 250_000, ...extra });

async function ubl(invoiceId: string, profile = 'peppol') {
  const r = await t.call('GET', `/api/v1/invoices/${invoiceId}/ubl?profile=${profile}`);
  expect(r.statusCode, r.body).toBe(200);
  expect((await validateXML({ xml: [{ fileName: 'e-invoice.xml', contents: r.body }], normalization: 'format' })).errors).toEqual([]);
  const parsed = parser.parse(r.body);
  return (parsed.Invoice ?? parsed.CreditNote) as Node;
}
const categoriesOf = (doc: Record<string, unknown>) =>
  ((doc['cac:TaxTotal'] as Node[])[0]!['cac:TaxSubtotal'] as Node[]).map((s) => s['cac:TaxCategory'] as Record<string, string>);

beforeAll(async () => {
  t = await tenant(suite.database, suite.app, suite.clock, { name: 'Moara Cibin', legalName: 'Moara Cibin S.A.', taxId: 'RO12345678', country: 'RO', locale: 'ro' });
  german = await created('/api/v1/customers', {
    name: 'Brotfabrik',
    legalName: 'Brotfabrik GmbH',
    taxId: 'DE811907980',
    locale: 'ro',
    currency: 'EUR',
    billingAddress: { line1: 'Hauptstraße 1', city: 'Berlin', postalCode: '10115', country: 'DE' },
    shippingAddress: { line1: 'Lagerweg 5', city: 'Hamburg', postalCode: '20095', region: 'DE-HH', country: 'DE' },
    electronicAddress: { scheme: '9930', value: 'DE811907980' },
    contacts: [{ name: 'Jana Vogel', email: 'ap@brotfabrik.example' }],
  });
  unregistered = await created('/api/v1/customers', { name: 'Ion Popescu', currency: 'EUR', billingAddress: { line1: 'Str. Mică 3', city: 'Sibiu', country: 'RO' }, contacts: [{ name: 'Ion Popescu', email: 'ion@example.ro' }] });
});

describe('the organization’s electronic address (settings)', () => {
  it('is set with its EAS scheme, shown in the settings and cleared with null', async () => {
    const set = await t.call('PATCH', '/api/v1/settings', { electronicAddress: { scheme: '9947', value: 'RO12345678' } });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().electronicAddress).toEqual({ scheme: '9947', value: 'RO12345678' });
    expect((await t.call('PATCH', '/api/v1/settings', { electronicAddress: null })).json().electronicAddress).toBeNull();
    expect((await t.call('GET', '/api/v1/settings')).json().electronicAddress).toBeNull();
    await t.call('PATCH', '/api/v1/settings', { electronicAddress: { scheme: '0088', value: '5790000435975' } });
  });

  it('refuses an unknown scheme, a wrong check digit and hostile values, naming the field and changing nothing', async () => {
    await refused('PATCH', '/api/v1/settings', { electronicAddress: { scheme: '9999', value: 'RO12345678' } }, 400, 'INVALID_ELECTRONIC_ADDRESS_SCHEME', 'electronicAddress.scheme');
    await refused('PATCH', '/api/v1/settings', { electronicAddress: { scheme: '0088', value: '5790000435976' } }, 400, 'INVALID_ELECTRONIC_ADDRESS', 'electronicAddress.value');
    await refused('PATCH', '/api/v1/settings', { electronicAddress: { scheme: '0192', value: '12345678' } }, 400, 'INVALID_ELECTRONIC_ADDRESS', 'electronicAddress.value');
    await refused('PATCH', '/api/v1/settings', { electronicAddress: { scheme: 'EM', value: 'not-an-email' } }, 400, 'INVALID_ELECTRONIC_ADDRESS', 'electronicAddress.value');
    await refused('PATCH', '/api/v1/settings', { electronicAddress: { scheme: '9930', value: '<script>alert(1)</script>' } }, 400, 'INVALID_ELECTRONIC_ADDRESS', 'electronicAddress.value');
    await refused('PATCH', '/api/v1/settings', { electronicAddress: { scheme: '9930', value: 'DE1\u0000' } }, 400, 'INVALID_ELECTRONIC_ADDRESS', 'electronicAddress.value');
    await refused('PATCH', '/api/v1/settings', { electronicAddress: { scheme: '9930', value: 'D'.repeat(120) } }, 400, 'INVALID_ELECTRONIC_ADDRESS', 'electronicAddress.value');
    await refused('PATCH', '/api/v1/settings', { electronicAddress: { scheme: '9930', value: 'D'.repeat(5_000) } }, 400, 'VALIDATION_FAILED', 'electronicAddress.value');
    await refused('PATCH', '/api/v1/settings', { electronicAddress: { scheme: '9930' } }, 400, 'VALIDATION_FAILED', 'electronicAddress.value');
    await refused('PATCH', '/api/v1/settings', { electronicAddress: { scheme: '9930', value: 'DE811907980', extra: 1 } }, 400, 'VALIDATION_FAILED', 'electronicAddress.extra');
    await refused('PATCH', '/api/v1/settings', { electronicAddress: '0088:5790000435975' }, 400, 'VALIDATION_FAILED', 'electronicAddress');
  });
});

describe('a customer’s electronic address', () => {
  it('is refused when malformed, and nothing is created', async () => {
    await refused('POST', '/api/v1/customers', { name: 'Bad Address SRL', electronicAddress: { scheme: '0208', value: '0477472702' } }, 400, 'INVALID_ELECTRONIC_ADDRESS', 'electronicAddress.value');
    await refused('PATCH', `/api/v1/customers/${german.id}`, { electronicAddress: { scheme: 'ZZ', value: 'x' } }, 400, 'INVALID_ELECTRONIC_ADDRESS_SCHEME', 'electronicAddress.scheme');
  });

  it('is shown with the customer', async () => {
    expect((await t.call('GET', `/api/v1/customers/${german.id}`)).json().electronicAddress).toEqual({ scheme: '9930', value: 'DE811907980' });
    expect((await t.call('GET', `/api/v1/customers/${unregistered.id}`)).json().electronicAddress).toBeNull();
  });
});

describe('VAT categories on invoice lines', () => {
  const invoice = (lines: unknown[]) => ({ customerId: german.id, lines });

  it('refuse lines that break the EN 16931 rules, naming the line field, and write nothing', async () => {
    await refused('POST', '/api/v1/invoices', invoice([line({ taxCategory: 'X' })]), 400, 'VALIDATION_FAILED', 'lines[0].taxCategory');
    await refused('POST', '/api/v1/invoices', invoice([line({ taxCategory: 'E' })]), 422, 'TAX_EXEMPTION_REASON_REQUIRED', 'lines[0].taxExemptionReason');
    await refused('POST', '/api/v1/invoices', invoice([line({ taxCategory: 'AE', taxRateBp: 1900 })]), 422, 'TAX_RATE_NOT_ZERO', 'lines[0].taxRateBp');
    await refused('POST', '/api/v1/invoices', invoice([line({ taxCategory: 'S' })]), 422, 'TAX_RATE_REQUIRED', 'lines[0].taxRateBp');
    await refused('POST', '/api/v1/invoices', invoice([line({ taxCategory: 'K', taxExemptionCode: 'VATEX-EU-AE' })]), 422, 'TAX_EXEMPTION_CODE_MISMATCH', 'lines[0].taxExemptionCode');
    await refused('POST', '/api/v1/invoices', invoice([line({ taxRateBp: 1900, taxExemptionReason: 'Scutit' })]), 422, 'TAX_EXEMPTION_NOT_ALLOWED', 'lines[0].taxExemptionReason');
    await refused('POST', '/api/v1/invoices', invoice([line(), line({ taxCategory: 'O' })]), 422, 'VAT_OUTSIDE_SCOPE_MIXED', 'lines[0].taxCategory');
    await refused(
      'POST',
      '/api/v1/invoices',
      invoice([line({ taxCategory: 'E', taxExemptionReason: 'Art. 292 alin. (2) lit. a)' }), line({ taxCategory: 'E', taxExemptionReason: 'Art. 292 alin. (2) lit. f)' })]),
      422,
      'TAX_EXEMPTION_REASON_CONFLICT',
      'lines[1].taxExemptionReason',
    );
  });

  it('refuse hostile exemption codes and reasons', async () => {
    await refused('POST', '/api/v1/invoices', invoice([line({ taxCategory: 'E', taxExemptionCode: '<script>' })]), 400, 'INVALID_TAX_EXEMPTION_CODE', 'lines[0].taxExemptionCode');
    await refused('POST', '/api/v1/invoices', invoice([line({ taxCategory: 'E', taxExemptionCode: "'; DROP TABLE invoices; --" })]), 400, 'INVALID_TAX_EXEMPTION_CODE', 'lines[0].taxExemptionCode');
    await refused('POST', '/api/v1/invoices', invoice([line({ taxCategory: 'E', taxExemptionCode: 'VATEX-EU-132-1I'.repeat(3) })]), 400, 'VALIDATION_FAILED', 'lines[0].taxExemptionCode');
    await refused('POST', '/api/v1/invoices', invoice([line({ taxCategory: 'E', taxExemptionReason: 'Scutit\u202E' })]), 400, 'INVALID_TAX_EXEMPTION_REASON', 'lines[0].taxExemptionReason');
    await refused('POST', '/api/v1/invoices', invoice([line({ taxCategory: 'E', taxExemptionReason: 'x'.repeat(101) })]), 400, 'VALIDATION_FAILED', 'lines[0].taxExemptionReason');
    await refused('POST', '/api/v1/invoices', invoice([line({ taxCategory: ['AE'] })]), 400, 'VALIDATION_FAILED', 'lines[0].taxCategory');
  });

  it('refuse the same rules when a draft is edited', async () => {
    const draft = await created('/api/v1/invoices', invoice([line({ taxRateBp: 1900 })]));
    await refused('PATCH', `/api/v1/invoices/${draft.id}`, { lines: [line({ taxCategory: 'G', taxExemptionCode: 'VATEX-EU-IC' })] }, 422, 'TAX_EXEMPTION_CODE_MISMATCH', 'lines[0].taxExemptionCode');
  });
});

describe('identifiers checked when an invoice is issued', () => {
  it('an intra-community supply needs the buyer’s VAT identifier: nothing is issued, the draft stays a draft', async () => {
    await refused('POST', '/api/v1/invoices', { customerId: unregistered.id, issue: true, lines: [line({ taxCategory: 'K' })] }, 422, 'BUYER_VAT_ID_REQUIRED', 'customer.taxId');
    const draft = await created('/api/v1/invoices', { customerId: unregistered.id, lines: [line({ taxCategory: 'K' })] });
    const r = await t.call('POST', `/api/v1/invoices/${draft.id}/issue`);
    expect(r.statusCode).toBe(422);
    expect(r.json().error).toMatchObject({ code: 'BUYER_VAT_ID_REQUIRED', field: 'customer.taxId' });
    expect((await t.call('GET', `/api/v1/invoices/${draft.id}`)).json()).toMatchObject({ status: 'draft', number: null });
  });

  it('reverse charge needs a buyer identifier; outside the scope of VAT allows no VAT identifier', async () => {
    await refused('POST', '/api/v1/invoices', { customerId: unregistered.id, issue: true, lines: [line({ taxCategory: 'AE' })] }, 422, 'BUYER_TAX_ID_REQUIRED', 'customer.taxId');
    await refused('POST', '/api/v1/invoices', { customerId: unregistered.id, issue: true, lines: [line({ taxCategory: 'O' })] }, 422, 'VAT_ID_NOT_ALLOWED', 'organization.taxId');
  });
});

describe('an intra-community supply end to end', () => {
  let supply: { id: string; number: string };

  beforeAll(async () => {
    supply = await created('/api/v1/invoices', { customerId: german.id, issue: true, issueDate: '2025-06-10', poNumber: 'PO-4711', lines: [line({ taxCategory: 'K' }), line({ description: 'Transport', unitPrice: 30_000, taxCategory: 'K' })] });
  });

  it('stores the category on the lines and one K row with its VATEX code in the breakdown', async () => {
    const stored = (await t.call('GET', `/api/v1/invoices/${supply.id}`)).json();
    expect(stored.lines.map((l: { taxCategory: string; taxExemptionCode: string }) => [l.taxCategory, l.taxExemptionCode])).toEqual([
      ['K', 'VATEX-EU-IC'],
      ['K', 'VATEX-EU-IC'],
    ]);
    expect(stored.taxBreakdown).toEqual([{ taxCategory: 'K', taxRateBp: 0, taxExemptionCode: 'VATEX-EU-IC', taxableAmount: 280_000, taxAmount: 0 }]);
    expect(stored.total).toBe(280_000);
  });

  it('exports with the delivery date and the deliver-to address, and both Peppol endpoints', async () => {
    const doc = await ubl(supply.id);
    expect(categoriesOf(doc)).toEqual([{ 'cbc:ID': 'K', 'cbc:Percent': '0', 'cbc:TaxExemptionReasonCode': 'VATEX-EU-IC', 'cac:TaxScheme': { 'cbc:ID': 'VAT' } }]);
    expect(doc['cac:Delivery']).toEqual({
      'cbc:ActualDeliveryDate': '2025-06-10',
      'cac:DeliveryLocation': { 'cac:Address': { 'cbc:StreetName': 'Lagerweg 5', 'cbc:CityName': 'Hamburg', 'cbc:PostalZone': '20095', 'cbc:CountrySubentity': 'DE-HH', 'cac:Country': { 'cbc:IdentificationCode': 'DE' } } },
    });
    const party = (key: string) => (doc[key] as Node)['cac:Party'] as Record<string, unknown>;
    expect(party('cac:AccountingSupplierParty')['cbc:EndpointID']).toEqual({ '@schemeID': '0088', '#text': '5790000435975' });
    expect(party('cac:AccountingCustomerParty')['cbc:EndpointID']).toEqual({ '@schemeID': '9930', '#text': 'DE811907980' });
  });

  it('files with CIUS-RO in EUR: nil VAT is stated in RON as well', async () => {
    const doc = await ubl(supply.id, 'cius-ro');
    expect(doc['cbc:TaxCurrencyCode']).toBe('RON');
    expect((doc['cac:TaxTotal'] as Node[])[1]).toEqual({ 'cbc:TaxAmount': { '@currencyID': 'RON', '#text': '0.00' } });
  });

  it('prints the statement on the PDF in the customer’s language', async () => {
    const text = (await pdfText((await t.call('GET', `/api/v1/invoices/${supply.id}/pdf`)).rawPayload)).replace(/\s+/gu, ' ');
    expect(text).toContain('Livrare intracomunitară scutită de TVA.');
  });

  it('a credit note for an amount keeps the category of what it corrects', async () => {
    const note = await created(`/api/v1/invoices/${supply.id}/credit-notes`, { reason: 'Sac deteriorat', amount: 10_000 });
    expect(note.creditNote.taxBreakdown).toEqual([{ taxCategory: 'K', taxRateBp: 0, taxExemptionCode: 'VATEX-EU-IC', taxableAmount: 10_000, taxAmount: 0 }]);
    const doc = await ubl(note.creditNote.id);
    expect(categoriesOf(doc)[0]).toMatchObject({ 'cbc:ID': 'K', 'cbc:TaxExemptionReasonCode': 'VATEX-EU-IC' });
    expect(((doc['cac:CreditNoteLine'] as Node[])[0]!['cac:Item'] as Node)['cac:ClassifiedTaxCategory']).toEqual({ 'cbc:ID': 'K', 'cbc:Percent': '0', 'cac:TaxScheme': { 'cbc:ID': 'VAT' } });
  });

  it('is refused for export once the data it needs is gone, naming the setting', async () => {
    await t.call('PATCH', '/api/v1/settings', { electronicAddress: null });
    const noEndpoint = await t.call('GET', `/api/v1/invoices/${supply.id}/ubl`);
    expect(noEndpoint.statusCode).toBe(422);
    expect(noEndpoint.json().error).toMatchObject({ code: 'ELECTRONIC_ADDRESS_REQUIRED', field: 'organization.electronicAddress' });
    await t.call('PATCH', '/api/v1/settings', { electronicAddress: { scheme: '0088', value: '5790000435975' } });

    await t.call('PATCH', `/api/v1/customers/${german.id}`, { electronicAddress: { scheme: 'EM', value: 'ap@brotfabrik.example' } });
    const byEmail = await t.call('GET', `/api/v1/invoices/${supply.id}/ubl`);
    expect(byEmail.json().error).toMatchObject({ code: 'ELECTRONIC_ADDRESS_NOT_ON_PEPPOL', field: 'customer.electronicAddress' });
    // EN 16931 itself, and so CIUS-RO, knows e-mail addresses.
    const party = (await ubl(supply.id, 'cius-ro'))['cac:AccountingCustomerParty'] as Node;
    expect((party['cac:Party'] as Record<string, unknown>)['cbc:EndpointID']).toEqual({ '@schemeID': 'EM', '#text': 'ap@brotfabrik.example' });

    await t.call('PATCH', `/api/v1/customers/${german.id}`, { taxId: '811907980', electronicAddress: { scheme: '9930', value: 'DE811907980' } });
    const noVatId = await t.call('GET', `/api/v1/invoices/${supply.id}/ubl`);
    expect(noVatId.json().error).toMatchObject({ code: 'BUYER_VAT_ID_REQUIRED', field: 'customer.taxId' });
    await t.call('PATCH', `/api/v1/customers/${german.id}`, { taxId: 'DE811907980' });
  });
});

describe('several categories on one invoice', () => {
  it('export one breakdown row each with its reason, and the PDF states each', async () => {
    const mixed = await created('/api/v1/invoices', {
      customerId: german.id,
      issue: true,
      lines: [
        line({ taxRateBp: 1900 }),
        line({ description: 'Curs de panificație', unitPrice: 50_000, taxCategory: 'E', taxExemptionCode: 'VATEX-EU-132-1I', taxExemptionReason: 'Art. 292 alin. (2) lit. a) pct. 2 Cod fiscal' }),
        line({ description: 'Consultanță', unitPrice: 40_000, taxCategory: 'AE' }),
        line({ description: 'Livrare Chișinău', unitPrice: 20_000, taxCategory: 'G' }),
      ],
    });
    const doc = await ubl(mixed.id);
    expect(categoriesOf(doc).map((c) => [c['cbc:ID'], c['cbc:Percent'], c['cbc:TaxExemptionReasonCode'], c['cbc:TaxExemptionReason']])).toEqual([
      ['E', '0', 'VATEX-EU-132-1I', 'Art. 292 alin. (2) lit. a) pct. 2 Cod fiscal'],
      ['AE', '0', 'VATEX-EU-AE', undefined],
      ['G', '0', 'VATEX-EU-G', undefined],
      ['S', '19', undefined, undefined],
    ]);
    const text = (await pdfText((await t.call('GET', `/api/v1/invoices/${mixed.id}/pdf`)).rawPayload)).replace(/\s+/gu, ' ');
    for (const statement of ['Scutit de TVA — Art. 292 alin. (2) lit. a) pct. 2 Cod fiscal (VATEX-EU-132-1I).', 'Taxare inversă: TVA este datorată de beneficiar.', 'Export în afara Uniunii Europene, scutit de TVA.'])
      expect(text).toContain(statement);
  });
});

describe('outside the scope of VAT', () => {
  it('is issued by a seller without a VAT identifier and filed with CIUS-RO without rates or VAT numbers', async () => {
    const small = await tenant(suite.database, suite.app, suite.clock, { name: 'Brutăria Mică', taxId: '12345678', country: 'RO', locale: 'ro' });
    const customer = (await small.call('POST', '/api/v1/customers', { name: 'Cafeneaua Veche', taxId: '87654321', currency: 'RON', billingAddress: { line1: 'Str. Mare 1', city: 'Sibiu', region: 'RO-SB', country: 'RO' } })).json();
    const r = await small.call('POST', '/api/v1/invoices', { customerId: customer.id, issue: true, lines: [line({ taxCategory: 'O' })] });
    expect(r.statusCode, r.body).toBe(201);
    const xml = (await small.call('GET', `/api/v1/invoices/${r.json().id}/ubl?profile=cius-ro`)).body;
    const doc = parser.parse(xml).Invoice;
    expect(categoriesOf(doc)).toEqual([{ 'cbc:ID': 'O', 'cbc:TaxExemptionReasonCode': 'VATEX-EU-O', 'cac:TaxScheme': { 'cbc:ID': 'VAT' } }]);
    expect(xml).not.toContain('<cbc:Percent>');
    const seller = (doc['cac:AccountingSupplierParty'] as Node)['cac:Party'] as Node;
    expect(seller['cac:PartyTaxScheme']).toEqual({ 'cbc:CompanyID': '12345678', 'cac:TaxScheme': { 'cbc:ID': 'TAX' } });
    // The CUI is the seller's registration number too: the seller is identified by more than BT-32 (BR-CO-26).
    expect(seller['cac:PartyLegalEntity']).toEqual({ 'cbc:RegistrationName': 'Brutăria Mică', 'cbc:CompanyID': '12345678' });
    expect(doc['cac:AccountingCustomerParty']['cac:Party']['cac:PartyLegalEntity']['cbc:CompanyID']).toBe('87654321');
    // Another organization cannot read it.
    expect((await t.call('GET', `/api/v1/invoices/${r.json().id}/ubl`)).statusCode).toBe(404);
  });
});
