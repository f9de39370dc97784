import { and, eq } from 'drizzle-orm';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { decodeQr, pdfImageCount, pdfPagesAsPng, pdfText, solidPng } from '../src/documents/pdf/test-support.ts';
import { invoices } from '../src/db/schema/index.ts';
import { isValidRfReference } from '../src/domain/payment-qr/index.ts';
import { tenant, useApi, type Tenant } from './support/app.ts';

// The clock stands at 2025-06-15 09:00 UTC (12:00 in Bucharest).
const suite = useApi();
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, isArray: (name) => ['cac:InvoiceLine', 'cac:CreditNoteLine', 'cac:TaxSubtotal'].includes(name) });
const flat = (text: string) => text.replace(/\s+/gu, ' ');

let t: Tenant;
let customerId: string;
let invoice: { id: string; number: string; paymentReference: string; balance: number };
let overdue: { id: string; number: string };

async function post(path: string, body: unknown) {
  const r = await t.call('POST', path, body);
  expect(r.statusCode, r.body).toBeLessThan(300);
  return r.json();
}

beforeAll(async () => {
  t = await tenant(suite.database, suite.app, suite.clock, { name: 'Punctual Demo', legalName: 'Punctual Demo S.R.L.', taxId: 'RO12345678', country: 'RO', locale: 'ro' });
  await post('/api/v1/settings/bank-accounts', { currency: 'EUR', iban: 'RO49AAAA1B31007593840000', bic: 'RNCBROBU', bankName: 'Banca Comercială Română' });
  expect((await t.call('PATCH', '/api/v1/settings', { electronicAddress: { scheme: '9947', value: 'RO12345678' } })).statusCode).toBe(200);
  const customer = await post('/api/v1/customers', {
    name: 'Fabrica de Pâine Ștefănești',
    legalName: 'Fabrica de Pâine Ștefănești S.A.',
    taxId: 'RO87654321',
    locale: 'ro',
    currency: 'EUR',
    paymentTerms: 'net_30',
    billingAddress: { line1: 'Str. Țepeș Vodă 3', city: 'Iași', postalCode: '700001', country: 'RO' },
    contacts: [{ name: 'Ioana Țurcanu', email: 'ioana@paine.example' }],
    electronicAddress: { scheme: '9947', value: 'RO87654321' },
  });
  customerId = customer.id;
  invoice = await post('/api/v1/invoices', {
    customerId,
    issue: true,
    issueDate: '2025-06-10',
    poNumber: 'PO-2025/118',
    termsText: 'Pentru întârzieri se datorează dobânda legală penalizatoare și 40 EUR despăgubire.',
    lines: [
      { description: 'Făină tip 650', quantity: '1.5', unitPrice: 12_000, taxRateBp: 1900, discountBp: 1000 },
      { description: 'Transport', quantity: 2, unitPrice: 999, taxRateBp: 900 },
    ],
  });
  // The early-payment discount columns belong to the fees area; set them as its API would.
  await suite.database.db.update(invoices).set({ earlyPaymentDiscountBp: 200, earlyPaymentDays: 10 }).where(and(eq(invoices.orgId, t.orgId), eq(invoices.id, invoice.id)));
  overdue = await post('/api/v1/invoices', { customerId, issue: true, issueDate: '2025-04-01', lines: [{ description: 'Comanda din aprilie', quantity: 1, unitPrice: 50_000, taxRateBp: 1900 }] });
});

describe('the invoice API carries the RF creditor reference', () => {
  it('derives it from the invoice number, valid and stable', async () => {
    expect(invoice.paymentReference).toMatch(/^RF\d{2}INV\d{5}$/);
    expect(isValidRfReference(invoice.paymentReference)).toBe(true);
    const again = (await t.call('GET', `/api/v1/invoices/${invoice.id}`)).json();
    expect(again.paymentReference).toBe(invoice.paymentReference);
  });
});

describe('GET /invoices/:id/pdf', () => {
  it("prints the invoice in the customer's language with due date, PO, reference, terms and a scannable EPC QR", async () => {
    const r = await t.call('GET', `/api/v1/invoices/${invoice.id}/pdf`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.headers['content-disposition']).toBe(`attachment; filename="${invoice.number}.pdf"`);
    const pdf = r.rawPayload;
    const text = flat(await pdfText(pdf));
    const grouped = invoice.paymentReference.replace(/(.{4})(?!$)/g, '$1 ');
    for (const expected of ['Factură', invoice.number, '10.07.2025', 'PO-2025/118', grouped, 'Fabrica de Pâine Ștefănești', 'Str. Țepeș Vodă 3', 'Ioana Țurcanu', 'România', 'RO49 AAAA 1B31 0075 9384 0000', 'Banca Comercială Română', 'dobânda legală penalizatoare', 'Discount pentru plata anticipată', '20.06.2025']) {
      expect(text).toContain(expected);
    }
    const qr = (await pdfPagesAsPng(pdf)).map(decodeQr).find((p) => p !== null)!;
    const fields = qr.split('\n');
    expect(fields.slice(0, 3)).toEqual(['BCD', '002', '1']);
    expect(fields).toContain('RO49AAAA1B31007593840000');
    expect(fields).toContain(`EUR${(invoice.balance / 100).toFixed(2)}`);
    expect(fields).toContain(invoice.paymentReference);
  });

  it('prints a credit note as such, naming the invoice it corrects', async () => {
    const note = await post(`/api/v1/invoices/${invoice.id}/credit-notes`, { amount: 1_000, reason: 'Ambalaj deteriorat' });
    const r = await t.call('GET', `/api/v1/invoices/${note.creditNote.id}/pdf`);
    expect(r.statusCode).toBe(200);
    const text = flat(await pdfText(r.rawPayload));
    expect(text).toContain('Factură de stornare');
    // The invoice it corrects, in the facts beside the title and in the sentence under the totals.
    expect(text).toContain('Stornează factura');
    expect(text).toContain(`Această factură de stornare reduce suma datorată pentru factura ${invoice.number}.`);
  });

  it("states the organization's late-fee policy on an invoice without its own terms text", async () => {
    const policy = await suite.app.inject({
      method: 'PUT',
      url: '/api/v1/late-fee-policies/organization',
      headers: { authorization: `Bearer ${t.key}` },
      payload: { charge: { kind: 'statutory_interest', jurisdiction: 'RO' }, graceDays: 5 },
    });
    expect(policy.statusCode, policy.body).toBe(200);
    const text = flat(await pdfText((await t.call('GET', `/api/v1/invoices/${overdue.id}/pdf`)).rawPayload));
    expect(text).toContain('Pentru suma restantă se datorează dobânda legală penalizatoare (România), din ziua următoare scadenței până la data plății.');
    expect(text).toContain('Aceste penalități se aplică după 5 zile de la scadență.');
    const ubl = parser.parse((await t.call('GET', `/api/v1/invoices/${overdue.id}/ubl`)).body).Invoice;
    expect(ubl['cac:PaymentTerms']['cbc:Note']).toContain('dobânda legală penalizatoare (România)');
    // The invoice's own terms text still wins.
    expect(flat(await pdfText((await t.call('GET', `/api/v1/invoices/${invoice.id}/pdf`)).rawPayload))).not.toContain('(România)');
  });

  it("prints the organization's logo once it has one", async () => {
    const before = (await t.call('GET', `/api/v1/invoices/${invoice.id}/pdf`)).rawPayload;
    expect(await pdfImageCount(before)).toBe(0);
    const upload = await suite.app.inject({ method: 'PUT', url: '/api/v1/settings/logo', headers: { authorization: `Bearer ${t.key}`, 'content-type': 'image/png' }, payload: solidPng(240, 80, [31, 58, 95]) });
    expect(upload.statusCode, upload.body).toBe(200);
    expect(await pdfImageCount((await t.call('GET', `/api/v1/invoices/${invoice.id}/pdf`)).rawPayload)).toBe(1);
    expect(await pdfImageCount((await t.call('GET', `/api/v1/customers/${customerId}/statement`)).rawPayload)).toBe(1);
  });

  it('answers 404 for an unknown invoice and 400 for a malformed id', async () => {
    expect((await t.call('GET', '/api/v1/invoices/00000000-0000-7000-8000-000000000000/pdf')).json().error.code).toBe('INVOICE_NOT_FOUND');
    expect((await t.call('GET', '/api/v1/invoices/not-a-uuid/pdf')).statusCode).toBe(400);
  });
});

describe('GET /invoices/:id/ubl', () => {
  it('exports a well-formed Peppol BIS 3.0 invoice with the IBAN, the RF reference and the payment terms', async () => {
    const r = await t.call('GET', `/api/v1/invoices/${invoice.id}/ubl`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toBe('application/xml; charset=utf-8');
    const validation = await validateXML({ xml: [{ fileName: 'invoice.xml', contents: r.body }], normalization: 'format' });
    expect(validation.errors).toEqual([]);
    const doc = parser.parse(r.body).Invoice;
    expect(doc['cbc:ID']).toBe(invoice.number);
    expect(doc['cbc:CustomizationID']).toContain('peppol.eu:2017:poacc:billing:3.0');
    expect(doc['cbc:DueDate']).toBe('2025-07-10');
    expect(doc['cac:OrderReference']['cbc:ID']).toBe('PO-2025/118');
    expect(doc['cac:PaymentMeans']['cbc:PaymentID']).toBe(invoice.paymentReference);
    expect(doc['cac:PaymentMeans']['cac:PayeeFinancialAccount']['cbc:ID']).toBe('RO49AAAA1B31007593840000');
    expect(doc['cac:PaymentTerms']['cbc:Note']).toContain('dobânda legală penalizatoare');
    const rates = doc['cac:TaxTotal']['cac:TaxSubtotal'].map((s: Record<string, Record<string, string>>) => `${s['cac:TaxCategory']!['cbc:ID']}${s['cac:TaxCategory']!['cbc:Percent']}`);
    expect(rates.sort()).toEqual(['S19', 'S9']);
    expect(doc['cac:AccountingCustomerParty']['cac:Party']['cac:PartyTaxScheme']['cbc:CompanyID']).toBe('RO87654321');
    expect(doc['cac:AccountingSupplierParty']['cac:Party']['cbc:EndpointID']).toEqual({ '@schemeID': '9947', '#text': 'RO12345678' });
    expect(doc['cac:AccountingCustomerParty']['cac:Party']['cbc:EndpointID']).toEqual({ '@schemeID': '9947', '#text': 'RO87654321' });
  });

  it('declares CIUS-RO when asked and refuses unknown profiles', async () => {
    // CIUS-RO accounts VAT in RON (BR-RO-030): without an exchange rate, a EUR invoice with VAT cannot be filed.
    const eur = await t.call('GET', `/api/v1/invoices/${invoice.id}/ubl?profile=cius-ro`);
    expect(eur.statusCode).toBe(422);
    expect(eur.json().error).toMatchObject({ code: 'VAT_IN_RON_REQUIRED', field: 'currency' });
    const inRon = await post('/api/v1/invoices', { customerId, currency: 'RON', issue: true, issueDate: '2025-06-10', lines: [{ description: 'Făină tip 650', quantity: 1, unitPrice: 60_000, taxRateBp: 2100 }] });
    const ro = await t.call('GET', `/api/v1/invoices/${inRon.id}/ubl?profile=cius-ro`);
    expect(ro.statusCode, ro.body).toBe(200);
    expect(parser.parse(ro.body).Invoice['cbc:CustomizationID']).toBe('urn:cen.eu:en16931:2017#compliant#urn:efactura.mfinante.ro:CIUS-RO:1.0.1');
    const bad = await t.call('GET', `/api/v1/invoices/${invoice.id}/ubl?profile=<script>`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('profile');
  });

  it('exports a credit note as a UBL CreditNote and refuses a draft, which has no number', async () => {
    const notes = (await t.call('GET', `/api/v1/invoices?kind=credit_note&customerId=${customerId}`)).json().data;
    const note = parser.parse((await t.call('GET', `/api/v1/invoices/${notes[0].id}/ubl`)).body).CreditNote;
    expect(note['cac:BillingReference']['cac:InvoiceDocumentReference']['cbc:ID']).toBe(invoice.number);
    const draft = await post('/api/v1/invoices', { customerId, lines: [{ description: 'Ciornă', quantity: 1, unitPrice: 100 }] });
    const r = await t.call('GET', `/api/v1/invoices/${draft.id}/ubl`);
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('INVOICE_NOT_ISSUED');
    expect((await t.call('GET', `/api/v1/invoices/${draft.id}/pdf`)).statusCode).toBe(200);
  });
});

describe('GET /customers/:id/statement', () => {
  it('gives the open items and their aging as data', async () => {
    const r = await t.call('GET', `/api/v1/customers/${customerId}/statement?format=json`);
    expect(r.statusCode, r.body).toBe(200);
    const statement = r.json();
    expect(statement).toMatchObject({ customerId, asOf: '2025-06-15', locale: 'ro' });
    const [eur] = statement.sections;
    expect(eur.currency).toBe('EUR');
    expect(eur.items.map((i: { invoiceId: string }) => i.invoiceId)).toEqual([overdue.id, invoice.id]);
    expect(eur.items[0]).toMatchObject({ daysOverdue: 45, balance: 59_500 });
    const bucket = (key: string) => eur.aging.find((b: { key: string }) => b.key === key).amount;
    expect(bucket('31-60')).toBe(59_500);
    expect(bucket('current')).toBe(eur.items[1].balance);
    expect(eur.totalDue).toBe(eur.aging.reduce((s: number, b: { amount: number }) => s + b.amount, 0));
  });

  it('prints it as a PDF in the customer language', async () => {
    const r = await t.call('GET', `/api/v1/customers/${customerId}/statement`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    const text = flat(await pdfText(r.rawPayload));
    for (const expected of ['Extras de cont client', 'Vechimea soldurilor', 'Restante 31–60 zile', overdue.number, invoice.number, 'Total datorat']) expect(text).toContain(expected);
  });

  it('answers 404 for an unknown customer', async () => {
    expect((await t.call('GET', '/api/v1/customers/00000000-0000-7000-8000-000000000000/statement')).statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/customers/${customerId}/statement?format=xml`)).statusCode).toBe(400);
  });
});

describe('tenant isolation', () => {
  it("another organization gets 404 for this organization's invoices and customers", async () => {
    const other = await tenant(suite.database, suite.app, suite.clock, { name: 'Other Co' });
    for (const path of [`/api/v1/invoices/${invoice.id}/pdf`, `/api/v1/invoices/${invoice.id}/ubl`, `/api/v1/customers/${customerId}/statement`, `/api/v1/customers/${customerId}/statement?format=json`]) {
      const r = await other.call('GET', path);
      expect(r.statusCode, path).toBe(404);
      expect(r.body).not.toContain('Ștefănești');
    }
  });
});
