import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { date } from '../src/domain/dates.ts';
import { findInvoice } from '../src/db/repositories/invoices.ts';
import type { App } from '../src/http/server.ts';
import { earlyDiscountFor } from '../src/services/terms/early-payment.ts';
import { testApp, tenant, type TestClock } from './support/app.ts';
import { testDatabase } from './support/database.ts';
import { TermsClient } from './support/terms.ts';

let database: Awaited<ReturnType<typeof testDatabase>>;
let app: App;
let clock: TestClock;
let api: TermsClient;
let other: TermsClient;

beforeAll(async () => {
  database = await testDatabase();
  ({ app, clock } = await testApp(database, '2025-06-05T09:00:00Z'));
  api = new TermsClient(app, await tenant(database, app, clock));
  other = new TermsClient(app, await tenant(database, app, clock, { name: 'Other Co' }));
});
afterAll(async () => {
  await app.close();
  await database.dispose();
});

/** 1,000.00 EUR issued 1 June, "2/10 net 30": 20.00 off when 980.00 arrives by 11 June. */
async function discounted(earlyPayment: unknown = '2/10') {
  const c = await api.customer();
  const inv = await api.invoice(c.id, { issueDate: '2025-06-01', paymentTerms: 'net_30', earlyPayment });
  return { c, inv };
}

async function notesOf(invoiceId: string) {
  const notes = await api.ok('GET', `/invoices?kind=credit_note&limit=500`);
  return notes.data.filter((n: { originalInvoiceId: string }) => n.originalInvoiceId === invoiceId);
}

describe('the invoice carries its discount', () => {
  it('stores the terms and shows the deadline and the discounted amount', async () => {
    const { inv } = await discounted('2/10 net 30');
    expect(inv.earlyPayment).toEqual({ percentBp: 200, days: 10, terms: '2/10 net 30', deadline: '2025-06-11', discount: 2_000, discountedAmount: 98_000, available: true });
    expect(await api.ok('GET', `/invoices/${inv.id}`)).toMatchObject({ earlyPayment: { deadline: '2025-06-11', available: true } });
    clock.set('2025-06-12T09:00:00Z');
    expect((await api.ok('GET', `/invoices/${inv.id}`)).earlyPayment.available).toBe(false);
    clock.set('2025-06-05T09:00:00Z');
  });

  it('accepts the structured form and the short text, and edits it on a draft', async () => {
    const c = await api.customer();
    const draft = await api.ok('POST', '/invoices', { customerId: c.id, issueDate: '2025-06-01', paymentTerms: 'net_45', earlyPayment: { percentBp: 150, days: 14 }, lines: [{ description: 'x', quantity: 1, unitPrice: 10_000 }] }, 201);
    expect(draft.earlyPayment).toMatchObject({ terms: '1.5/14 net 45', deadline: '2025-06-15', discount: 150 });
    const kept = await api.ok('PATCH', `/invoices/${draft.id}`, { poNumber: 'PO-1' });
    expect(kept.earlyPayment.terms).toBe('1.5/14 net 45');
    // Shortening the term under the discount period leaves no room: refused until the discount goes too.
    await api.fails('PATCH', `/invoices/${draft.id}`, { paymentTerms: 'net_10' }, 422, 'EARLY_TERMS_DAYS_OUT_OF_RANGE', 'earlyPayment');
    expect((await api.ok('PATCH', `/invoices/${draft.id}`, { paymentTerms: 'net_10', earlyPayment: '1%/5' })).earlyPayment.terms).toBe('1/5 net 10');
    expect((await api.ok('PATCH', `/invoices/${draft.id}`, { earlyPayment: null })).earlyPayment).toBeNull();
  });

  it.each([
    ['2/10 net 45', 422, 'EARLY_TERMS_NET_MISMATCH'],
    ['2/30', 422, 'EARLY_TERMS_DAYS_OUT_OF_RANGE'],
    ['0/10', 422, 'EARLY_TERMS_RATE_OUT_OF_RANGE'],
    ['100/10', 400, 'EARLY_TERMS_MALFORMED'],
    ['two percent', 400, 'EARLY_TERMS_MALFORMED'],
    ['2/10 net 30; drop table invoices', 400, 'EARLY_TERMS_MALFORMED'],
    ['2/10 net 30'.padEnd(65, ' '), 400, 'VALIDATION_FAILED'],
    ['', 400, 'VALIDATION_FAILED'],
    [{ percentBp: 0, days: 10 }, 400, 'VALIDATION_FAILED'],
    [{ percentBp: 200, days: 30 }, 422, 'EARLY_TERMS_DAYS_OUT_OF_RANGE'],
    [{ percentBp: 200, days: -1 }, 400, 'VALIDATION_FAILED'],
    [{ percentBp: 200, days: 10, extra: 1 }, 400, 'VALIDATION_FAILED'],
    [{ percentBp: '200', days: 10 }, 400, 'VALIDATION_FAILED'],
    [12, 400, 'VALIDATION_FAILED'],
  ])('refuses earlyPayment %j on a net-30 invoice (%i %s) and creates nothing', async (earlyPayment, status, code) => {
    const c = await api.customer();
    const error = await api.fails('POST', '/invoices', { customerId: c.id, issueDate: '2025-06-01', paymentTerms: 'net_30', earlyPayment, lines: [{ description: 'x', quantity: 1, unitPrice: 100 }] }, status, code);
    expect(error.field).toMatch(/^earlyPayment/);
    expect((await api.ok('GET', `/invoices?customerId=${c.id}`)).data).toEqual([]);
  });

  it('refuses a discount on an invoice due on its issue date', async () => {
    const c = await api.customer();
    await api.fails('POST', '/invoices', { customerId: c.id, paymentTerms: 'due_on_receipt', earlyPayment: '2/0', lines: [{ description: 'x', quantity: 1, unitPrice: 100 }] }, 422, 'EARLY_TERMS_DAYS_OUT_OF_RANGE', 'earlyPayment');
  });
});

describe('paying early', () => {
  it('on time: the discounted amount by the deadline closes the invoice with a discount credit note', async () => {
    const { c, inv } = await discounted();
    const paid = await api.pay(c.id, 98_000, '2025-06-11', inv.id);
    expect(paid.invoices[0]).toMatchObject({ id: inv.id, status: 'paid', balance: 0, amountPaid: 98_000, amountCredited: 2_000 });
    const [note] = await notesOf(inv.id);
    expect(note).toMatchObject({ total: 2_000, notes: 'Early-payment discount', status: 'paid' });
    const actions = (await api.ok('GET', `/events?entityId=${inv.id}`)).data.map((e: { action: string }) => e.action);
    expect(actions).toContain('invoice.early_payment_discount_granted');
  });

  it('late: a payment after the deadline earns nothing and the refusal is on the timeline', async () => {
    const { c, inv } = await discounted();
    clock.set('2025-06-13T09:00:00Z');
    const paid = await api.pay(c.id, 98_000, '2025-06-12', inv.id);
    clock.set('2025-06-05T09:00:00Z');
    expect(paid.invoices[0]).toMatchObject({ status: 'partially_paid', balance: 2_000, amountCredited: 0 });
    expect(await notesOf(inv.id)).toEqual([]);
    const events = (await api.ok('GET', `/events?entityId=${inv.id}`)).data;
    expect(events.find((e: { action: string }) => e.action === 'invoice.early_payment_discount_refused').after).toMatchObject({ code: 'DISCOUNT_EXPIRED', deadline: '2025-06-11', receivedOn: '2025-06-12', paidByDeadline: 0 });
  });

  it('short: less than the discounted amount earns nothing, and the deadline passing does not change that', async () => {
    const { c, inv } = await discounted();
    const paid = await api.pay(c.id, 97_999, '2025-06-10', inv.id);
    expect(paid.invoices[0]).toMatchObject({ status: 'partially_paid', balance: 2_001 });
    const late = await api.pay(c.id, 1, '2025-06-12', inv.id);
    expect(late.invoices[0]).toMatchObject({ status: 'partially_paid', balance: 2_000 });
    expect(await notesOf(inv.id)).toEqual([]);
  });

  it('partial: two payments that reach the discounted amount by the deadline earn it; a little extra shrinks the credit', async () => {
    const { c, inv } = await discounted();
    await api.pay(c.id, 50_000, '2025-06-03', inv.id);
    const second = await api.pay(c.id, 48_500, '2025-06-11', inv.id);
    // 985.00 arrived: the credit is what closes the invoice, 15.00, not the full 20.00.
    expect(second.invoices[0]).toMatchObject({ status: 'paid', balance: 0, amountPaid: 98_500, amountCredited: 1_500 });
    expect((await notesOf(inv.id)).map((n: { total: number }) => n.total)).toEqual([1_500]);
  });

  it('in full: nothing to credit', async () => {
    const { c, inv } = await discounted();
    const paid = await api.pay(c.id, 100_000, '2025-06-02', inv.id);
    expect(paid.invoices[0]).toMatchObject({ status: 'paid', amountCredited: 0 });
    expect(await notesOf(inv.id)).toEqual([]);
  });

  it('recorded late but received in time: the value date decides', async () => {
    const { c, inv } = await discounted();
    clock.set('2025-06-20T09:00:00Z');
    const paid = await api.pay(c.id, 98_000, '2025-06-09', inv.id);
    clock.set('2025-06-05T09:00:00Z');
    expect(paid.invoices[0]).toMatchObject({ status: 'paid', amountCredited: 2_000 });
  });

  it('allocated oldest first, the discount still applies to the invoice the money reached', async () => {
    const { c, inv } = await discounted();
    const paid = await api.ok('POST', '/payments', { customerId: c.id, amount: 98_000, currency: 'EUR', receivedOn: '2025-06-08', method: 'card' }, 201);
    expect(paid.invoices).toHaveLength(1);
    expect(paid.invoices[0]).toMatchObject({ id: inv.id, status: 'paid' });
  });
});

describe('reminders before the deadline', () => {
  it('get the discount and its last day to mention, and nothing after', async () => {
    const { inv } = await discounted();
    const row = (await findInvoice(database.db, api.t.orgId, inv.id))!;
    expect(earlyDiscountFor(row, date('2025-06-11'))).toEqual({ amount: { amount: 2_000, currency: 'EUR' }, deadline: date('2025-06-11') });
    expect(earlyDiscountFor(row, date('2025-06-12'))).toBeUndefined();
    const plain = (await findInvoice(database.db, api.t.orgId, (await api.invoice(inv.customerId)).id))!;
    expect(earlyDiscountFor(plain, date('2025-06-05'))).toBeUndefined();
  });
});

describe('tenant isolation', () => {
  it("another organization's payment cannot reach the invoice, nor its customer", async () => {
    const { c, inv } = await discounted();
    await other.fails('POST', '/payments', { customerId: c.id, amount: 98_000, currency: 'EUR', receivedOn: '2025-06-05', method: 'card', allocations: [{ invoiceId: inv.id, amount: 98_000 }] }, 404, 'CUSTOMER_NOT_FOUND');
    await other.fails('PATCH', `/invoices/${inv.id}`, { earlyPayment: '5/10' }, 404, 'INVOICE_NOT_FOUND');
    expect((await api.ok('GET', `/invoices/${inv.id}`)).balance).toBe(100_000);
  });
});
