import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/http/server.ts';
import { testApp, tenant, type Tenant, type TestClock } from './support/app.ts';
import { testDatabase } from './support/database.ts';
import { camt, footprint, invoice, seedInvoices, upload } from './banking-setup.ts';

// What is not sure waits for a person: the review queue with its candidates, confirming with chosen
// allocations (one payment, the invoice paid, the line recorded), ignoring, and every refusal on the way.

let database: Awaited<ReturnType<typeof testDatabase>>;
let app: App;
let clock: TestClock;
let t: Tenant;
let ids: Map<string, string>;
let customers: Map<string, string>;
let lines: Record<string, { id: string; status: string; fingerprint: string; match: Record<string, unknown>; statusReason: string | null }>;

beforeAll(async () => {
  database = await testDatabase();
  ({ app, clock } = await testApp(database, '2025-03-20T09:00:00Z'));
  t = await tenant(database, app, clock);
  ({ invoices: ids, customers } = await seedInvoices(t, [
    { number: 'INV-A1', customer: 'Orion Labs', amount: '500.00', currency: 'EUR', dueDate: '2025-03-10' },
    { number: 'INV-B1', customer: 'Vega GmbH', amount: '500.00', currency: 'EUR', dueDate: '2025-03-25' },
    { number: 'INV-C1', customer: 'Sirius BV', amount: '320.00', currency: 'EUR' },
    { number: 'INV-D1', customer: 'Pollux Inc', amount: '75.00', currency: 'USD' },
    { number: 'INV-E1', customer: 'Orion Labs', amount: '100.00', currency: 'EUR', dueDate: '2025-04-30' },
    { number: 'INV-F1', customer: 'Orion Labs', amount: '200.00', currency: 'EUR', dueDate: '2025-05-30' },
    { number: 'INV-G1', customer: 'Altair SA', amount: '70.00', currency: 'EUR', dueDate: '2025-06-30' },
    { number: 'INV-H1', customer: 'Deneb Co', amount: '400.00', currency: 'EUR' },
    { number: 'INV-I1', customer: 'Rigel Co', amount: '600.00', currency: 'EUR' },
  ]));
  const registered = await t.call('POST', `/api/v1/customers/${customers.get('Sirius BV')}/bank-accounts`, { account: 'NL91 ABNA 0417 1643 00' });
  expect(registered.statusCode, registered.body).toBe(201);

  const r = await upload(app, t, camt([
    { amount: '500.00', name: 'Unknown Payer' },
    { amount: '320.00', name: 'S. B.V.', iban: 'NL91ABNA0417164300' },
    { amount: '75.00', name: 'Pollux Inc', text: 'Payment INV-D1' },
    { amount: '999.99', name: 'Nobody We Know', text: 'thanks' },
    { amount: '1000.00', name: 'Holding AG', text: 'INV-H1 and INV-I1' },
    { amount: '130.00', name: 'Orion Labs', text: 'INV-E1' },
    { amount: '12.00', debit: true, name: 'Bank', text: 'Fee' },
  ]), 'application/xml');
  expect(r.statusCode, r.body).toBe(201);
  const body = r.json();
  lines = Object.fromEntries(['amountOnly', 'payerAccount', 'otherCurrency', 'nothing', 'twoCustomers', 'overpaid', 'fee'].map((k, i) => [k, body.lines[i]]));
});
afterAll(async () => {
  await app.close();
  await database.dispose();
});

describe('matching that is not sure', () => {
  it('records a payer recognized by a registered account paying exactly what it owes', async () => {
    expect(lines.payerAccount).toMatchObject({ status: 'recorded', match: { status: 'sure', rule: 'PAYER_AMOUNT', reason: 'PAID_IN_FULL' } });
    expect((await invoice(t, ids.get('INV-C1')!)).status).toBe('paid');
  });

  it('keeps an overpayment as the customer’s credit', async () => {
    expect(lines.overpaid).toMatchObject({ status: 'recorded', match: { reason: 'OVERPAYMENT', overpayment: 3_000 } });
    const credit = (await t.call('GET', `/api/v1/customers/${customers.get('Orion Labs')}`)).json().credit;
    expect(credit).toEqual([{ currency: 'EUR', amount: 3_000 }]);
  });

  it('queues an amount-only match with its candidates, nearest due date first', async () => {
    expect(lines.amountOnly).toMatchObject({
      status: 'review',
      match: {
        status: 'review', rule: 'AMOUNT_NEAR_DUE_DATE', reason: 'AMOUNT_MATCHES_OPEN_INVOICES', allocations: [],
        candidates: [
          { invoiceId: ids.get('INV-A1'), invoiceNumber: 'INV-A1', daysFromDueDate: 4 },
          { invoiceId: ids.get('INV-B1'), invoiceNumber: 'INV-B1', daysFromDueDate: -11 },
        ],
      },
    });
  });

  it('never matches money in another currency than the invoice it names', async () => {
    expect(lines.otherCurrency).toMatchObject({ status: 'unmatched', match: { reason: 'CURRENCY_MISMATCH', candidates: [{ invoiceNumber: 'INV-D1' }] } });
    expect(lines.nothing).toMatchObject({ status: 'unmatched', match: { reason: 'NO_MATCH', candidates: [] } });
    expect((await invoice(t, ids.get('INV-D1')!)).status).toBe('open');
  });

  it('sends a sure match spanning two customers to review instead of recording it', async () => {
    expect(lines.twoCustomers).toMatchObject({ status: 'review', statusReason: 'SEVERAL_CUSTOMERS', match: { status: 'sure', rule: 'INVOICE_NUMBER' } });
    expect(lines.fee).toMatchObject({ status: 'ignored', match: { reason: 'NOT_A_CREDIT' } });
  });

  it('lists the review queue in booking order', async () => {
    const queue = (await t.call('GET', '/api/v1/bank-transactions?status=review')).json();
    expect(queue.data.map((l: { id: string }) => l.id)).toEqual([lines.amountOnly!.id, lines.twoCustomers!.id]);
    const one = (await t.call('GET', `/api/v1/bank-transactions/${lines.amountOnly!.id}`)).json();
    expect(one).toMatchObject({ amount: 50_000, currency: 'EUR', counterpartyName: 'Unknown Payer', status: 'review' });
  });
});

describe('confirming a line', () => {
  it('refuses an invoice in another currency and changes nothing', async () => {
    const before = await footprint(t);
    const r = await t.call('POST', `/api/v1/bank-transactions/${lines.otherCurrency!.id}/confirm`, { allocations: [{ invoiceId: ids.get('INV-D1'), amount: 7_500 }] });
    expect(r.statusCode).toBe(422);
    expect(r.json().error).toMatchObject({ code: 'CURRENCY_MISMATCH', field: 'allocations[0].invoiceId' });
    expect(await footprint(t)).toEqual(before);
    expect((await t.call('GET', `/api/v1/bank-transactions/${lines.otherCurrency!.id}`)).json().status).toBe('unmatched');
  });

  it('refuses more than the transfer, more than the balance, two customers, or no invoice and no customer', async () => {
    const confirm = (body: unknown) => t.call('POST', `/api/v1/bank-transactions/${lines.amountOnly!.id}/confirm`, body);
    const cases: [unknown, number, string, string][] = [
      [{ allocations: [{ invoiceId: ids.get('INV-B1'), amount: 50_001 }] }, 422, 'ALLOCATION_EXCEEDS_BALANCE', 'allocations[0].amount'],
      [{ allocations: [{ invoiceId: ids.get('INV-A1'), amount: 50_000 }, { invoiceId: ids.get('INV-F1'), amount: 100 }] }, 422, 'ALLOCATION_EXCEEDS_PAYMENT', 'allocations'],
      [{ allocations: [{ invoiceId: ids.get('INV-E1'), amount: 100 }] }, 409, 'INVOICE_ALREADY_PAID', 'allocations[0].invoiceId'],
      [{ allocations: [{ invoiceId: ids.get('INV-A1'), amount: 100 }, { invoiceId: ids.get('INV-B1'), amount: 100 }] }, 422, 'SEVERAL_CUSTOMERS', 'allocations'],
      [{ allocations: [{ invoiceId: '0190a4f0-0000-7000-8000-000000000000', amount: 100 }] }, 404, 'INVOICE_NOT_FOUND', 'allocations[0].invoiceId'],
      [{}, 422, 'CUSTOMER_REQUIRED', 'allocations'],
      [{ allocations: [{ invoiceId: ids.get('INV-A1'), amount: 0 }] }, 400, 'VALIDATION_FAILED', 'allocations[0].amount'],
      [{ allocations: [], extra: 1 }, 400, 'VALIDATION_FAILED', 'extra'],
    ];
    const before = await footprint(t);
    for (const [body, status, code, field] of cases) {
      const r = await confirm(body);
      expect([r.statusCode, r.json().error.code, r.json().error.field], JSON.stringify(body)).toEqual([status, code, field]);
    }
    expect(await footprint(t)).toEqual(before);
  });

  it('records the chosen allocation as one bank payment, pays the invoice and takes the line off the queue', async () => {
    const r = await t.call('POST', `/api/v1/bank-transactions/${lines.amountOnly!.id}/confirm`, { allocations: [{ invoiceId: ids.get('INV-B1'), amount: 50_000 }] });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.transaction).toMatchObject({ status: 'recorded', paymentId: body.payment.id, customerId: customers.get('Vega GmbH'), decidedBy: expect.stringMatching(/^api_key:/) });
    expect(body.payment).toMatchObject({ amount: 50_000, source: 'bank', externalId: lines.amountOnly!.fingerprint, unallocated: 0, receivedOn: '2025-03-14' });
    expect(body.invoices).toMatchObject([{ id: ids.get('INV-B1'), status: 'paid', balance: 0 }]);
    expect((await t.call('GET', '/api/v1/bank-transactions?status=review')).json().data.map((l: { id: string }) => l.id)).toEqual([lines.twoCustomers!.id]);
    const events = (await t.call('GET', `/api/v1/events?entityId=${lines.amountOnly!.id}`)).json().data;
    expect(events).toMatchObject([{ action: 'bank_transaction.confirmed', before: { status: 'review' }, after: { status: 'recorded' } }]);
  });

  it('refuses to record the same line twice', async () => {
    const before = await footprint(t);
    const r = await t.call('POST', `/api/v1/bank-transactions/${lines.amountOnly!.id}/confirm`, { allocations: [{ invoiceId: ids.get('INV-A1'), amount: 50_000 }] });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('BANK_TRANSACTION_ALREADY_RECORDED');
    expect(await footprint(t)).toEqual(before);
  });

  it('with only a customer, pays its oldest invoices and keeps the rest as credit', async () => {
    const r = await t.call('POST', `/api/v1/bank-transactions/${lines.nothing!.id}/confirm`, { customerId: customers.get('Orion Labs') });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().invoices).toMatchObject([{ id: ids.get('INV-A1'), status: 'paid' }, { id: ids.get('INV-F1'), status: 'paid' }]);
    expect(r.json().payment).toMatchObject({ amount: 99_999, unallocated: 29_999 });
  });

  it('refuses to confirm a debit as a customer payment', async () => {
    const r = await t.call('POST', `/api/v1/bank-transactions/${lines.fee!.id}/confirm`, { customerId: customers.get('Orion Labs') });
    expect([r.statusCode, r.json().error.code]).toEqual([422, 'BANK_TRANSACTION_NOT_A_CREDIT']);
  });
});

describe('ignoring a line', () => {
  it('takes it off the queue with the reason, once', async () => {
    const r = await t.call('POST', `/api/v1/bank-transactions/${lines.twoCustomers!.id}/ignore`, { reason: 'Group treasury transfer, booked by hand' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'ignored', statusReason: 'Group treasury transfer, booked by hand', paymentId: null });
    expect((await t.call('GET', '/api/v1/bank-transactions?status=review')).json().data).toEqual([]);
    const again = await t.call('POST', `/api/v1/bank-transactions/${lines.twoCustomers!.id}/ignore`, { reason: 'again' });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'BANK_TRANSACTION_ALREADY_IGNORED']);
  });

  it('refuses a blank reason and a recorded line', async () => {
    const blank = await t.call('POST', `/api/v1/bank-transactions/${lines.otherCurrency!.id}/ignore`, { reason: '   ' });
    expect([blank.statusCode, blank.json().error.code, blank.json().error.field]).toEqual([422, 'REASON_REQUIRED', 'reason']);
    const recorded = await t.call('POST', `/api/v1/bank-transactions/${lines.payerAccount!.id}/ignore`, { reason: 'no' });
    expect([recorded.statusCode, recorded.json().error.code]).toEqual([409, 'BANK_TRANSACTION_ALREADY_RECORDED']);
  });

  it('can still be confirmed later, when someone finds out who paid', async () => {
    const r = await t.call('POST', `/api/v1/bank-transactions/${lines.twoCustomers!.id}/confirm`, { allocations: [{ invoiceId: ids.get('INV-G1'), amount: 7_000 }] });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().transaction).toMatchObject({ status: 'recorded', statusReason: null });
    expect(r.json().payment).toMatchObject({ amount: 100_000, unallocated: 93_000 });
  });
});

describe('a dry run', () => {
  it('reports what the import would do and stores nothing', async () => {
    const other = await tenant(database, app, clock);
    const { invoices } = await seedInvoices(other, [{ number: 'INV-9', customer: 'Preview Ltd', amount: '10.00', currency: 'EUR' }]);
    const file = camt([{ amount: '10.00', name: 'Preview Ltd', text: 'INV-9' }], { messageId: 'DRY' });
    const before = await footprint(other);
    const dry = await upload(app, other, file, 'application/xml', { dryRun: 'true' });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, statement: { lines: { total: 1, recorded: 1 } }, lines: [{ status: 'recorded', match: { rule: 'INVOICE_NUMBER' } }] });
    expect(await footprint(other)).toEqual(before);
    expect((await invoice(other, invoices.get('INV-9')!)).status).toBe('open');

    const real = await upload(app, other, file, 'application/xml');
    expect(real.statusCode, real.body).toBe(201);
    expect((await invoice(other, invoices.get('INV-9')!)).status).toBe('paid');
  });
});
