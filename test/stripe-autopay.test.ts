import { describe, expect, it } from 'vitest';
import type { Tenant } from './support/app.ts';
import { newCustomer, newInvoice, portalCall, portalToken, usePortal } from './support/portal.ts';
import { signedEvent } from './support/stripe-stand-in.ts';
import { autopayCharger, chargeAutopay } from '../src/services/portal/autopay-charge.ts';
import { runRecurringInvoices } from '../src/services/terms/run-recurring.ts';

const suite = usePortal({ stripe: true });
const NOW = Date.parse('2025-06-15T09:00:00Z') / 1000;

function send(event: Record<string, unknown>) {
  const { body, signature } = signedEvent({ created: NOW, ...event }, { timestamp: NOW });
  return suite.app.inject({ method: 'POST', url: '/webhooks/stripe', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, payload: body });
}

function setupCompleted(id: string, orgId: string, onlinePaymentId: string, customer: string) {
  return {
    id,
    type: 'checkout.session.completed',
    data: { object: { object: 'checkout.session', id: 'cs_setup', mode: 'setup', setup_intent: 'seti_test_1', customer, metadata: { punctual_org_id: orgId, punctual_online_payment_id: onlinePaymentId } } },
  };
}

/** Enrolls a new customer through the portal and the signed setup event; returns the customer and its token. */
async function enrolled(t: Tenant, name: string) {
  const c = await newCustomer(t, { name, contacts: [{ name: 'Payer', email: `${name.replace(/\W/g, '').toLowerCase()}@example.com` }] });
  const token = await portalToken(t, c.id, { contactId: c.contacts[0]!.id });
  const started = await portalCall(suite.app, token, 'POST', '/autopay');
  expect(started.statusCode, started.body).toBe(201);
  const stripeCustomer = suite.stripe!.calls.filter((x) => x.method === 'POST' && x.path === '/v1/customers').at(-1)!;
  const session = suite.stripe!.calls.filter((x) => x.path === '/v1/checkout/sessions').at(-1)!;
  const done = await send(setupCompleted(`evt_setup_${c.id}`, t.orgId, started.json().onlinePaymentId, session.form.customer!));
  expect(done.json().outcome, done.body).toBe('processed');
  return { c, token, stripeCustomerId: session.form.customer!, stripeCustomerCall: stripeCustomer };
}

const ctxOf = (t: Tenant) => ({ ...t.ctx, actor: { type: 'system' as const, id: 'recurring' } });

describe('autopay enrollment', () => {
  it('saves a card through Checkout in setup mode and turns autopay on from the signed setup event', async () => {
    suite.stripe!.reset();
    const { c, token, stripeCustomerId, stripeCustomerCall } = await enrolled(suite.t, 'Subscriber SRL');
    expect(stripeCustomerCall.form).toMatchObject({ name: 'Subscriber SRL', email: 'subscribersrl@example.com', 'metadata[punctual_customer_id]': c.id });
    expect(stripeCustomerCall.idempotencyKey).toBe(`customer-${suite.t.orgId}-${c.id}`);
    const session = suite.stripe!.calls.find((x) => x.path === '/v1/checkout/sessions')!;
    expect(session.form).toMatchObject({ mode: 'setup', customer: stripeCustomerId, currency: 'eur', 'setup_intent_data[metadata][punctual_org_id]': suite.t.orgId });
    const defaulted = suite.stripe!.calls.find((x) => x.path === `/v1/customers/${stripeCustomerId}`)!;
    expect(defaulted.form).toEqual({ 'invoice_settings[default_payment_method]': 'pm_test_visa' });

    expect((await portalCall(suite.app, token, 'GET', '/overview')).json().online.autopay).toEqual({ enrolled: true, method: 'visa •••• 4242' });
    expect((await suite.t.call('GET', `/api/v1/customers/${c.id}/autopay`)).json()).toMatchObject({ enrolled: true, method: 'visa •••• 4242', enrolledAt: '2025-06-15T09:00:00.000Z' });
    const events = (await suite.t.call('GET', `/api/v1/events?entityId=${c.id}`)).json().data.map((e: { action: string }) => e.action);
    expect(events).toEqual(expect.arrayContaining(['autopay.enrolled', 'autopay.enrollment_started', 'provider_customer.created']));
  });

  it('does not enroll on a replayed event or one naming another provider customer', async () => {
    suite.stripe!.reset();
    const c = await newCustomer(suite.t, { name: 'Cautious Subscriber' });
    const token = await portalToken(suite.t, c.id);
    const started = (await portalCall(suite.app, token, 'POST', '/autopay')).json();
    const other = await send(setupCompleted('evt_setup_other_customer', suite.t.orgId, started.onlinePaymentId, 'cus_someone_else'));
    expect(other.json().outcome).toBe('rejected');
    expect((await suite.t.call('GET', `/api/v1/customers/${c.id}/autopay`)).json().enrolled).toBe(false);
    const replay = await send(setupCompleted('evt_setup_other_customer', suite.t.orgId, started.onlinePaymentId, 'cus_someone_else'));
    expect(replay.json().outcome).toBe('duplicate');
    expect(suite.stripe!.calls.filter((x) => x.path.startsWith('/v1/setup_intents') || x.path === '/v1/customers/cus_someone_else')).toEqual([]);
  });

  it('turns autopay off from the portal and has Stripe forget the card', async () => {
    suite.stripe!.reset();
    const { c, token } = await enrolled(suite.t, 'Leaving Subscriber');
    const off = await portalCall(suite.app, token, 'DELETE', '/autopay');
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toEqual({ methodForgotten: true });
    expect(suite.stripe!.calls.some((x) => x.path === '/v1/payment_methods/pm_test_visa/detach')).toBe(true);
    expect((await suite.t.call('GET', `/api/v1/customers/${c.id}/autopay`)).json().enrolled).toBe(false);
    const again = await suite.t.call('DELETE', `/api/v1/customers/${c.id}/autopay`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('AUTOPAY_NOT_ENROLLED');
    const invoice = await newInvoice(suite.t, c.id, 1_000);
    expect(await chargeAutopay(ctxOf(suite.t), suite.payments, invoice.id)).toMatchObject({ ok: false, code: 'AUTOPAY_NOT_ENROLLED' });
    expect((await suite.other.call('DELETE', `/api/v1/customers/${c.id}/autopay`)).statusCode).toBe(404);
  });
});

describe('charging a recurring invoice off-session', () => {
  it('charges the saved card, records the payment at once, and ignores Stripe\'s later event for it', async () => {
    suite.stripe!.reset();
    const { c, stripeCustomerId } = await enrolled(suite.t, 'Monthly Client');
    const invoice = await newInvoice(suite.t, c.id, 49_00);
    const charged = await chargeAutopay(ctxOf(suite.t), suite.payments, invoice.id);
    expect(charged).toMatchObject({ ok: true, value: { status: 'succeeded' } });
    const call = suite.stripe!.calls.find((x) => x.path === '/v1/payment_intents')!;
    expect(call.form).toMatchObject({ amount: '4900', currency: 'eur', customer: stripeCustomerId, payment_method: 'pm_test_visa', off_session: 'true', confirm: 'true' });
    expect(call.idempotencyKey).toMatch(/^off-session-/);
    expect((await suite.t.call('GET', `/api/v1/invoices/${invoice.id}`)).json()).toMatchObject({ status: 'paid' });
    const [payment] = (await suite.t.call('GET', `/api/v1/payments?customerId=${c.id}`)).json().data;
    expect(payment).toMatchObject({ source: 'stripe', method: 'card', amount: 49_00 });

    if (!charged.ok) throw new Error(charged.message);
    const later = await send({ id: 'evt_offsession_ok', type: 'payment_intent.succeeded', data: { object: { object: 'payment_intent', id: payment.externalId, amount_received: 49_00, currency: 'eur', metadata: { punctual_org_id: suite.t.orgId, punctual_online_payment_id: charged.value.onlinePaymentId } } } });
    expect(later.json().outcome).toBe('ignored');
    expect((await suite.t.call('GET', `/api/v1/payments?customerId=${c.id}`)).json().data).toHaveLength(1);
    expect(await chargeAutopay(ctxOf(suite.t), suite.payments, invoice.id)).toMatchObject({ ok: false, code: 'INVOICE_ALREADY_PAID' });
  });

  it('never charges one invoice twice while a charge is under way; the webhook then records it', async () => {
    suite.stripe!.reset();
    const { c } = await enrolled(suite.t, 'Slow Bank Client');
    suite.stripe!.on('POST', /^\/v1\/payment_intents$/, () => ({ status: 200, body: { id: 'pi_processing', object: 'payment_intent', status: 'processing', amount: 2_000, amount_received: 0, currency: 'eur' } }));
    const invoice = await newInvoice(suite.t, c.id, 2_000);
    const first = await chargeAutopay(ctxOf(suite.t), suite.payments, invoice.id);
    expect(first).toMatchObject({ ok: true, value: { status: 'processing' } });
    expect(await chargeAutopay(ctxOf(suite.t), suite.payments, invoice.id)).toMatchObject({ ok: false, code: 'AUTOPAY_ALREADY_CHARGED' });
    if (!first.ok) throw new Error(first.message);
    const settled = await send({ id: 'evt_processing_done', type: 'payment_intent.succeeded', data: { object: { object: 'payment_intent', id: 'pi_processing', amount_received: 2_000, currency: 'eur', metadata: { punctual_org_id: suite.t.orgId, punctual_online_payment_id: first.value.onlinePaymentId } } } });
    expect(settled.json().outcome).toBe('processed');
    expect((await suite.t.call('GET', `/api/v1/invoices/${invoice.id}`)).json().status).toBe('paid');
  });

  it('leaves a declined invoice open for the usual reminders and tells the team', async () => {
    suite.stripe!.reset();
    const { c } = await enrolled(suite.t, 'Broke Client');
    suite.stripe!.on('POST', /^\/v1\/payment_intents$/, () => ({
      status: 402,
      body: { error: { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.', payment_intent: { id: 'pi_declined', object: 'payment_intent', status: 'requires_payment_method' } } },
    }));
    const invoice = await newInvoice(suite.t, c.id, 3_000);
    expect(await chargeAutopay(ctxOf(suite.t), suite.payments, invoice.id)).toMatchObject({ ok: true, value: { status: 'declined', reason: 'insufficient_funds' } });
    expect((await suite.t.call('GET', `/api/v1/invoices/${invoice.id}`)).json()).toMatchObject({ status: 'open', balance: 3_000 });
    const timeline = (await suite.t.call('GET', `/api/v1/events?entityId=${invoice.id}`)).json().data.map((e: { action: string }) => e.action);
    expect(timeline).toContain('autopay.declined');
    suite.stripe!.reset();
    expect(await chargeAutopay(ctxOf(suite.t), suite.payments, invoice.id)).toMatchObject({ ok: true, value: { status: 'succeeded' } });
  });

  it('refuses invoices of another organization and unknown ones', async () => {
    const theirs = await newInvoice(suite.other, (await newCustomer(suite.other, { name: 'Not Ours' })).id, 1_000);
    expect(await chargeAutopay(ctxOf(suite.t), suite.payments, theirs.id)).toMatchObject({ ok: false, code: 'INVOICE_NOT_FOUND' });
    expect(await chargeAutopay(ctxOf(suite.t), null, theirs.id)).toMatchObject({ ok: false, code: 'ONLINE_PAYMENT_UNAVAILABLE' });
  });
});

describe('recurring invoices with autopay', () => {
  it('charges the enrolled customer as the run issues the invoice, and tells the team when it cannot', async () => {
    suite.stripe!.reset();
    const { c: enrolledCustomer } = await enrolled(suite.t, 'Retainer Client');
    const notEnrolled = await newCustomer(suite.t, { name: 'Forgetful Client' });
    for (const customer of [enrolledCustomer, notEnrolled]) {
      const schedule = await suite.t.call('POST', '/api/v1/recurring-invoices', {
        customerId: customer.id,
        name: 'Monthly retainer',
        frequency: 'monthly',
        startDate: '2025-06-15',
        autopay: true,
        sendEmail: false,
        template: { lines: [{ description: 'Retainer', quantity: 1, unitPrice: 80_000, taxRateBp: 0 }] },
      });
      expect(schedule.statusCode, schedule.body).toBe(201);
    }
    await runRecurringInvoices(suite.database.db, suite.clock, { autoCharge: autopayCharger(suite.payments) });

    const [charged] = (await suite.t.call('GET', `/api/v1/invoices?customerId=${enrolledCustomer.id}`)).json().data;
    expect(charged).toMatchObject({ status: 'paid', total: 80_000 });
    expect(suite.stripe!.calls.filter((x) => x.path === '/v1/payment_intents')).toHaveLength(1);
    const [open] = (await suite.t.call('GET', `/api/v1/invoices?customerId=${notEnrolled.id}`)).json().data;
    expect(open).toMatchObject({ status: 'open', balance: 80_000 });
    const timeline = (await suite.t.call('GET', `/api/v1/events?entityId=${open.id}`)).json().data;
    expect(timeline.find((e: { action: string }) => e.action === 'autopay.not_charged')).toMatchObject({ after: { code: 'AUTOPAY_NOT_ENROLLED' } });
  });
});
