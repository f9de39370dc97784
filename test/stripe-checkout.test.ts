import { describe, expect, it } from 'vitest';
import { newCustomer, newInvoice, portalCall, portalToken, usePortal } from './support/portal.ts';

const suite = usePortal({ stripe: true });

function sessionCalls() {
  return suite.stripe!.calls.filter((c) => c.method === 'POST' && c.path === '/v1/checkout/sessions');
}

describe('pay now through Stripe Checkout', () => {
  it('opens a Checkout Session for the balance, naming our online payment in the metadata', async () => {
    suite.stripe!.reset();
    const c = await newCustomer(suite.t, { name: 'Card Payer' });
    const invoice = await newInvoice(suite.t, c.id, 12_345);
    const token = await portalToken(suite.t, c.id);
    const overview = (await portalCall(suite.app, token, 'GET', '/overview')).json();
    expect(overview.online.payNow).toBe(true);
    expect(overview.documents[0].payOnline).toBe(true);

    const r = await portalCall(suite.app, token, 'POST', '/checkout', { invoiceIds: [invoice.id] });
    expect(r.statusCode, r.body).toBe(201);
    const { onlinePaymentId, url } = r.json();
    expect(url).toMatch(/^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_test_\d+$/);
    const [call] = sessionCalls();
    expect(call!.authorization).toBe('Bearer sk_test_local');
    expect(call!.idempotencyKey).toBe(`checkout-${onlinePaymentId}`);
    expect(call!.form).toMatchObject({
      mode: 'payment',
      client_reference_id: onlinePaymentId,
      'line_items[0][quantity]': '1',
      'line_items[0][price_data][currency]': 'eur',
      'line_items[0][price_data][unit_amount]': '12345',
      'line_items[0][price_data][product_data][name]': invoice.number,
      'metadata[punctual_org_id]': suite.t.orgId,
      'metadata[punctual_online_payment_id]': onlinePaymentId,
      'payment_intent_data[metadata][punctual_org_id]': suite.t.orgId,
      'payment_intent_data[metadata][punctual_online_payment_id]': onlinePaymentId,
      locale: 'en',
      success_url: `http://localhost:3000/portal?paid=${onlinePaymentId}`,
      cancel_url: `http://localhost:3000/portal?cancelled=${onlinePaymentId}`,
    });

    const team = (await suite.t.call('GET', `/api/v1/online-payments?customerId=${c.id}`)).json().data;
    expect(team).toEqual([expect.objectContaining({ id: onlinePaymentId, kind: 'checkout', status: 'pending', amount: 12_345, currency: 'EUR', allocations: [{ invoiceId: invoice.id, amount: 12_345 }] })]);
    expect((await suite.other.call('GET', `/api/v1/online-payments?customerId=${c.id}`)).json().data).toEqual([]);
  });

  it('pays several invoices of one currency in one session', async () => {
    suite.stripe!.reset();
    const c = await newCustomer(suite.t, { name: 'Bulk Payer' });
    const a = await newInvoice(suite.t, c.id, 1_000);
    const b = await newInvoice(suite.t, c.id, 2_000);
    const token = await portalToken(suite.t, c.id);
    const r = await portalCall(suite.app, token, 'POST', '/checkout', { invoiceIds: [a.id, b.id] });
    expect(r.statusCode, r.body).toBe(201);
    expect(sessionCalls()[0]!.form).toMatchObject({ 'line_items[0][price_data][unit_amount]': '1000', 'line_items[1][price_data][unit_amount]': '2000' });
  });

  it('sends Vietnamese dong whole and rupiah with two decimals, in the customer\'s language', async () => {
    suite.stripe!.reset();
    const vn = await newCustomer(suite.t, { name: 'Công ty Bình Minh', currency: 'VND', locale: 'vi' });
    const vnd = await newInvoice(suite.t, vn.id, 5_500_000, { currency: 'VND' });
    const idn = await newCustomer(suite.t, { name: 'PT Maju Jaya', currency: 'IDR', locale: 'id' });
    const idr = await newInvoice(suite.t, idn.id, 150_000_00, { currency: 'IDR' });
    expect((await portalCall(suite.app, await portalToken(suite.t, vn.id), 'POST', '/checkout', { invoiceIds: [vnd.id] })).statusCode).toBe(201);
    expect((await portalCall(suite.app, await portalToken(suite.t, idn.id), 'POST', '/checkout', { invoiceIds: [idr.id] })).statusCode).toBe(201);
    const [first, second] = sessionCalls();
    expect(first!.form).toMatchObject({ 'line_items[0][price_data][currency]': 'vnd', 'line_items[0][price_data][unit_amount]': '5500000', locale: 'vi' });
    expect(second!.form).toMatchObject({ 'line_items[0][price_data][currency]': 'idr', 'line_items[0][price_data][unit_amount]': '15000000', locale: 'id' });
  });

  it('refuses what cannot be paid online, and leaves Stripe alone', async () => {
    suite.stripe!.reset();
    const c = await newCustomer(suite.t, { name: 'Refused Payer' });
    const eur = await newInvoice(suite.t, c.id, 1_000);
    const usd = await newInvoice(suite.t, c.id, 1_000, { currency: 'USD' });
    const kwd = await newInvoice(suite.t, c.id, 12_345, { currency: 'KWD' });
    const paid = await newInvoice(suite.t, c.id, 500);
    await suite.t.call('POST', '/api/v1/payments', { customerId: c.id, amount: 500, currency: 'EUR', receivedOn: '2025-06-01', method: 'cash', allocations: [{ invoiceId: paid.id, amount: 500 }] });
    const stranger = await newInvoice(suite.t, (await newCustomer(suite.t, { name: 'Stranger' })).id, 1_000);
    const foreign = await newInvoice(suite.other, (await newCustomer(suite.other, { name: 'Foreign' })).id, 1_000);
    const token = await portalToken(suite.t, c.id);
    const cases: [unknown, number, string][] = [
      [{ invoiceIds: [eur.id, usd.id] }, 422, 'CURRENCY_MISMATCH'],
      [{ invoiceIds: [kwd.id] }, 422, 'AMOUNT_NOT_CHARGEABLE'],
      [{ invoiceIds: [paid.id] }, 409, 'INVOICE_ALREADY_PAID'],
      [{ invoiceIds: [eur.id, stranger.id] }, 404, 'INVOICE_NOT_FOUND'],
      [{ invoiceIds: [foreign.id] }, 404, 'INVOICE_NOT_FOUND'],
      [{ invoiceIds: [] }, 400, 'VALIDATION_FAILED'],
      [{ invoiceIds: [eur.id, eur.id] }, 400, 'VALIDATION_FAILED'],
      [{ invoiceIds: ['not-a-uuid'] }, 400, 'VALIDATION_FAILED'],
      [{ invoiceIds: Array.from({ length: 51 }, () => eur.id) }, 400, 'VALIDATION_FAILED'],
      [{ invoiceIds: [eur.id], amount: 1 }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of cases) {
      const r = await portalCall(suite.app, token, 'POST', '/checkout', body);
      expect(r.statusCode, JSON.stringify(body).slice(0, 100)).toBe(status);
      expect(r.json().error.code).toBe(code);
    }
    expect(sessionCalls()).toEqual([]);
    const docs = (await portalCall(suite.app, token, 'GET', '/overview')).json().documents;
    expect(docs.find((d: { id: string }) => d.id === kwd.id).payOnline).toBe(false);
    expect((await suite.t.call('GET', `/api/v1/online-payments?customerId=${c.id}`)).json().data).toEqual([]);
  });

  it('tells the customer when Stripe cannot be reached, without Stripe\'s details or our key', async () => {
    suite.stripe!.reset();
    suite.stripe!.on('POST', /^\/v1\/checkout\/sessions$/, () => ({ status: 500, body: { error: { type: 'api_error', message: 'sk_test_local exploded' } } }));
    const c = await newCustomer(suite.t, { name: 'Unlucky Payer' });
    const invoice = await newInvoice(suite.t, c.id, 1_000);
    const r = await portalCall(suite.app, await portalToken(suite.t, c.id), 'POST', '/checkout', { invoiceIds: [invoice.id] });
    expect(r.statusCode).toBe(502);
    expect(r.json().error.code).toBe('PAYMENT_PROVIDER_ERROR');
    expect(r.body).not.toContain('sk_test');
    const [attempt] = (await suite.t.call('GET', `/api/v1/online-payments?customerId=${c.id}`)).json().data;
    expect(attempt).toMatchObject({ status: 'failed' });
    suite.stripe!.reset();
  });
});
