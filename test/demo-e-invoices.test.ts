import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import type { App } from '../src/http/server.ts';
import { date } from '../src/domain/dates.ts';
import { DEMO_CUSTOMERS } from '../src/services/demo-data.ts';
import { invoiceDocument, loadInvoiceBundle } from '../src/services/documents/invoice-document.ts';
import { DEMO_ORG_ID, demoApiKey, seedDemo } from '../src/services/seed-demo.ts';
import { testApp } from './support/app.ts';
import { testDatabase } from './support/database.ts';

// A new user's first click on the demo: every issued document of the demo organization exports as a Peppol
// e-invoice, the Romanian ones (and the untaxed ones to EU businesses) as CIUS-RO too, and EU customers abroad
// are invoiced by reverse charge or as intra-community supplies rather than with the studio's VAT.

type Node = Record<string, unknown>;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, isArray: (name) => ['cac:InvoiceLine', 'cac:CreditNoteLine', 'cac:TaxSubtotal'].includes(name) });

interface Listed {
  id: string;
  kind: string;
  number: string | null;
  status: string;
  currency: string;
  customerId: string;
  taxTotal: number;
}

let database: Awaited<ReturnType<typeof testDatabase>>;
let app: App;
let documents: Listed[];
const refOf = new Map<string, string>();

const get = (url: string) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${demoApiKey()}` } });

// libxml2 checks one document of each customer and profile for well-formedness (it costs more than the export);
// every document is parsed and checked element by element.
const wellFormed = new Set<string>();

async function ubl(id: string, profile: 'peppol' | 'cius-ro', customerId?: string): Promise<Node> {
  const r = await get(`/api/v1/invoices/${id}/ubl?profile=${profile}`);
  expect(r.statusCode, `${id} ${profile}: ${r.body}`).toBe(200);
  const sample = `${customerId ?? id}/${profile}`;
  if (!wellFormed.has(sample)) {
    wellFormed.add(sample);
    expect((await validateXML({ xml: [{ fileName: 'e-invoice.xml', contents: r.body }], normalization: 'format' })).errors).toEqual([]);
  }
  const parsed = parser.parse(r.body);
  return (parsed.Invoice ?? parsed.CreditNote) as Node;
}

const endpoint = (doc: Node, party: 'cac:AccountingSupplierParty' | 'cac:AccountingCustomerParty') =>
  ((doc[party] as Node)['cac:Party'] as Node)['cbc:EndpointID'] as Node;
const categories = (doc: Node) =>
  ((doc['cac:TaxTotal'] as Node)['cac:TaxSubtotal'] as Node[]).map((s) => {
    const category = s['cac:TaxCategory'] as Record<string, string>;
    return `${category['cbc:ID']} ${category['cbc:TaxExemptionReasonCode'] ?? category['cbc:Percent']}`;
  });

beforeAll(async () => {
  database = await testDatabase();
  const started = await testApp(database);
  app = started.app;
  await seedDemo(database.db, started.clock);
  const customers = (await get('/api/v1/customers?limit=500')).json().data as { id: string; externalRef: string }[];
  for (const c of customers) refOf.set(c.id, c.externalRef);
  documents = ((await get('/api/v1/invoices?limit=500')).json().data as Listed[]).filter((d) => d.status !== 'draft');
}, 300_000);
afterAll(async () => {
  await app.close();
  await database.dispose();
});

describe('the demo organization’s e-invoices', () => {
  it('exports every issued invoice and credit note as Peppol BIS 3.0, both parties named by their Peppol identifiers', { timeout: 300_000 }, async () => {
    expect(documents.length).toBeGreaterThan(150);
    expect(documents.some((d) => d.kind === 'credit_note')).toBe(true);
    for (const d of documents) {
      const doc = await ubl(d.id, 'peppol', d.customerId);
      expect(endpoint(doc, 'cac:AccountingSupplierParty')).toEqual({ '#text': 'RO40123452', '@schemeID': '9947' });
      const customer = DEMO_CUSTOMERS.find((c) => c.ref === refOf.get(d.customerId))!;
      expect(endpoint(doc, 'cac:AccountingCustomerParty')).toEqual({ '#text': customer.electronicAddress.value, '@schemeID': customer.electronicAddress.scheme });
    }
  });

  it('reverse-charges services to EU businesses abroad and ships them goods as intra-community supplies, with no VAT', async () => {
    const abroad = documents.filter((d) => ['C-022', 'C-023', 'C-024', 'C-025', 'C-026'].includes(refOf.get(d.customerId)!));
    expect(abroad.length).toBeGreaterThan(10);
    const seen = new Set<string>();
    for (const d of abroad) {
      expect(d.taxTotal, d.number!).toBe(0);
      const doc = await ubl(d.id, 'peppol', d.customerId);
      for (const category of categories(doc)) seen.add(category);
      // Goods leave for another member state: where they are delivered is stated (BR-IC-11, BR-IC-12).
      if (categories(doc).includes('K VATEX-EU-IC')) expect(doc['cac:Delivery']).toMatchObject({ 'cac:DeliveryLocation': { 'cac:Address': { 'cac:Country': { 'cbc:IdentificationCode': expect.any(String) } } } });
    }
    expect([...seen].sort()).toEqual(['AE VATEX-EU-AE', 'K VATEX-EU-IC']);
  });

  it('keeps Romanian customers on Romanian VAT in RON, exported as CIUS-RO', async () => {
    const romanian = documents.filter((d) => DEMO_CUSTOMERS.find((c) => c.ref === refOf.get(d.customerId))!.address.country === 'RO');
    expect(romanian.length).toBeGreaterThan(10);
    for (const d of romanian) {
      expect(d.currency).toBe('RON');
      const doc = await ubl(d.id, 'cius-ro', d.customerId);
      expect(doc['cbc:CustomizationID']).toBe('urn:cen.eu:en16931:2017#compliant#urn:efactura.mfinante.ro:CIUS-RO:1.0.1');
      expect(categories(doc)).toEqual(['S 21']);
    }
  });

  it('exports the untaxed EU invoices as CIUS-RO too, and refuses CIUS-RO where VAT in another currency would need a rate', async () => {
    const euro = documents.find((d) => refOf.get(d.customerId) === 'C-022' && d.kind === 'invoice')!;
    const doc = await ubl(euro.id, 'cius-ro');
    expect(doc['cbc:TaxCurrencyCode']).toBe('RON');
    const dong = documents.find((d) => d.currency === 'VND' && d.taxTotal > 0)!;
    const refused = await get(`/api/v1/invoices/${dong.id}/ubl?profile=cius-ro`);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'VAT_IN_RON_REQUIRED', field: 'currency' });
  });
});

describe('the demo organization’s payment details', () => {
  it('prints on every open demo invoice the QR its currency calls for, or the transfer details where none exists', async () => {
    const expected: Record<string, string | null> = { EUR: 'epc', VND: 'vietqr', RUB: 'gost', RON: null, USD: null, IDR: null };
    const open = documents.filter((d) => d.kind === 'invoice' && (d.status === 'open' || d.status === 'partially_paid'));
    expect(new Set(open.map((d) => d.currency))).toEqual(new Set(Object.keys(expected)));
    for (const d of open) {
      const bundle = await loadInvoiceBundle(database.db, DEMO_ORG_ID, d.id);
      if (!bundle.ok) throw new Error(bundle.message);
      const payment = invoiceDocument(bundle.value, { today: date('2025-06-16'), createdAt: new Date() }).payment;
      expect(payment?.qr?.kind ?? null, `${d.number} ${d.currency}`).toBe(expected[d.currency]);
      expect(payment?.lines.length, `${d.number} ${d.currency}`).toBeGreaterThan(0);
    }
  });
});
