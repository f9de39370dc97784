import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/http/server.ts';
import { testApp, tenant, type Tenant, type TestClock } from './support/app.ts';
import { testDatabase } from './support/database.ts';
import { camt, fixture, footprint, romanianMapping, seedInvoices, upload } from './banking-setup.ts';

// Saved CSV mappings (one per bank) and the accounts customers pay from.

let database: Awaited<ReturnType<typeof testDatabase>>;
let app: App;
let clock: TestClock;
let t: Tenant;

beforeAll(async () => {
  database = await testDatabase();
  ({ app, clock } = await testApp(database, '2025-03-20T09:00:00Z'));
  t = await tenant(database, app, clock);
});
afterAll(async () => {
  await app.close();
  await database.dispose();
});

describe('CSV mappings', () => {
  let id: string;

  it('are saved, listed, read, changed and deleted, each change in the event log', async () => {
    const created = await t.call('POST', '/api/v1/bank-csv-mappings', { name: '  Banca Transilvania  ', mapping: romanianMapping, accountIban: 'ro49 btrl 0130 1202 9256 89xx' });
    expect(created.statusCode, created.body).toBe(201);
    id = created.json().id;
    expect(created.json()).toMatchObject({ name: 'Banca Transilvania', accountIban: 'RO49BTRL01301202925689XX', mapping: romanianMapping });

    expect((await t.call('GET', '/api/v1/bank-csv-mappings')).json().data.map((m: { id: string }) => m.id)).toEqual([id]);
    expect((await t.call('GET', `/api/v1/bank-csv-mappings/${id}`)).json().name).toBe('Banca Transilvania');

    const renamed = await t.call('PATCH', `/api/v1/bank-csv-mappings/${id}`, { name: 'BT RON', accountIban: null });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'BT RON', accountIban: null, mapping: romanianMapping });

    const events = (await t.call('GET', `/api/v1/events?entityId=${id}`)).json().data.map((e: { action: string }) => e.action);
    expect(events).toEqual(['bank_csv_mapping.updated', 'bank_csv_mapping.created']);
  });

  it('refuse a taken name (whatever its case), an invalid mapping or account, and change nothing', async () => {
    const before = await footprint(t);
    const cases: [string, string, unknown, number, string, string][] = [
      ['POST', '/api/v1/bank-csv-mappings', { name: 'bt ron', mapping: romanianMapping }, 409, 'CSV_MAPPING_NAME_TAKEN', 'name'],
      ['POST', '/api/v1/bank-csv-mappings', { name: 'X', mapping: { ...romanianMapping, columns: { bookingDate: 'd' } } }, 422, 'STATEMENT_MAPPING_INVALID', 'mapping.columns.amount'],
      ['POST', '/api/v1/bank-csv-mappings', { name: 'X', mapping: { ...romanianMapping, encoding: 'ebcdic' } }, 422, 'STATEMENT_MAPPING_INVALID', 'mapping.encoding'],
      ['POST', '/api/v1/bank-csv-mappings', { name: 'X', mapping: romanianMapping, accountIban: '12-3' }, 400, 'INVALID_BANK_ACCOUNT', 'accountIban'],
      ['POST', '/api/v1/bank-csv-mappings', { name: '   ', mapping: romanianMapping }, 400, 'INVALID_NAME', 'name'],
      ['POST', '/api/v1/bank-csv-mappings', { name: 'X', mapping: 'not an object' }, 400, 'VALIDATION_FAILED', 'mapping'],
      ['PATCH', `/api/v1/bank-csv-mappings/${id}`, { mapping: { ...romanianMapping, decimalSeparator: ';' } }, 422, 'STATEMENT_MAPPING_INVALID', 'mapping.decimalSeparator'],
      ['PATCH', `/api/v1/bank-csv-mappings/${id}`, {}, 400, 'VALIDATION_FAILED', 'body'],
      ['PATCH', '/api/v1/bank-csv-mappings/0190a4f0-0000-7000-8000-000000000000', { name: 'Y' }, 404, 'CSV_MAPPING_NOT_FOUND', 'id'],
    ];
    for (const [method, url, body, status, code, field] of cases) {
      const r = await t.call(method as 'POST', url, body);
      expect([r.statusCode, r.json().error.code, r.json().error.field], JSON.stringify(body)).toEqual([status, code, field]);
    }
    expect(await footprint(t)).toEqual(before);
  });

  it('are used by name from the API upload and give each file the account the mapping names', async () => {
    await t.call('PATCH', `/api/v1/bank-csv-mappings/${id}`, { accountIban: 'RO49BTRL01301202925689XX' });
    const r = await upload(app, t, fixture('csv-ro-bt.csv'), 'text/csv', { mappingId: id, dryRun: 'true' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().statement).toMatchObject({ format: 'csv', accountIban: 'RO49BTRL01301202925689XX', lines: { total: 5 } });
  });

  it('are deleted', async () => {
    const r = await t.call('DELETE', `/api/v1/bank-csv-mappings/${id}`);
    expect(r.statusCode).toBe(200);
    expect((await t.call('GET', `/api/v1/bank-csv-mappings/${id}`)).statusCode).toBe(404);
    expect((await t.call('DELETE', `/api/v1/bank-csv-mappings/${id}`)).statusCode).toBe(404);
  });
});

describe('customer bank accounts', () => {
  it('are registered without spaces, refused when malformed or known, and used to recognize the payer', async () => {
    const { customers, invoices } = await seedInvoices(t, [{ number: 'INV-P1', customer: 'Payer By Account Ltd', amount: '88.00', currency: 'EUR' }]);
    const customerId = customers.get('Payer By Account Ltd')!;
    const url = `/api/v1/customers/${customerId}/bank-accounts`;
    const added = await t.call('POST', url, { account: 'gb29 nwbk 6016 1331 9268 19' });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ customerId, account: 'GB29NWBK60161331926819', source: 'manual' });
    expect((await t.call('POST', url, { account: 'GB29NWBK60161331926819' })).json().error.code).toBe('BANK_ACCOUNT_ALREADY_REGISTERED');
    expect((await t.call('POST', url, { account: '1234' })).json().error).toMatchObject({ code: 'INVALID_BANK_ACCOUNT', field: 'account' });
    expect((await t.call('POST', url, { account: '' })).statusCode).toBe(400);

    const r = await upload(app, t, camt([{ amount: '88.00', name: 'P. A. L.', iban: 'GB29NWBK60161331926819', text: 'March' }], { messageId: 'ACC' }), 'application/xml');
    expect(r.json().lines[0]).toMatchObject({ status: 'recorded', match: { rule: 'PAYER_AMOUNT' }, customerId });
    expect((await t.call('GET', `/api/v1/invoices/${invoices.get('INV-P1')}`)).json().status).toBe('paid');

    const removed = await t.call('DELETE', `${url}/${added.json().id}`);
    expect(removed.statusCode).toBe(200);
    expect((await t.call('GET', url)).json().data).toEqual([]);
    expect((await t.call('DELETE', `${url}/${added.json().id}`)).json().error.code).toBe('BANK_ACCOUNT_NOT_FOUND');
    const events = (await t.call('GET', `/api/v1/events?entityId=${customerId}`)).json().data.map((e: { action: string }) => e.action);
    expect(events.slice(0, 2)).toEqual(['customer.bank_account_removed', 'customer.bank_account_added']);
  });
});

describe('the API description', () => {
  it('documents the bank-statement endpoints', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(r.statusCode).toBe(200);
    const paths = Object.keys(r.json().paths);
    for (const path of ['/api/v1/bank-statements', '/api/v1/bank-statements/{id}', '/api/v1/bank-transactions', '/api/v1/bank-transactions/{id}/confirm', '/api/v1/bank-transactions/{id}/ignore', '/api/v1/bank-csv-mappings/{id}', '/api/v1/customers/{id}/bank-accounts'])
      expect(paths).toContain(path);
  });
});
