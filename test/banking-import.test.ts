import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/http/server.ts';
import { testApp, tenant, type TestClock } from './support/app.ts';
import { testDatabase } from './support/database.ts';
import { camt, fixture, invoice, romanianMapping, russianMapping, seedInvoices, upload, vietnameseMapping } from './banking-setup.ts';

// Each bank format end to end through the API: the file goes in, sure matches come out as payments on
// paid invoices in the same request, the rest is listed for a person.

let database: Awaited<ReturnType<typeof testDatabase>>;
let app: App;
let clock: TestClock;

beforeAll(async () => {
  database = await testDatabase();
  ({ app, clock } = await testApp(database, '2025-03-20T09:00:00Z'));
});
afterAll(async () => {
  await app.close();
  await database.dispose();
});

describe('CAMT.053 (Romanian bank, v02)', () => {
  it('records the referenced invoices as paid at once, partial included, and leaves the bank fee alone', async () => {
    const t = await tenant(database, app, clock, { baseCurrency: 'RON' });
    const { invoices } = await seedInvoices(t, [
      { number: 'INV-2025-0001', customer: 'Acme Trading SRL', amount: '1190.00', currency: 'RON' },
      { number: 'INV-2025-0002', customer: 'Alfa Construct SRL', amount: '800.00', currency: 'RON' },
      { number: 'INV-2025-0003', customer: 'Beta Soft SRL', amount: '250.00', currency: 'RON' },
      // Its RF reference, built from the number, is the RF18 5390 0754 7034 the payer quoted.
      { number: '5390-0754-7034', customer: 'Gamma Retail SA', amount: '250.00', currency: 'RON' },
    ]);

    const r = await upload(app, t, fixture('camt053-v02-ro.xml'), 'application/xml');
    expect(r.statusCode, r.body).toBe(201);
    const body = r.json();
    expect(body.statement).toMatchObject({
      format: 'camt053',
      accountIban: 'RO49BTRL01301202925689XX',
      currency: 'RON',
      statementId: 'RO49BTRL01301202925689XX-20250314',
      lines: { total: 5, known: 0, recorded: 4, review: 0, unmatched: 0, ignored: 1 },
    });
    expect(body.lines.map((l: { status: string; match: { rule: string; reason: string } }) => [l.status, l.match.rule, l.match.reason])).toEqual([
      ['recorded', 'INVOICE_NUMBER', 'PAID_IN_FULL'],
      ['recorded', 'INVOICE_NUMBER', 'PARTIAL_PAYMENT'],
      ['recorded', 'INVOICE_NUMBER', 'PAID_IN_FULL'],
      ['ignored', 'NONE', 'NOT_A_CREDIT'],
      ['recorded', 'RF_REFERENCE', 'PAID_IN_FULL'],
    ]);

    expect(await invoice(t, invoices.get('INV-2025-0001')!)).toMatchObject({ status: 'paid', balance: 0 });
    expect(await invoice(t, invoices.get('INV-2025-0002')!)).toMatchObject({ status: 'partially_paid', balance: 30_000 });
    expect(await invoice(t, invoices.get('INV-2025-0003')!)).toMatchObject({ status: 'paid' });
    expect(await invoice(t, invoices.get('5390-0754-7034')!)).toMatchObject({ status: 'paid' });

    const payment = (await t.call('GET', `/api/v1/payments/${body.lines[0].paymentId}`)).json();
    expect(payment).toMatchObject({
      amount: 119_000, currency: 'RON', receivedOn: '2025-03-14', method: 'bank_transfer', source: 'bank', externalId: body.lines[0].fingerprint,
      reference: 'Plata factura INV-2025-0001', allocations: [{ invoiceId: invoices.get('INV-2025-0001'), amount: 119_000 }],
    });
    // The invoice became paid in the import's own transaction: its event log says so at the import's time.
    const events = (await t.call('GET', `/api/v1/events?entityId=${invoices.get('INV-2025-0001')}`)).json().data;
    expect(events[0]).toMatchObject({ action: 'invoice.payment_applied', occurredAt: '2025-03-20T09:00:00.000Z', after: { status: 'paid', balance: 0 } });
    const imported = (await t.call('GET', `/api/v1/events?entityId=${body.statement.id}`)).json().data;
    expect(imported.map((e: { action: string }) => e.action)).toEqual(['bank_statement.imported']);

    // The import is listed, and its lines can be paged through in booking order.
    expect((await t.call('GET', '/api/v1/bank-statements')).json().data.map((s: { id: string }) => s.id)).toEqual([body.statement.id]);
    const firstPage = (await t.call('GET', `/api/v1/bank-statements/${body.statement.id}?limit=3`)).json();
    expect(firstPage.statement).toEqual(body.statement);
    expect(firstPage.transactions.data.map((l: { id: string }) => l.id)).toEqual(body.lines.slice(0, 3).map((l: { id: string }) => l.id));
    const secondPage = (await t.call('GET', `/api/v1/bank-statements/${body.statement.id}?limit=3&cursor=${firstPage.transactions.nextCursor}`)).json();
    expect(secondPage.transactions).toEqual({ data: body.lines.slice(3), nextCursor: null });
    expect((await t.call('GET', `/api/v1/bank-statements/${body.statement.id}?cursor=nonsense`)).statusCode).toBe(400);

    // The payer's account is remembered for next time.
    const customerId = payment.customerId;
    const accounts = (await t.call('GET', `/api/v1/customers/${customerId}/bank-accounts`)).json();
    expect(accounts.data).toMatchObject([{ account: 'RO66BACX0000001234567890', source: 'statement' }]);
  });
});

describe('RF references', () => {
  it('match the reference the invoice API publishes, even for a number too long to carry whole', async () => {
    const t = await tenant(database, app, clock);
    const { invoices } = await seedInvoices(t, [
      { number: 'PROJECT-ALPHA-2025-000000123', customer: 'Long Numbers GmbH', amount: '64.00', currency: 'EUR' },
      { number: 'PROJECT-ALPHA-2025-000000124', customer: 'Long Numbers GmbH', amount: '64.00', currency: 'EUR' },
    ]);
    const published = (await invoice(t, invoices.get('PROJECT-ALPHA-2025-000000124')!)).paymentReference as string;
    expect(published).toMatch(/^RF\d{2}[0-9A-Z]{21}$/);
    const printed = published.replace(/(.{4})/g, '$1 ').trim();
    const r = await upload(app, t, camt([{ amount: '64.00', name: 'Long Numbers GmbH', text: `Ref ${printed}` }]), 'application/xml');
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().lines[0]).toMatchObject({ status: 'recorded', match: { rule: 'RF_REFERENCE', allocations: [{ invoiceNumber: 'PROJECT-ALPHA-2025-000000124' }] } });
  });
});

describe('CAMT.053 (German bank, v08)', () => {
  it('finds a number split across two remittance lines and one given as a referred document', async () => {
    const t = await tenant(database, app, clock);
    const { invoices } = await seedInvoices(t, [
      { number: 'INV-2025-0004', customer: 'Müller & Söhne GmbH', amount: '1500.00', currency: 'EUR' },
      { number: 'INV-2025-0005', customer: 'Müller & Söhne GmbH', amount: '880.00', currency: 'EUR', dueDate: '2025-03-15' },
      { number: 'INV-2025-0006', customer: 'Bäckerei Schmidt', amount: '39.90', currency: 'EUR' },
    ]);
    const r = await upload(app, t, fixture('camt053-v08-de.xml'), 'text/xml');
    expect(r.statusCode, r.body).toBe(201);
    const body = r.json();
    expect(body.statement).toMatchObject({ format: 'camt053', accountIban: 'DE89370400440532013000', lines: { total: 3, recorded: 2, ignored: 1 } });
    expect(body.lines[1]).toMatchObject({ status: 'ignored', reversal: true, amount: -15_000, counterpartyName: 'Nguyễn Văn An' });
    for (const n of ['INV-2025-0004', 'INV-2025-0005', 'INV-2025-0006']) expect((await invoice(t, invoices.get(n)!)).status).toBe('paid');
  });
});

describe('MT940', () => {
  it('settles two invoices from one transfer and ignores the direct debit (German bank)', async () => {
    const t = await tenant(database, app, clock);
    const { invoices } = await seedInvoices(t, [
      { number: 'INV-2025-0004', customer: 'Mueller und Soehne GmbH', amount: '1500.00', currency: 'EUR' },
      { number: 'INV-2025-0005', customer: 'Mueller und Soehne GmbH', amount: '880.00', currency: 'EUR', dueDate: '2025-03-15' },
      { number: 'INV-2025-0006', customer: 'Baeckerei Schmidt', amount: '39.90', currency: 'EUR' },
    ]);
    const r = await upload(app, t, fixture('mt940-de.sta'), 'text/plain');
    expect(r.statusCode, r.body).toBe(201);
    const body = r.json();
    expect(body.statement).toMatchObject({ format: 'mt940', currency: 'EUR', lines: { total: 3, recorded: 2, ignored: 1 } });
    expect(body.lines[0].match.allocations).toEqual([
      { invoiceId: invoices.get('INV-2025-0004'), invoiceNumber: 'INV-2025-0004', amount: 150_000 },
      { invoiceId: invoices.get('INV-2025-0005'), invoiceNumber: 'INV-2025-0005', amount: 88_000 },
    ]);
    for (const n of ['INV-2025-0004', 'INV-2025-0005', 'INV-2025-0006']) expect((await invoice(t, invoices.get(n)!)).status).toBe('paid');
    const payments = (await t.call('GET', '/api/v1/payments')).json().data;
    expect(payments).toHaveLength(2);
  });

  it('records two identical transfers on one day as two payments (Dutch bank, two statements in one file)', async () => {
    const t = await tenant(database, app, clock);
    const { invoices } = await seedInvoices(t, [
      { number: 'INV-2025-0001', customer: 'J. de Vries', amount: '119.00', currency: 'EUR' },
      { number: 'INV-2025-0007', customer: 'J. de Vries', amount: '238.00', currency: 'EUR' },
    ]);
    const r = await upload(app, t, fixture('mt940-nl.sta'), 'application/octet-stream');
    expect(r.statusCode, r.body).toBe(201);
    const body = r.json();
    expect(body.statement.statements.map((s: { statementId: string }) => s.statementId)).toEqual(['25061', '25062']);
    expect(body.statement.lines).toMatchObject({ total: 3, recorded: 3 });
    expect(body.lines.map((l: { match: { reason: string } }) => l.match.reason)).toEqual(['PAID_IN_FULL', 'PARTIAL_PAYMENT', 'PAID_IN_FULL']);
    expect(await invoice(t, invoices.get('INV-2025-0007')!)).toMatchObject({ status: 'paid', amountPaid: 23_800 });
  });
});

describe('CSV with a saved mapping', () => {
  it('imports a Romanian export through a mapping saved per bank; the EUR line names no invoice and stays unmatched', async () => {
    const t = await tenant(database, app, clock, { baseCurrency: 'RON' });
    const { invoices } = await seedInvoices(t, [
      { number: 'INV-2025-0001', customer: 'Acme Trading SRL', amount: '1190.00', currency: 'RON' },
      { number: 'INV-2025-0002', customer: 'Alfa Construct SRL', amount: '500.00', currency: 'RON', dueDate: '2025-03-01' },
      { number: 'INV-2025-0003', customer: 'Alfa Construct SRL', amount: '250.00', currency: 'RON' },
    ]);
    const saved = await t.call('POST', '/api/v1/bank-csv-mappings', { name: 'Banca Transilvania RON', mapping: romanianMapping, accountIban: 'RO49 BTRL 0130 1202 9256 89XX' });
    expect(saved.statusCode, saved.body).toBe(201);

    const r = await upload(app, t, fixture('csv-ro-bt.csv'), 'text/csv', { mappingId: saved.json().id });
    expect(r.statusCode, r.body).toBe(201);
    const body = r.json();
    expect(body.statement).toMatchObject({ format: 'csv', accountIban: 'RO49BTRL01301202925689XX', lines: { total: 5, recorded: 2, ignored: 1, unmatched: 2 } });
    expect(body.lines.map((l: { status: string; match: { reason: string } }) => [l.status, l.match.reason])).toEqual([
      ['recorded', 'PAID_IN_FULL'],
      ['recorded', 'PAID_IN_FULL'],
      ['ignored', 'NOT_A_CREDIT'],
      ['unmatched', 'NO_MATCH'],
      ['unmatched', 'NO_MATCH'],
    ]);
    for (const n of ['INV-2025-0001', 'INV-2025-0002', 'INV-2025-0003']) expect((await invoice(t, invoices.get(n)!)).status).toBe('paid');
  });

  it('imports a Vietnamese export in dong with an inline mapping', async () => {
    const t = await tenant(database, app, clock, { baseCurrency: 'VND' });
    const { invoices } = await seedInvoices(t, [
      { number: 'INV-2025-0010', customer: 'Công ty TNHH Đại Phát', amount: '5000000', currency: 'VND' },
      { number: 'INV-2025-0011', customer: 'Nguyễn Văn An', amount: '7500000', currency: 'VND' },
      { number: 'INV-2025-0012', customer: 'Nguyễn Văn An', amount: '5000000', currency: 'VND', dueDate: '2025-03-12' },
    ]);
    const r = await upload(app, t, fixture('csv-vn-vcb.csv'), 'text/csv', { mapping: JSON.stringify(vietnameseMapping) });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().statement.lines).toMatchObject({ total: 3, recorded: 2, ignored: 1 });
    for (const n of ['INV-2025-0010', 'INV-2025-0011', 'INV-2025-0012']) expect((await invoice(t, invoices.get(n)!)).status).toBe('paid');
  });

  it('imports a windows-1251 Russian export as multipart form data', async () => {
    const t = await tenant(database, app, clock, { baseCurrency: 'RUB' });
    const { invoices } = await seedInvoices(t, [{ number: 'INV-2025-0011', customer: 'ООО Ромашка', amount: '15000.00', currency: 'RUB' }]);
    const boundary = '----punctual-test';
    const part = (headers: string, content: Buffer | string) => Buffer.concat([Buffer.from(`--${boundary}\r\n${headers}\r\n\r\n`), Buffer.from(content), Buffer.from('\r\n')]);
    const payload = Buffer.concat([
      part('Content-Disposition: form-data; name="mapping"', JSON.stringify(russianMapping)),
      part('Content-Disposition: form-data; name="file"; filename="vypiska.csv"\r\nContent-Type: text/csv', fixture('csv-ru-sber-1251.csv')),
      Buffer.from(`--${boundary}--\r\n`),
    ]);
    const r = await app.inject({ method: 'POST', url: '/api/v1/bank-statements', headers: { authorization: `Bearer ${t.key}`, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    expect(r.statusCode, r.body).toBe(201);
    const body = r.json();
    expect(body.statement).toMatchObject({ format: 'csv', fileName: 'vypiska.csv', currency: 'RUB', lines: { total: 3, recorded: 1, unmatched: 1, ignored: 1 } });
    expect(body.lines[0]).toMatchObject({ counterpartyName: 'ООО "Ромашка"', status: 'recorded' });
    expect((await invoice(t, invoices.get('INV-2025-0011')!)).status).toBe('paid');
  });
});
