import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/http/server.ts';
import { createApiKey } from '../src/services/organizations.ts';
import { testApp, tenant, type Tenant, type TestClock } from './support/app.ts';
import { testDatabase } from './support/database.ts';
import { camt, footprint, invoice, seedInvoices, upload } from './banking-setup.ts';

// Another organization's statements, lines, mappings and customer accounts do not exist for you: every
// id of theirs answers 404 and changes nothing. Roles limit who may import and decide.

let database: Awaited<ReturnType<typeof testDatabase>>;
let app: App;
let clock: TestClock;
let a: Tenant;
let b: Tenant;
const A: Record<string, string> = {};
const file = camt([
  { amount: '40.00', name: 'Kappa Ltd', text: 'INV-K1' },
  { amount: '70.00', name: 'Someone', text: 'no reference' },
]);

beforeAll(async () => {
  database = await testDatabase();
  ({ app, clock } = await testApp(database, '2025-03-20T09:00:00Z'));
  a = await tenant(database, app, clock);
  b = await tenant(database, app, clock);
  const seeded = await seedInvoices(a, [
    { number: 'INV-K1', customer: 'Kappa Ltd', amount: '40.00', currency: 'EUR' },
    { number: 'INV-K2', customer: 'Kappa Ltd', amount: '70.00', currency: 'EUR', dueDate: '2025-06-30' },
  ]);
  const imported = (await upload(app, a, file, 'application/xml')).json();
  A.statement = imported.statement.id;
  A.unmatched = imported.lines[1].id;
  A.invoice = seeded.invoices.get('INV-K2')!;
  A.customer = seeded.customers.get('Kappa Ltd')!;
  A.mapping = (await a.call('POST', '/api/v1/bank-csv-mappings', { name: 'Bank A', mapping: { hasHeader: true, dateFormat: 'YYYY-MM-DD', decimalSeparator: '.', currency: 'EUR', columns: { bookingDate: 'd', amount: 'a' } } })).json().id;
  A.account = (await a.call('POST', `/api/v1/customers/${A.customer}/bank-accounts`, { account: 'DE02120300000000202051' })).json().id;
});
afterAll(async () => {
  await app.close();
  await database.dispose();
});

describe("another organization's ids", () => {
  it('answer 404 on every bank-statement endpoint and change nothing', async () => {
    const beforeA = await footprint(a);
    const beforeB = await footprint(b);
    const calls: [string, string, unknown?][] = [
      ['GET', `/api/v1/bank-statements/${A.statement}`],
      ['GET', `/api/v1/bank-transactions/${A.unmatched}`],
      ['POST', `/api/v1/bank-transactions/${A.unmatched}/confirm`, { customerId: A.customer }],
      ['POST', `/api/v1/bank-transactions/${A.unmatched}/ignore`, { reason: 'not ours' }],
      ['GET', `/api/v1/bank-csv-mappings/${A.mapping}`],
      ['PATCH', `/api/v1/bank-csv-mappings/${A.mapping}`, { name: 'stolen' }],
      ['DELETE', `/api/v1/bank-csv-mappings/${A.mapping}`],
      ['GET', `/api/v1/customers/${A.customer}/bank-accounts`],
      ['POST', `/api/v1/customers/${A.customer}/bank-accounts`, { account: 'NL91ABNA0417164300' }],
      ['DELETE', `/api/v1/customers/${A.customer}/bank-accounts/${A.account}`],
    ];
    for (const [method, url, body] of calls) {
      const r = await b.call(method as 'GET', url, body);
      expect(r.statusCode, `${method} ${url}: ${r.body}`).toBe(404);
    }
    const withMapping = await upload(app, b, 'd,a\n2025-03-14,1.00\n', 'text/csv', { mappingId: A.mapping! });
    expect([withMapping.statusCode, withMapping.json().error.code]).toEqual([404, 'CSV_MAPPING_NOT_FOUND']);
    expect(await footprint(a)).toEqual(beforeA);
    expect(await footprint(b)).toEqual(beforeB);
    expect((await a.call('GET', `/api/v1/bank-transactions/${A.unmatched}`)).json().status).toBe('unmatched');
  });

  it('are not listed', async () => {
    for (const url of ['/api/v1/bank-statements', '/api/v1/bank-transactions', '/api/v1/bank-csv-mappings']) expect((await b.call('GET', url)).json().data).toEqual([]);
    expect((await b.call('GET', `/api/v1/bank-transactions?statementId=${A.statement}`)).json().data).toEqual([]);
  });

  it('cannot be paid by confirming one of your own lines', async () => {
    const own = (await upload(app, b, camt([{ amount: '70.00', name: 'Someone' }], { messageId: 'B' }), 'application/xml')).json();
    const r = await b.call('POST', `/api/v1/bank-transactions/${own.lines[0].id}/confirm`, { allocations: [{ invoiceId: A.invoice, amount: 7_000 }] });
    expect([r.statusCode, r.json().error.code]).toEqual([404, 'INVOICE_NOT_FOUND']);
    const asCustomer = await b.call('POST', `/api/v1/bank-transactions/${own.lines[0].id}/confirm`, { customerId: A.customer });
    expect([asCustomer.statusCode, asCustomer.json().error.code]).toEqual([404, 'CUSTOMER_NOT_FOUND']);
    expect(await invoice(a, A.invoice!)).toMatchObject({ status: 'open', balance: 7_000 });
  });

  it('do not make the same file a duplicate, nor its lines known, nor match your statement', async () => {
    const r = await upload(app, b, file, 'application/xml');
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().statement.lines).toMatchObject({ total: 2, known: 0, recorded: 0, unmatched: 2 });
    expect(await invoice(a, A.invoice!)).toMatchObject({ status: 'open' });
  });
});

describe('roles', () => {
  it('let a viewer read but not import or decide, and a collector not touch money', async () => {
    const viewer = (await createApiKey(database.db, clock, a.orgId, 'viewer', 'viewer')).key;
    const collector = (await createApiKey(database.db, clock, a.orgId, 'collector', 'collector')).key;
    const as = (key: string, method: 'GET' | 'POST', url: string, payload?: object) =>
      app.inject({ method, url, headers: { authorization: `Bearer ${key}` }, ...(payload ? { payload } : {}) });
    expect((await as(viewer, 'GET', '/api/v1/bank-transactions?status=unmatched')).statusCode).toBe(200);
    expect((await as(viewer, 'GET', `/api/v1/bank-statements/${A.statement}`)).statusCode).toBe(200);
    const denied = await app.inject({ method: 'POST', url: '/api/v1/bank-statements', headers: { authorization: `Bearer ${viewer}`, 'content-type': 'application/xml' }, payload: file });
    expect(denied.statusCode).toBe(403);
    expect((await as(viewer, 'POST', `/api/v1/bank-transactions/${A.unmatched}/ignore`, { reason: 'x' })).statusCode).toBe(403);
    expect((await as(collector, 'POST', `/api/v1/bank-transactions/${A.unmatched}/confirm`, { customerId: A.customer })).statusCode).toBe(403);
    expect((await as(collector, 'POST', '/api/v1/bank-csv-mappings', { name: 'x', mapping: {} })).statusCode).toBe(403);
    expect((await a.call('GET', `/api/v1/bank-transactions/${A.unmatched}`)).json().status).toBe('unmatched');
  });

  it('refuse anonymous uploads before reading the body', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/bank-statements', headers: { 'content-type': 'application/xml' }, payload: file });
    expect(r.statusCode).toBe(401);
  });
});
