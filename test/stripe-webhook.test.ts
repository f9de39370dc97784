import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inOrg } from '../src/db/connection.ts';
import { queryRows } from '../src/db/raw.ts';
import { enqueueMessages } from '../src/db/repositories/outbox.ts';
import type { Tenant } from './support/app.ts';
import { newCustomer, newInvoice, portalCall, portalToken, usePortal } from './support/portal.ts';
import { signedEvent, TEST_WEBHOOK_SECRET } from './support/stripe-stand-in.ts';

const suite = usePortal({ stripe: true });
const NOW = Date.parse('2025-06-15T09:00:00Z') / 1000;

let eventCounter = 0;

function post(body: string, signature: string | undefined, contentType = 'application/json') {
  return suite.app.inject({ method: 'POST', url: '/webhooks/stripe', headers: { 'content-type': contentType, ...(signature === undefined ? {} : { 'stripe-signature': signature }) }, payload: body });
}

function intentEvent(orgId: string, onlinePaymentId: string, intent: Record<string, unknown>, type = 'payment_intent.succeeded', id = `evt_${++eventCounter}`) {
  return {
    id,
    type,
    created: NOW,
    data: { object: { object: 'payment_intent', id: 'pi_default', metadata: { punctual_org_id: orgId, punctual_online_payment_id: onlinePaymentId }, ...intent } },
  };
}

function send(event: Record<string, unknown>, options: { secret?: string; timestamp?: number } = {}) {
  const { body, signature } = signedEvent(event, { timestamp: NOW, ...options });
  return post(body, signature);
}

/** A customer with an open invoice, a pending reminder about it, and a started Checkout for it. */
async function startedCheckout(t: Tenant, name: string, amount: number) {
  const c = await newCustomer(t, { name });
  const invoice = await newInvoice(t, c.id, amount);
  const [reminder] = await inOrg(suite.database.db, t.orgId, (tx) =>
    enqueueMessages(tx, t.orgId, new Date('2025-06-15T08:00:00Z'), [
      { idempotencyKey: `test-reminder:${invoice.id}`, kind: 'reminder', channel: 'email', recipient: 'x@example.com', customerId: c.id, invoiceIds: [invoice.id], subject: 'Reminder', bodyText: 'Pay' },
    ]),
  );
  const r = await portalCall(suite.app, await portalToken(t, c.id), 'POST', '/checkout', { invoiceIds: [invoice.id] });
  expect(r.statusCode, r.body).toBe(201);
  return { c, invoice, reminderId: reminder!.id, onlinePaymentId: r.json().onlinePaymentId as string };
}

async function invoiceOf(t: Tenant, id: string) {
  return (await t.call('GET', `/api/v1/invoices/${id}`)).json();
}

async function paymentsOf(t: Tenant, customerId: string) {
  return (await t.call('GET', `/api/v1/payments?customerId=${customerId}`)).json().data;
}

async function outboxStatus(orgId: string, id: string) {
  return (await queryRows<{ status: string }>(suite.database.db, sql`select status from outbox where org_id = ${orgId} and id = ${id}`))[0]!.status;
}

describe('the Stripe webhook', () => {
  it('records the payment once, settles the invoice and cancels its pending reminder in the same transaction', async () => {
    const { c, invoice, reminderId, onlinePaymentId } = await startedCheckout(suite.t, 'Happy Payer', 12_345);
    const event = intentEvent(suite.t.orgId, onlinePaymentId, { id: 'pi_happy', amount: 12_345, amount_received: 12_345, currency: 'eur' });
    const r = await send(event);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ received: true, outcome: 'processed' });

    expect(await invoiceOf(suite.t, invoice.id)).toMatchObject({ status: 'paid', balance: 0 });
    const [payment] = await paymentsOf(suite.t, c.id);
    expect(payment).toMatchObject({ amount: 12_345, currency: 'EUR', method: 'card', source: 'stripe', externalId: 'pi_happy', receivedOn: '2025-06-15' });
    expect(await outboxStatus(suite.t.orgId, reminderId)).toBe('cancelled');
    const [online] = (await suite.t.call('GET', `/api/v1/online-payments?customerId=${c.id}`)).json().data;
    expect(online).toMatchObject({ status: 'succeeded', paymentIntentId: 'pi_happy', paymentId: payment.id });

    const replay = await send(event);
    expect(replay.statusCode).toBe(200);
    expect(replay.json().outcome).toBe('duplicate');
    const sameIntentNewEvent = await send({ ...event, id: 'evt_same_intent_again' });
    expect(sameIntentNewEvent.json().outcome).toBe('ignored');
    expect(await paymentsOf(suite.t, c.id)).toHaveLength(1);
  });

  it('handles the same event delivered twice at the same moment once', async () => {
    const { c, onlinePaymentId } = await startedCheckout(suite.t, 'Twice Delivered', 2_000);
    const event = intentEvent(suite.t.orgId, onlinePaymentId, { id: 'pi_twice', amount_received: 2_000, currency: 'eur' });
    const results = await Promise.all([send(event), send(event), send(event)]);
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(results.map((r) => r.json().outcome).sort()).toEqual(['duplicate', 'duplicate', 'processed']);
    expect(await paymentsOf(suite.t, c.id)).toHaveLength(1);
  });

  it('refuses bad, tampered, missing and stale signatures, and bodies that are not events, changing nothing', async () => {
    const { c, invoice, onlinePaymentId } = await startedCheckout(suite.t, 'Targeted Payer', 5_000);
    const event = intentEvent(suite.t.orgId, onlinePaymentId, { id: 'pi_forged', amount_received: 5_000, currency: 'eur' });
    const good = signedEvent(event, { timestamp: NOW });
    const forged = signedEvent(event, { timestamp: NOW, secret: 'whsec_attacker' });
    const tampered = good.body.replace('"amount_received":5000', '"amount_received":9999999');
    const cases: [string, string | undefined, string][] = [
      [forged.body, forged.signature, 'WEBHOOK_SIGNATURE_INVALID'],
      [tampered, good.signature, 'WEBHOOK_SIGNATURE_INVALID'],
      [good.body, undefined, 'WEBHOOK_SIGNATURE_INVALID'],
      [good.body, 'garbage', 'WEBHOOK_SIGNATURE_INVALID'],
      [good.body, `t=${NOW},v1=${'0'.repeat(64)}`, 'WEBHOOK_SIGNATURE_INVALID'],
    ];
    for (const [body, signature, code] of cases) {
      const r = await post(body, signature);
      expect(r.statusCode).toBe(400);
      expect(r.json().error.code).toBe(code);
    }
    const stale = signedEvent(event, { timestamp: NOW - 301 });
    expect((await post(stale.body, stale.signature)).json().error.code).toBe('WEBHOOK_SIGNATURE_INVALID');
    const notJson = 'this is {not json';
    const signedGarbage = (await import('stripe')).default.webhooks.generateTestHeaderString({ payload: notJson, secret: TEST_WEBHOOK_SECRET, timestamp: NOW });
    expect((await post(notJson, signedGarbage)).json().error.code).toBe('WEBHOOK_MALFORMED');
    const noData = signedEvent({ id: 'evt_nodata', type: 'payment_intent.succeeded' }, { timestamp: NOW });
    expect((await post(noData.body, noData.signature)).json().error.code).toBe('WEBHOOK_MALFORMED');
    const huge = await post('x'.repeat(600 * 1024), good.signature);
    expect(huge.statusCode).toBe(413);

    expect(await invoiceOf(suite.t, invoice.id)).toMatchObject({ status: 'open', balance: 5_000 });
    expect(await paymentsOf(suite.t, c.id)).toEqual([]);
    expect((await send(event)).json().outcome).toBe('processed');
  });

  it('acknowledges event types and objects that are none of ours without storing them', async () => {
    const before = await queryRows<{ n: string }>(suite.database.db, sql`select count(*)::text as n from provider_events`);
    for (const event of [
      { id: 'evt_customer', type: 'customer.created', data: { object: { object: 'customer', id: 'cus_1' } } },
      { id: 'evt_foreign_intent', type: 'payment_intent.succeeded', data: { object: { object: 'payment_intent', id: 'pi_x', amount_received: 100, currency: 'eur', metadata: { shop: 'elsewhere' } } } },
      intentEvent('00000000-0000-4000-8000-00000000dead', '00000000-0000-4000-8000-00000000beef', { id: 'pi_noorg', amount_received: 100, currency: 'eur' }),
      intentEvent("x' or 1=1 --", 'also not a uuid', { id: 'pi_sqli', amount_received: 100, currency: 'eur' }),
    ]) {
      const r = await send(event);
      expect(r.statusCode, event.id).toBe(200);
      expect(r.json().outcome).toBe('ignored');
    }
    expect(await queryRows(suite.database.db, sql`select count(*)::text as n from provider_events`)).toEqual(before);
  });

  it('rejects money in another currency and leaves it to the team', async () => {
    const { c, invoice, onlinePaymentId } = await startedCheckout(suite.t, 'Wrong Currency', 10_000);
    const r = await send(intentEvent(suite.t.orgId, onlinePaymentId, { id: 'pi_usd', amount_received: 10_000, currency: 'usd' }));
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ outcome: 'rejected', detail: expect.stringContaining('USD') });
    expect(await paymentsOf(suite.t, c.id)).toEqual([]);
    expect(await invoiceOf(suite.t, invoice.id)).toMatchObject({ status: 'open' });
    const timeline = (await suite.t.call('GET', `/api/v1/events?entityId=${invoice.id}`)).json().data.map((e: { action: string }) => e.action);
    expect(timeline).toContain('online_payment.rejected');
    const [online] = (await suite.t.call('GET', `/api/v1/online-payments?customerId=${c.id}`)).json().data;
    expect(online).toMatchObject({ status: 'rejected', failureReason: expect.stringContaining('USD') });
  });

  it('never lets metadata reach another organization\'s payment', async () => {
    const ours = await startedCheckout(suite.t, 'Our Payer', 3_000);
    const theirs = await startedCheckout(suite.other, 'Their Payer', 3_000);
    const crossed = await send(intentEvent(suite.t.orgId, theirs.onlinePaymentId, { id: 'pi_cross1', amount_received: 3_000, currency: 'eur' }));
    expect(crossed.json().outcome).toBe('rejected');
    const invoiceAsPayment = await send(intentEvent(suite.other.orgId, ours.invoice.id, { id: 'pi_cross2', amount_received: 3_000, currency: 'eur' }));
    expect(invoiceAsPayment.json().outcome).toBe('rejected');
    expect(await paymentsOf(suite.t, ours.c.id)).toEqual([]);
    expect(await paymentsOf(suite.other, theirs.c.id)).toEqual([]);
    expect(await invoiceOf(suite.other, theirs.invoice.id)).toMatchObject({ status: 'open' });
  });

  it('records what actually arrived: a partial amount, or credit when the invoice was paid meanwhile', async () => {
    const partial = await startedCheckout(suite.t, 'Partial Payer', 10_000);
    expect((await send(intentEvent(suite.t.orgId, partial.onlinePaymentId, { id: 'pi_partial', amount_received: 4_000, currency: 'eur' }))).json().outcome).toBe('processed');
    expect(await invoiceOf(suite.t, partial.invoice.id)).toMatchObject({ status: 'partially_paid', balance: 6_000 });

    const late = await startedCheckout(suite.t, 'Double Payer', 7_000);
    await suite.t.call('POST', '/api/v1/payments', { customerId: late.c.id, amount: 7_000, currency: 'EUR', receivedOn: '2025-06-15', method: 'bank_transfer' });
    expect((await send(intentEvent(suite.t.orgId, late.onlinePaymentId, { id: 'pi_late', amount_received: 7_000, currency: 'eur' }))).json().outcome).toBe('processed');
    const card = (await paymentsOf(suite.t, late.c.id)).find((p: { source: string }) => p.source === 'stripe');
    expect(card).toMatchObject({ amount: 7_000, unallocated: 7_000 });
    expect((await suite.t.call('GET', `/api/v1/customers/${late.c.id}`)).json().credit).toEqual([{ currency: 'EUR', amount: 7_000 }]);
  });

  it('marks failed and abandoned checkouts for the team', async () => {
    const failed = await startedCheckout(suite.t, 'Declined Payer', 1_000);
    const r = await send(intentEvent(suite.t.orgId, failed.onlinePaymentId, { id: 'pi_failed', last_payment_error: { code: 'card_declined', decline_code: 'insufficient_funds' } }, 'payment_intent.payment_failed'));
    expect(r.json().outcome).toBe('processed');
    const abandoned = await startedCheckout(suite.t, 'Walked Away', 1_000);
    const expired = await send({ id: 'evt_expired', type: 'checkout.session.expired', created: NOW, data: { object: { object: 'checkout.session', id: 'cs_x', mode: 'payment', metadata: { punctual_org_id: suite.t.orgId, punctual_online_payment_id: abandoned.onlinePaymentId } } } });
    expect(expired.json().outcome).toBe('processed');
    const statuses = async (customerId: string) => (await suite.t.call('GET', `/api/v1/online-payments?customerId=${customerId}`)).json().data.map((p: { status: string; failureReason: string }) => [p.status, p.failureReason]);
    expect(await statuses(failed.c.id)).toEqual([['failed', 'insufficient_funds']]);
    expect(await statuses(abandoned.c.id)).toEqual([['expired', 'The customer left the payment page unpaid']]);
    expect(await invoiceOf(suite.t, failed.invoice.id)).toMatchObject({ status: 'open' });
  });
});
