import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/http/server.ts';
import { testApp, tenant, type Tenant } from './support/app.ts';
import { testDatabase } from './support/database.ts';

let database: Awaited<ReturnType<typeof testDatabase>>;
let app: App;
let t: Tenant;
let other: Tenant;
let customerId: string;
let invoiceId: string;

beforeAll(async () => {
  database = await testDatabase();
  const started = await testApp(database);
  app = started.app;
  t = await tenant(database, app, started.clock);
  other = await tenant(database, app, started.clock, { name: 'Other Org' });
  customerId = (await t.call('POST', '/api/v1/customers', { name: 'Target', currency: 'EUR' })).json().id;
  invoiceId = (await t.call('POST', '/api/v1/invoices', { customerId, issue: true, lines: [{ description: 'x', quantity: 1, unitPrice: 1_000 }] })).json().id;
});
afterAll(async () => {
  await app.close();
  await database.dispose();
});

/** Everything a request can change, so a refused request can be shown to have changed nothing. */
async function snapshot(who: Tenant = t) {
  const [customers, invoices, payments, events] = await Promise.all(
    ['/api/v1/customers', '/api/v1/invoices', '/api/v1/payments', '/api/v1/events'].map(async (p) => (await who.call('GET', `${p}?limit=500`)).json().data),
  );
  return JSON.stringify({ customers, invoices, payments, events });
}

async function refused(method: 'POST' | 'PATCH', url: string, body: unknown, code: string, field?: string, status?: number) {
  const before = await snapshot();
  const r = await t.call(method, url, body);
  expect(r.statusCode, r.body).toBe(status ?? (r.statusCode >= 400 && r.statusCode < 500 ? r.statusCode : 400));
  expect(r.statusCode).toBeGreaterThanOrEqual(400);
  expect(r.statusCode).toBeLessThan(500);
  expect(r.json().error.code).toBe(code);
  if (field) expect(r.json().error.field).toBe(field);
  expect(await snapshot()).toBe(before);
}

describe('bad input gets a clear 4xx naming the field and changes nothing', () => {
  it('wrong currency code', async () => {
    await refused('POST', '/api/v1/customers', { name: 'X', currency: 'EURO' }, 'VALIDATION_FAILED', 'currency', 400);
    await refused('POST', '/api/v1/customers', { name: 'X', currency: 'XXX' }, 'INVALID_CURRENCY', 'currency', 400);
    await refused('POST', '/api/v1/invoices', { customerId, currency: 'ABC', lines: [{ description: 'x', quantity: 1, unitPrice: 1 }] }, 'INVALID_CURRENCY', 'currency', 400);
  });

  it('negative or malformed quantity, negative price', async () => {
    await refused('POST', '/api/v1/invoices', { customerId, lines: [{ description: 'x', quantity: '-1', unitPrice: 100 }] }, 'INVALID_QUANTITY', 'lines[0].quantity', 400);
    await refused('POST', '/api/v1/invoices', { customerId, lines: [{ description: 'x', quantity: '1.23456', unitPrice: 100 }] }, 'INVALID_QUANTITY', 'lines[0].quantity', 400);
    await refused('POST', '/api/v1/invoices', { customerId, lines: [{ description: 'x', quantity: 1, unitPrice: -5 }] }, 'VALIDATION_FAILED', 'lines[0].unitPrice', 400);
    await refused('POST', '/api/v1/invoices', { customerId, lines: [{ description: 'x', quantity: 1, unitPrice: 1.5 }] }, 'VALIDATION_FAILED', 'lines[0].unitPrice', 400);
  });

  it('a payment in another currency than the invoice', async () => {
    await refused('POST', '/api/v1/payments', { customerId, amount: 500, currency: 'USD', receivedOn: '2025-06-01', method: 'cash', allocations: [{ invoiceId, amount: 500 }] }, 'CURRENCY_MISMATCH', 'allocations[0].invoiceId', 422);
  });

  it('allocating more than a balance or than the payment', async () => {
    await refused('POST', '/api/v1/payments', { customerId, amount: 5_000, currency: 'EUR', receivedOn: '2025-06-01', method: 'cash', allocations: [{ invoiceId, amount: 1_001 }] }, 'ALLOCATION_EXCEEDS_BALANCE', 'allocations[0].amount', 422);
    await refused('POST', '/api/v1/payments', { customerId, amount: 500, currency: 'EUR', receivedOn: '2025-06-01', method: 'cash', allocations: [{ invoiceId, amount: 600 }] }, 'ALLOCATION_EXCEEDS_PAYMENT', 'allocations', 422);
  });

  it('editing an issued invoice', async () => {
    await refused('PATCH', `/api/v1/invoices/${invoiceId}`, { notes: 'changed' }, 'INVOICE_NOT_DRAFT', 'invoiceId', 409);
  });

  it('an unknown customer, and another organization\'s customer', async () => {
    const missing = '01900000-0000-7000-8000-000000000000';
    await refused('POST', '/api/v1/invoices', { customerId: missing, lines: [{ description: 'x', quantity: 1, unitPrice: 1 }] }, 'CUSTOMER_NOT_FOUND', 'customerId', 404);
    const theirs = (await other.call('POST', '/api/v1/customers', { name: 'Theirs', currency: 'EUR' })).json().id;
    await refused('POST', '/api/v1/invoices', { customerId: theirs, lines: [{ description: 'x', quantity: 1, unitPrice: 1 }] }, 'CUSTOMER_NOT_FOUND', 'customerId', 404);
    expect((await t.call('GET', `/api/v1/customers/${theirs}`)).statusCode).toBe(404);
    expect((await other.call('GET', `/api/v1/invoices/${invoiceId}`)).statusCode).toBe(404);
    const before = await snapshot();
    expect((await other.call('POST', `/api/v1/invoices/${invoiceId}/void`, { reason: 'x' })).statusCode).toBe(404);
    expect((await other.call('PATCH', `/api/v1/customers/${customerId}`, { name: 'Stolen' })).statusCode).toBe(404);
    expect(await snapshot()).toBe(before);
  });

  it('unknown fields, wrong types, bad dates, bad JSON, oversized bodies', async () => {
    await refused('POST', '/api/v1/customers', { name: 'X', nmae: 'typo' }, 'VALIDATION_FAILED', 'nmae', 400);
    await refused('POST', '/api/v1/customers', { name: 42 }, 'VALIDATION_FAILED', 'name', 400);
    await refused('POST', '/api/v1/invoices', { customerId, issueDate: '2025-02-30', lines: [{ description: 'x', quantity: 1, unitPrice: 1 }] }, 'INVALID_DATE', 'issueDate', 400);
    await refused('POST', '/api/v1/invoices', { customerId, issueDate: '2025-06-10', dueDate: '2025-06-01', lines: [{ description: 'x', quantity: 1, unitPrice: 1 }] }, 'DUE_BEFORE_ISSUE', 'dueDate', 422);
    const bad = await app.inject({ method: 'POST', url: '/api/v1/customers', headers: { authorization: `Bearer ${t.key}`, 'content-type': 'application/json' }, payload: '{"name":' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('INVALID_JSON');
    const huge = await app.inject({ method: 'POST', url: '/api/v1/customers', headers: { authorization: `Bearer ${t.key}`, 'content-type': 'application/json' }, payload: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(huge.statusCode).toBe(413);
    expect((await t.call('GET', '/api/v1/invoices?cursor=garbage')).json().error.code).toBe('INVALID_CURSOR');
    expect((await t.call('GET', '/api/v1/invoices?limit=100000')).statusCode).toBe(400);
  });

  it('refuses requests without a valid key', async () => {
    for (const authorization of ['', 'Bearer', 'Bearer pk_x', `Bearer ${t.key}x`, `Basic ${t.key}`, `Bearer ${t.key.slice(0, -1)}${t.key.endsWith('A') ? 'B' : 'A'}`]) {
      const r = await app.inject({ method: 'GET', url: '/api/v1/invoices', headers: { authorization } });
      expect(r.statusCode).toBe(401);
      expect(r.json().error.code).toBe('UNAUTHENTICATED');
    }
  });
});

describe('hostile payloads never cause a 5xx or a partial write', () => {
  const hostileString = fc.oneof(
    fc.constantFrom("'; drop table invoices; --", '<script>alert(1)</script>', '\u0000', '\u202e', '𝕏'.repeat(300), '../../etc/passwd', '{"$gt":""}', 'NaN', '1e400'),
    fc.string({ maxLength: 300 }),
    fc.string({ unit: 'grapheme', maxLength: 50 }),
  );
  const anyValue = fc.oneof(hostileString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.bigInt().map(String), fc.array(fc.string(), { maxLength: 3 }));

  it('customers and invoices', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ name: anyValue, currency: anyValue, locale: anyValue, timeZone: anyValue, paymentTerms: anyValue, creditLimit: anyValue, tags: anyValue }, { requiredKeys: [] }),
        fc.record({ description: anyValue, quantity: anyValue, unitPrice: anyValue, taxRateBp: anyValue, discountBp: anyValue }, { requiredKeys: [] }),
        async (customer, line) => {
          const c = await t.call('POST', '/api/v1/customers', customer);
          expect(c.statusCode).toBeLessThan(500);
          const i = await t.call('POST', '/api/v1/invoices', { customerId, issue: true, lines: [line] });
          expect(i.statusCode).toBeLessThan(500);
          if (i.statusCode === 201) expect(i.json().total).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('payments', async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(fc.record({ customerId: anyValue, amount: anyValue, currency: anyValue, receivedOn: anyValue, method: anyValue, allocations: anyValue }, { requiredKeys: [] }), async (body) => {
        const r = await t.call('POST', '/api/v1/payments', body);
        expect(r.statusCode).toBeGreaterThanOrEqual(400);
        expect(r.statusCode).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
    expect(await snapshot()).toBe(before);
  });
});

describe('security headers', () => {
  it('are on pages, API answers and errors alike', async () => {
    for (const r of [await app.inject({ url: '/' }), await t.call('GET', '/api/v1/invoices'), await app.inject({ url: '/api/v1/nope' })]) {
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['x-frame-options']).toBe('DENY');
      expect(r.headers['content-security-policy']).toContain("default-src 'self'");
      expect(r.headers['referrer-policy']).toBe('no-referrer');
    }
  });
});
