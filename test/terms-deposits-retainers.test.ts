import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOutbox } from '../src/db/repositories/outbox.ts';
import { listEvents } from '../src/db/repositories/events.ts';
import type { App } from '../src/http/server.ts';
import { testApp, tenant, type TestClock } from './support/app.ts';
import { testDatabase } from './support/database.ts';
import { TermsClient, ZERO_UUID } from './support/terms.ts';

let database: Awaited<ReturnType<typeof testDatabase>>;
let app: App;
let clock: TestClock;
let api: TermsClient;
let other: TermsClient;

beforeAll(async () => {
  database = await testDatabase();
  ({ app, clock } = await testApp(database, '2025-06-15T09:00:00Z'));
  api = new TermsClient(app, await tenant(database, app, clock));
  other = new TermsClient(app, await tenant(database, app, clock, { name: 'Other Co' }));
});
afterAll(async () => {
  await app.close();
  await database.dispose();
});

async function noticesTo(customerId: string) {
  return (await listOutbox(database.db, api.t.orgId, { customerId, limit: 50 })).filter((m) => m.kind === 'notice');
}

describe('deposits', () => {
  it('asks new and high-risk customers for a deposit, by policy', async () => {
    expect(await api.ok('GET', '/deposit-policy')).toEqual({ policy: null });
    const newcomer = await api.customer();
    expect(await api.ok('GET', `/customers/${newcomer.id}/deposit-requirement`)).toEqual({ required: false, reasons: [], percentBp: null });

    await api.ok('PUT', '/deposit-policy', { newCustomers: true, highRisk: true, percentBp: 3_000 });
    expect(await api.ok('GET', `/customers/${newcomer.id}/deposit-requirement`)).toEqual({ required: true, reasons: ['NEW_CUSTOMER'], percentBp: 3_000 });

    const regular = await api.customer();
    const paidInvoice = await api.invoice(regular.id, { lines: [{ description: 'x', quantity: 1, unitPrice: 1_000 }] });
    await api.pay(regular.id, 1_000, '2025-06-15', paidInvoice.id);
    expect((await api.ok('GET', `/customers/${regular.id}/deposit-requirement`)).required).toBe(false);
    await api.ok('PATCH', `/customers/${regular.id}`, { tags: ['high_risk'] });
    expect(await api.ok('GET', `/customers/${regular.id}/deposit-requirement`)).toEqual({ required: true, reasons: ['HIGH_RISK'], percentBp: 3_000 });

    await api.ok('PUT', '/deposit-policy', { newCustomers: false, highRisk: true, percentBp: 3_000 });
    expect((await api.ok('GET', `/customers/${newcomer.id}/deposit-requirement`)).required).toBe(false);
    await api.ok('DELETE', '/deposit-policy');
    await api.fails('DELETE', '/deposit-policy', undefined, 404, 'DEPOSIT_POLICY_NOT_FOUND');
  });

  it('issues the advance invoice, and deducts it on the final invoice with a credit note once paid', async () => {
    await api.ok('PUT', '/deposit-policy', { newCustomers: true, highRisk: false, percentBp: 3_000 });
    const c = await api.customer();
    const requested = await api.ok('POST', '/deposits', { customerId: c.id, plannedTotal: 1_000_000, description: 'Deposit: website redesign', taxRateBp: 1_900 }, 201);
    // 30 % of 10,000.00 = 3,000.00 net; 19 % VAT = 570.00; 3,570.00 to pay.
    expect(requested.deposit).toMatchObject({ amount: 300_000, percentBp: 3_000, plannedTotal: 1_000_000, total: 357_000, reasons: ['NEW_CUSTOMER'], status: 'awaiting_payment' });
    expect(requested.invoice).toMatchObject({ status: 'open', total: 357_000, taxTotal: 57_000, paymentTerms: 'due_on_receipt' });
    const depositId = requested.deposit.id;

    const finalInvoice = await api.invoice(c.id, { lines: [{ description: 'Website redesign', quantity: 1, unitPrice: 1_000_000, taxRateBp: 1_900 }] });
    await api.fails('POST', `/deposits/${depositId}/settle`, { invoiceId: finalInvoice.id }, 409, 'DEPOSIT_NOT_PAID');

    await api.pay(c.id, 357_000, '2025-06-15', requested.invoice.id);
    expect((await api.ok('GET', `/deposits/${depositId}`)).status).toBe('paid');

    const settled = await api.ok('POST', `/deposits/${depositId}/settle`, { invoiceId: finalInvoice.id });
    // The credit note reverses the advance in full (net 3,000.00 + VAT 570.00) and pays part of the final invoice.
    expect(settled.creditNote).toMatchObject({ kind: 'credit_note', originalInvoiceId: requested.invoice.id, total: 357_000, taxTotal: 57_000, balance: 0, status: 'paid' });
    expect(settled.finalInvoice).toMatchObject({ id: finalInvoice.id, total: 1_190_000, amountCredited: 357_000, balance: 833_000, status: 'partially_paid' });
    expect(settled.deposit).toMatchObject({ status: 'settled', finalInvoiceId: finalInvoice.id, creditNoteId: settled.creditNote.id });
    expect((await api.ok('GET', `/invoices/${requested.invoice.id}`)).status).toBe('paid');
    expect((await api.ok('GET', `/customers/${c.id}`)).credit).toEqual([]);
    await api.fails('POST', `/deposits/${depositId}/settle`, { invoiceId: finalInvoice.id }, 409, 'DEPOSIT_ALREADY_SETTLED');

    const listed = await api.ok('GET', `/deposits?customerId=${c.id}`);
    expect(listed.data.map((d: { id: string; status: string }) => [d.id, d.status])).toEqual([[depositId, 'settled']]);
    const events = (await listEvents(database.db, api.t.orgId, { entityId: finalInvoice.id, limit: 20 })).map((e) => e.action);
    expect(events).toContain('invoice.deposit_deducted');
  });

  it('takes a fixed amount, and leaves what the final invoice cannot absorb as credit', async () => {
    const c = await api.customer();
    const requested = await api.ok('POST', '/deposits', { customerId: c.id, amount: 50_000, description: 'Retainer deposit' }, 201);
    expect(requested.deposit).toMatchObject({ amount: 50_000, percentBp: null, total: 50_000 });
    await api.pay(c.id, 50_000, '2025-06-15', requested.invoice.id);
    const small = await api.invoice(c.id, { lines: [{ description: 'Small job', quantity: 1, unitPrice: 20_000 }] });
    const settled = await api.ok('POST', `/deposits/${requested.deposit.id}/settle`, { invoiceId: small.id });
    expect(settled.finalInvoice).toMatchObject({ status: 'paid', balance: 0 });
    expect(settled.creditNote).toMatchObject({ total: 50_000, balance: 30_000, status: 'open' });
    expect((await api.ok('GET', `/customers/${c.id}`)).credit).toEqual([{ currency: 'EUR', amount: 30_000 }]);
  });

  it.each([
    [{ amount: 100, plannedTotal: 1_000 }, 422, 'INVALID_DEPOSIT', 'amount'],
    [{}, 422, 'INVALID_DEPOSIT', 'plannedTotal'],
    [{ plannedTotal: 1_000 }, 422, 'INVALID_DEPOSIT', 'percentBp'],
    [{ plannedTotal: 1, percentBp: 1 }, 422, 'INVALID_DEPOSIT', 'percentBp'],
    [{ amount: 0 }, 400, 'VALIDATION_FAILED', 'amount'],
    [{ amount: -100 }, 400, 'VALIDATION_FAILED', 'amount'],
    [{ amount: 1e300 }, 400, 'VALIDATION_FAILED', 'amount'],
    [{ plannedTotal: 1_000, percentBp: 10_001 }, 400, 'VALIDATION_FAILED', 'percentBp'],
    [{ amount: 100, currency: 'XYZ' }, 400, 'INVALID_CURRENCY', 'currency'],
    [{ amount: 100, paymentTerms: 'net_9999' }, 400, 'INVALID_PAYMENT_TERMS', 'paymentTerms'],
    [{ amount: 100, description: '' }, 400, 'VALIDATION_FAILED', 'description'],
    [{ amount: 100, taxRateBp: 20_000 }, 400, 'VALIDATION_FAILED', 'taxRateBp'],
    [{ amount: 100, hack: true }, 400, 'VALIDATION_FAILED', 'hack'],
  ])('refuses deposit %j (%i %s) and issues nothing', async (body, status, code, field) => {
    await api.call('DELETE', '/deposit-policy');
    const c = await api.customer();
    await api.fails('POST', '/deposits', { customerId: c.id, description: 'Deposit', ...body }, status, code, field);
    expect((await api.ok('GET', `/invoices?customerId=${c.id}`)).data).toEqual([]);
    expect((await api.ok('GET', `/deposits?customerId=${c.id}`)).data).toEqual([]);
  });

  it('refuses to settle against a draft, another customer, another currency or a made-up invoice', async () => {
    const c = await api.customer();
    const requested = await api.ok('POST', '/deposits', { customerId: c.id, amount: 10_000, description: 'Deposit' }, 201);
    await api.pay(c.id, 10_000, '2025-06-15', requested.invoice.id);
    const draft = await api.ok('POST', '/invoices', { customerId: c.id, lines: [{ description: 'x', quantity: 1, unitPrice: 100 }] }, 201);
    await api.fails('POST', `/deposits/${requested.deposit.id}/settle`, { invoiceId: draft.id }, 409, 'INVOICE_NOT_ISSUED');
    const stranger = await api.customer();
    const theirs = await api.invoice(stranger.id);
    await api.fails('POST', `/deposits/${requested.deposit.id}/settle`, { invoiceId: theirs.id }, 404, 'INVOICE_NOT_FOUND');
    const usd = await api.invoice(c.id, { currency: 'USD' });
    await api.fails('POST', `/deposits/${requested.deposit.id}/settle`, { invoiceId: usd.id }, 422, 'CURRENCY_MISMATCH');
    await api.fails('POST', `/deposits/${requested.deposit.id}/settle`, { invoiceId: requested.invoice.id }, 404, 'INVOICE_NOT_FOUND');
    await api.fails('POST', `/deposits/${requested.deposit.id}/settle`, { invoiceId: ZERO_UUID }, 404, 'INVOICE_NOT_FOUND');
    await api.fails('POST', `/deposits/${requested.deposit.id}/settle`, { invoiceId: 'nope' }, 400, 'VALIDATION_FAILED', 'invoiceId');
    await api.fails('POST', `/deposits/${ZERO_UUID}/settle`, { invoiceId: draft.id }, 404, 'DEPOSIT_NOT_FOUND');
    expect((await api.ok('GET', `/deposits/${requested.deposit.id}`)).status).toBe('paid');
  });

  it.each([
    [{ newCustomers: true, highRisk: true }, 'percentBp'],
    [{ newCustomers: 'yes', highRisk: true, percentBp: 100 }, 'newCustomers'],
    [{ newCustomers: true, highRisk: true, percentBp: 0 }, 'percentBp'],
    [{ newCustomers: true, highRisk: true, percentBp: 100, extra: 1 }, 'extra'],
  ])('refuses deposit policy %j', async (body, field) => {
    await api.fails('PUT', '/deposit-policy', body, 400, 'VALIDATION_FAILED', field);
  });
});

describe('retainers', () => {
  it('sends one low-balance notice in the customer’s language when an invoice takes credit below the minimum', async () => {
    const c = await api.customer({ name: 'Atelier Dacia SRL', locale: 'ro', contacts: [{ name: 'Ioana', email: 'ioana@dacia.ro' }] });
    const set = await api.ok('PUT', `/customers/${c.id}/retainer`, { currency: 'EUR', minimumBalance: 50_000 });
    expect(set).toMatchObject({ customerId: c.id, minimumBalance: 50_000, balance: 0, belowMinimum: true });
    await api.pay(c.id, 100_000, '2025-06-15');
    expect(await api.ok('GET', `/customers/${c.id}/retainer`)).toMatchObject({ balance: 100_000, belowMinimum: false });

    await api.invoice(c.id, { lines: [{ description: 'June hours', quantity: 1, unitPrice: 40_000 }] });
    expect(await noticesTo(c.id)).toEqual([]);

    const second = await api.invoice(c.id, { lines: [{ description: 'July hours', quantity: 1, unitPrice: 30_000 }] });
    expect(second).toMatchObject({ status: 'paid', amountPaid: 30_000 });
    const [notice] = await noticesTo(c.id);
    expect(notice).toMatchObject({ channel: 'email', recipient: 'ioana@dacia.ro', subject: 'Soldul preplătit este aproape epuizat', invoiceIds: [second.id], idempotencyKey: `retainer-low:${second.id}` });
    expect(notice!.bodyText).toBe(
      `Bună ziua, Atelier Dacia SRL,\n\nDupă factura ${second.number}, soldul dumneavoastră preplătit la Test Co este de 300,00\u00a0EUR, sub minimul convenit de 500,00\u00a0EUR.\nVă rugăm să îl reîncărcați, astfel încât facturile următoare să rămână acoperite.\n\nTest Co`,
    );
    expect(await api.ok('GET', `/customers/${c.id}/retainer`)).toMatchObject({ balance: 30_000, belowMinimum: true });
    const events = (await listEvents(database.db, api.t.orgId, { entityId: c.id, limit: 20 })).map((e) => e.action);
    expect(events).toContain('customer.retainer_low');

    // An invoice that takes no credit (there is some, but in another currency) sends nothing.
    await api.invoice(c.id, { currency: 'USD' });
    expect(await noticesTo(c.id)).toHaveLength(1);
  });

  it('writes the notice in each language', async () => {
    const subjects: Record<string, string> = {};
    for (const locale of ['en', 'vi', 'id', 'ru'] as const) {
      const c = await api.customer({ locale, name: `Customer ${locale}` });
      await api.ok('PUT', `/customers/${c.id}/retainer`, { currency: 'EUR', minimumBalance: 10_000 });
      await api.pay(c.id, 10_000, '2025-06-15');
      await api.invoice(c.id, { lines: [{ description: 'x', quantity: 1, unitPrice: 5_000 }] });
      const [notice] = await noticesTo(c.id);
      subjects[locale] = notice!.subject!;
      expect(notice!.bodyText).toContain(`Customer ${locale}`);
      expect(notice!.bodyText).toMatch(/50[.,]00/);
    }
    expect(subjects).toEqual({
      en: 'Your prepaid balance is running low',
      vi: 'Số dư trả trước của quý khách sắp hết',
      id: 'Saldo prabayar Anda hampir habis',
      ru: 'Остаток предоплаты заканчивается',
    });
  });

  it('records the low balance even when the customer has no email address', async () => {
    const c = await api.customer({ contacts: [] });
    await api.ok('PUT', `/customers/${c.id}/retainer`, { currency: 'EUR', minimumBalance: 10_000 });
    await api.pay(c.id, 10_000, '2025-06-15');
    await api.invoice(c.id, { lines: [{ description: 'x', quantity: 1, unitPrice: 5_000 }] });
    expect(await noticesTo(c.id)).toEqual([]);
    const event = (await listEvents(database.db, api.t.orgId, { entityId: c.id, limit: 20 })).find((e) => e.action === 'customer.retainer_low');
    expect(event?.after).toMatchObject({ balance: 5_000, minimumBalance: 10_000, outboxId: null });
  });

  it.each([
    [{ currency: 'EUR', minimumBalance: 0 }, 400, 'VALIDATION_FAILED', 'minimumBalance'],
    [{ currency: 'eur', minimumBalance: 100 }, 400, 'VALIDATION_FAILED', 'currency'],
    [{ currency: 'XYZ', minimumBalance: 100 }, 400, 'INVALID_CURRENCY', 'currency'],
    [{ currency: 'EUR', minimumBalance: '100' }, 400, 'VALIDATION_FAILED', 'minimumBalance'],
    [{ currency: 'EUR' }, 400, 'VALIDATION_FAILED', 'minimumBalance'],
    [{ currency: 'EUR', minimumBalance: 100, note: '<script>' }, 400, 'VALIDATION_FAILED', 'note'],
  ])('refuses retainer %j', async (body, status, code, field) => {
    const c = await api.customer();
    await api.fails('PUT', `/customers/${c.id}/retainer`, body, status, code, field);
    await api.fails('GET', `/customers/${c.id}/retainer`, undefined, 404, 'RETAINER_NOT_FOUND');
  });

  it('removes a retainer', async () => {
    const c = await api.customer();
    await api.ok('PUT', `/customers/${c.id}/retainer`, { currency: 'EUR', minimumBalance: 100 });
    await api.ok('DELETE', `/customers/${c.id}/retainer`);
    await api.fails('DELETE', `/customers/${c.id}/retainer`, undefined, 404, 'RETAINER_NOT_FOUND');
  });
});

describe('hostile ids and queries', () => {
  it('refuses malformed ids, cursors and filters with 400', async () => {
    await api.fails('GET', '/customers/not-a-uuid/deposit-requirement', undefined, 400, 'VALIDATION_FAILED', 'id');
    await api.fails('GET', "/customers/1'%20or%20'1'='1/retainer", undefined, 400, 'VALIDATION_FAILED', 'id');
    await api.fails('GET', '/deposits?cursor=bm90LWEtdXVpZA', undefined, 400, 'INVALID_CURSOR', 'cursor');
    await api.fails('GET', '/deposits?customerId=42', undefined, 400, 'VALIDATION_FAILED');
    await api.fails('GET', '/deposits?limit=0', undefined, 400, 'VALIDATION_FAILED');
    await api.fails('GET', '/deposits/not-a-uuid', undefined, 400, 'VALIDATION_FAILED', 'id');
    await api.fails('PUT', '/deposit-policy', 'null', 400, 'VALIDATION_FAILED');
    await api.fails('GET', '/recurring-invoices?status=bogus', undefined, 400, 'VALIDATION_FAILED');
    await api.fails('GET', '/recurring-invoices?limit=100000', undefined, 400, 'VALIDATION_FAILED');
  });
});

describe('tenant isolation', () => {
  it("gives 404 for another organization's customers and deposits and changes nothing", async () => {
    const c = await api.customer();
    await api.ok('PUT', `/customers/${c.id}/retainer`, { currency: 'EUR', minimumBalance: 100 });
    const requested = await api.ok('POST', '/deposits', { customerId: c.id, amount: 10_000, description: 'Deposit' }, 201);
    await api.pay(c.id, 10_000, '2025-06-15', requested.invoice.id);
    const finalInvoice = await api.invoice(c.id);

    await other.fails('GET', `/customers/${c.id}/retainer`, undefined, 404, 'RETAINER_NOT_FOUND');
    await other.fails('PUT', `/customers/${c.id}/retainer`, { currency: 'EUR', minimumBalance: 1 }, 404, 'CUSTOMER_NOT_FOUND');
    await other.fails('DELETE', `/customers/${c.id}/retainer`, undefined, 404, 'RETAINER_NOT_FOUND');
    await other.fails('GET', `/customers/${c.id}/deposit-requirement`, undefined, 404, 'CUSTOMER_NOT_FOUND');
    await other.fails('POST', '/deposits', { customerId: c.id, amount: 100, description: 'x' }, 404, 'CUSTOMER_NOT_FOUND');
    await other.fails('GET', `/deposits/${requested.deposit.id}`, undefined, 404, 'DEPOSIT_NOT_FOUND');
    await other.fails('POST', `/deposits/${requested.deposit.id}/settle`, { invoiceId: finalInvoice.id }, 404, 'DEPOSIT_NOT_FOUND');
    expect((await other.ok('GET', '/deposits')).data).toEqual([]);

    expect(await api.ok('GET', `/customers/${c.id}/retainer`)).toMatchObject({ minimumBalance: 100 });
    expect((await api.ok('GET', `/deposits/${requested.deposit.id}`)).status).toBe('paid');
    expect((await api.ok('GET', `/invoices/${finalInvoice.id}`)).amountCredited).toBe(0);
  });
});
