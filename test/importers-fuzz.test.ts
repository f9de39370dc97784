import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/http/server.ts';
import { importCustomers } from '../src/services/import-customers.ts';
import { importInvoices } from '../src/services/import-invoices.ts';
import { testApp, tenant, type Tenant, type TestClock } from './support/app.ts';
import { testDatabase } from './support/database.ts';
import { camt, fixture, footprint, seedInvoices, upload } from './banking-setup.ts';

// Property-based fuzzing of every file importer: valid files cut, spliced and salted with hostile text, and
// CSV rows of arbitrary cells. Whatever comes in, the answer is a result with a stable code (never an
// exception, never a 5xx), and a refused file writes nothing at all.

let database: Awaited<ReturnType<typeof testDatabase>>;
let app: App;
let clock: TestClock;
let t: Tenant;

beforeAll(async () => {
  database = await testDatabase();
  ({ app, clock } = await testApp(database, '2025-03-20T09:00:00Z'));
  t = await tenant(database, app, clock);
  await seedInvoices(t, [{ number: 'INV-2025-0004', customer: 'Mueller und Soehne GmbH', amount: '2380.00', currency: 'EUR' }]);
});
afterAll(async () => {
  await app.close();
  await database.dispose();
});

const HOSTILE = [
  "'; drop table invoices; --",
  '<script>alert(1)</script>',
  '=HYPERLINK("http://evil.example")',
  '\u0000',
  '\uFEFF',
  '\u202E',
  '🧾'.repeat(50),
  '99999999999999999999999',
  '-0',
  'NaN',
  '1e308',
  '"',
  '\r\n',
  '&amp;<![CDATA[',
  '%s%n',
];
const hostile = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }));

/** A valid file, damaged: cut short, a hostile string spliced in, a byte flipped, or a slice repeated. */
function damaged(valid: string) {
  const at = fc.nat({ max: valid.length });
  return fc.oneof(
    at.map((k) => valid.slice(0, k)),
    fc.tuple(at, hostile).map(([k, s]) => valid.slice(0, k) + s + valid.slice(k)),
    fc.tuple(at, fc.integer({ min: 1, max: 0xffff })).map(([k, c]) => valid.slice(0, k) + String.fromCharCode(c) + valid.slice(k + 1)),
    fc.tuple(at, at).map(([a, b]) => valid.slice(0, Math.max(a, b)) + valid.slice(Math.min(a, b))),
  );
}

const csvMapping = JSON.stringify({ hasHeader: true, dateFormat: 'YYYY-MM-DD', decimalSeparator: '.', currency: 'EUR', columns: { bookingDate: 'date', amount: 'amount', remittance: 'text' } });
const STATEMENTS = [
  { format: 'CAMT.053', type: 'application/xml', valid: camt([{ amount: '2380.00', text: 'INV-2025-0004' }, { amount: '12.50' }]), query: {} },
  { format: 'MT940', type: 'text/plain', valid: fixture('mt940-de.sta').toString('latin1'), query: { encoding: 'windows-1252' } },
  { format: 'CSV', type: 'text/csv', valid: 'date,amount,text\n2025-03-14,2380.00,INV-2025-0004\n2025-03-15,12.50,thanks\n', query: { mapping: csvMapping } },
] as const;

describe('bank statements, damaged', () => {
  it.each(STATEMENTS)('$format: a clear answer for every damaged file, never a 5xx, and a dry run writes nothing', async ({ type, valid, query }) => {
    const before = await footprint(t);
    await fc.assert(
      fc.asyncProperty(damaged(valid), async (content) => {
        const r = await upload(app, t, content, type, { ...query, dryRun: 'true' });
        expect(r.statusCode, r.body).toBeLessThan(500);
        if (r.statusCode >= 400) expect(r.json().error.code).toMatch(/^[A-Z][A-Z0-9_]+$/u);
      }),
      { numRuns: 40 },
    );
    expect(await footprint(t)).toEqual(before);
  });
});

const cell = fc.oneof(hostile, fc.constantFrom('', 'EUR', 'VND', '2025-02-30', '2025-06-01', '12.50', '-1', 'net_30', 'x@y.z', 'AE', 'e', 'O', 'VATEX-EU-132-1I', 'VATEX-EU-IC'));
const rows = (columns: number) => fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), { minLength: 1, maxLength: 6 });
const csvOf = (header: readonly string[], body: readonly (readonly string[])[]) =>
  [header.join(','), ...body.map((r) => r.map((c) => `"${c.replaceAll('"', '""')}"`).join(','))].join('\n');

describe('CSV imports of arbitrary cells', () => {
  const customerColumns = ['external_ref', 'name', 'email', 'phone', 'locale', 'time_zone', 'currency', 'payment_terms', 'credit_limit'];
  const invoiceColumns = ['invoice_number', 'customer_ref', 'issue_date', 'due_date', 'currency', 'description', 'quantity', 'unit_price', 'tax_rate', 'tax_category', 'tax_exemption_code', 'tax_exemption_reason'];

  it.each([
    ['customers', customerColumns, importCustomers],
    ['invoices', invoiceColumns, importInvoices],
  ] as const)('%s: a result with a code for every file, and a refused file imports nothing', async (_kind, columns, importer) => {
    await fc.assert(
      fc.asyncProperty(rows(columns.length), async (body) => {
        const before = await footprint(t);
        const customersBefore = (await t.call('GET', '/api/v1/customers?limit=500')).json().data.length;
        const result = await importer(t.ctx, csvOf(columns, body));
        if (!result.ok) {
          expect(result.code).toMatch(/^[A-Z][A-Z0-9_]+$/u);
          expect(await footprint(t)).toEqual(before);
          expect((await t.call('GET', '/api/v1/customers?limit=500')).json().data.length).toBe(customersBefore);
        }
      }),
      { numRuns: 30 },
    );
  });
});
