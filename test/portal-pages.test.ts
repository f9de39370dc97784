import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { signedEvent } from './support/stripe-stand-in.ts';
import { newCustomer, newInvoice, portalCall, portalToken, usePortal } from './support/portal.ts';

const suite = usePortal();

function readQr(dataUrl: string): string {
  const png = PNG.sync.read(Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64'));
  const found = jsQR.default(new Uint8ClampedArray(png.data), png.width, png.height);
  if (!found) throw new Error('QR not readable');
  return found.data;
}

describe('what the customer sees', () => {
  it('lists open, paid and credited documents with the balance per currency', async () => {
    const c = await newCustomer(suite.t, { name: 'Balance Ltd' });
    const overdue = await newInvoice(suite.t, c.id, 10_000);
    const current = await newInvoice(suite.t, c.id, 4_000, { issueDate: '2025-06-10' });
    const paid = await newInvoice(suite.t, c.id, 2_500);
    const inUsd = await newInvoice(suite.t, c.id, 7_700, { currency: 'USD' });
    await suite.t.call('POST', '/api/v1/payments', { customerId: c.id, amount: 2_500, currency: 'EUR', receivedOn: '2025-05-20', method: 'bank_transfer', allocations: [{ invoiceId: paid.id, amount: 2_500 }] });
    await suite.t.call('POST', '/api/v1/payments', { customerId: c.id, amount: 300, currency: 'USD', receivedOn: '2025-05-20', method: 'bank_transfer', allocations: [] });
    const note = await suite.t.call('POST', `/api/v1/invoices/${current.id}/credit-notes`, { reason: 'Discount agreed', amount: 1_000 });
    expect(note.statusCode, note.body).toBe(201);
    await suite.t.call('POST', '/api/v1/invoices', { customerId: c.id, lines: [{ description: 'Draft, never shown', quantity: 1, unitPrice: 99 }] });
    const token = await portalToken(suite.t, c.id);

    const overview = (await portalCall(suite.app, token, 'GET', '/overview')).json();
    expect(overview.organization.name).toBe('Test Co');
    expect(overview.balances).toEqual([
      { currency: 'EUR', due: 13_000, overdue: 10_000, credit: 0 },
      { currency: 'USD', due: 7_700, overdue: 7_700, credit: 300 },
    ]);
    const byId = new Map(overview.documents.map((d: { id: string }) => [d.id, d]));
    expect(byId.size).toBe(5);
    expect(overview.documents.find((d: { kind: string }) => d.kind === 'credit_note')).toMatchObject({ total: 1_000, payable: false });
    expect(byId.get(overdue.id)).toMatchObject({ status: 'open', daysOverdue: 15, payable: true, payOnline: false, holds: [] });
    expect(byId.get(current.id)).toMatchObject({ daysOverdue: 0, payable: true, balance: 3_000, amountCredited: 1_000 });
    expect(byId.get(paid.id)).toMatchObject({ status: 'paid', balance: 0, payable: false });
    expect(byId.get(inUsd.id)).toMatchObject({ currency: 'USD', payable: true });
    expect(overview.online).toEqual({ payNow: false, autopay: { enrolled: false, method: null } });
    expect(overview.plans).toEqual({ planMaxInstallments: 3, planMaxDays: 90, planApprovalRequests: true });
    expect(overview.documents[0].payable).toBe(true);
  });

  it('shows an invoice with bank details and a payment QR a banking app reads, and records the view for the team', async () => {
    const account = await suite.t.call('POST', '/api/v1/settings/bank-accounts', { currency: 'EUR', iban: 'RO49AAAA1B31007593840000', bic: 'RNCBROBU', isDefault: true });
    expect(account.statusCode, account.body).toBe(201);
    const c = await newCustomer(suite.t, { name: 'Viewer SRL' });
    const invoice = await newInvoice(suite.t, c.id, 12_345);
    const token = await portalToken(suite.t, c.id);

    const shown = await portalCall(suite.app, token, 'GET', `/invoices/${invoice.id}`);
    expect(shown.statusCode, shown.body).toBe(200);
    const detail = shown.json();
    expect(detail).toMatchObject({ id: invoice.id, number: invoice.number, total: 12_345, balance: 12_345, payable: true });
    expect(detail.lines).toEqual([expect.objectContaining({ description: 'Design work', netAmount: 12_345 })]);
    const fields = Object.fromEntries(detail.bankTransfer.lines.map((l: { field: string; value: string }) => [l.field, l.value]));
    expect(fields).toMatchObject({ iban: 'RO49 AAAA 1B31 0075 9384 0000', amount: 'EUR 123.45' });
    expect(detail.bankTransfer.qr.kind).toBe('epc');
    const payload = readQr(detail.bankTransfer.qr.png);
    expect(payload).toContain('RO49AAAA1B31007593840000');
    expect(payload).toContain('EUR123.45');

    await portalCall(suite.app, token, 'GET', `/invoices/${invoice.id}`);
    suite.clock.set('2025-06-15T10:01:00Z');
    try {
      await portalCall(suite.app, token, 'GET', `/invoices/${invoice.id}`);
    } finally {
      suite.clock.set('2025-06-15T09:00:00Z');
    }
    const views = (await suite.t.call('GET', `/api/v1/invoices/${invoice.id}/portal-views`)).json();
    expect(views).toMatchObject({ invoiceId: invoice.id, views: 3, firstViewedAt: '2025-06-15T09:00:00.000Z', lastViewedAt: '2025-06-15T10:01:00.000Z' });
    const timeline = (await suite.t.call('GET', `/api/v1/events?entityId=${invoice.id}`)).json().data;
    const viewed = timeline.filter((e: { action: string }) => e.action === 'invoice.viewed');
    expect(viewed).toHaveLength(2);
    expect(viewed[1]).toMatchObject({ actorType: 'customer', after: { via: 'portal', firstView: true } });
  });

  it('says per line what VAT it carries, and why none where none is charged', async () => {
    expect((await suite.t.call('PATCH', '/api/v1/settings', { taxId: 'DE811907980' })).statusCode).toBe(200);
    const c = await newCustomer(suite.t, { name: 'Reverse Charge GmbH', taxId: 'DE123456789' });
    const invoice = await newInvoice(suite.t, c.id, 0, {
      lines: [
        { description: 'Hosting', quantity: 1, unitPrice: 10_000, taxRateBp: 1900 },
        { description: 'Course', quantity: 1, unitPrice: 20_000, taxCategory: 'E', taxExemptionCode: 'VATEX-EU-132-1I', taxExemptionReason: 'Art. 132 (1) (i)' },
        { description: 'Consulting', quantity: 1, unitPrice: 30_000, taxCategory: 'AE' },
      ],
    });
    const detail = (await portalCall(suite.app, await portalToken(suite.t, c.id), 'GET', `/invoices/${invoice.id}`)).json();
    expect(detail.lines.map((l: Record<string, unknown>) => [l.description, l.taxCategory, l.taxRateBp, l.taxExemptionCode, l.taxExemptionReason])).toEqual([
      ['Hosting', 'S', 1900, null, null],
      ['Course', 'E', 0, 'VATEX-EU-132-1I', 'Art. 132 (1) (i)'],
      ['Consulting', 'AE', 0, 'VATEX-EU-AE', null],
    ]);
  });

  it('downloads the PDF, the UBL e-invoice and the statement', async () => {
    // A Peppol e-invoice names both parties by their Peppol identifiers and the seller by its VAT number.
    const settings = await suite.t.call('PATCH', '/api/v1/settings', { taxId: 'DE811907980', electronicAddress: { scheme: '9930', value: 'DE811907980' } });
    expect(settings.statusCode, settings.body).toBe(200);
    const c = await newCustomer(suite.t, { name: 'Downloader GmbH', electronicAddress: { scheme: '0088', value: '5790000435975' } });
    const invoice = await newInvoice(suite.t, c.id, 9_900);
    const token = await portalToken(suite.t, c.id);

    const pdf = await portalCall(suite.app, token, 'GET', `/invoices/${invoice.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(`attachment; filename="${invoice.number}.pdf"`);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const ubl = await portalCall(suite.app, token, 'GET', `/invoices/${invoice.id}/ubl`);
    expect(ubl.statusCode, ubl.body).toBe(200);
    expect(ubl.headers['content-type']).toContain('application/xml');
    expect(ubl.body).toContain(`<cbc:ID>${invoice.number}</cbc:ID>`);
    expect(ubl.body).toContain('peppol');

    const statement = (await portalCall(suite.app, token, 'GET', '/statement')).json();
    expect(statement.sections).toEqual([expect.objectContaining({ currency: 'EUR', totalDue: 9_900 })]);
    const statementPdf = await portalCall(suite.app, token, 'GET', '/statement/pdf');
    expect(statementPdf.headers['content-type']).toBe('application/pdf');
    expect(statementPdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('offers bank transfer only when no payment provider is configured', async () => {
    const c = await newCustomer(suite.t, { name: 'Transfer Only' });
    const invoice = await newInvoice(suite.t, c.id, 1_000);
    const token = await portalToken(suite.t, c.id);
    const checkout = await portalCall(suite.app, token, 'POST', '/checkout', { invoiceIds: [invoice.id] });
    expect(checkout.statusCode).toBe(409);
    expect(checkout.json().error.code).toBe('ONLINE_PAYMENT_UNAVAILABLE');
    expect((await portalCall(suite.app, token, 'POST', '/autopay')).statusCode).toBe(409);
    const { body, signature } = signedEvent({ id: 'evt_1', type: 'payment_intent.succeeded', data: { object: {} } });
    const webhook = await suite.app.inject({ method: 'POST', url: '/webhooks/stripe', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, payload: body });
    expect(webhook.statusCode).toBe(409);
  });
});
