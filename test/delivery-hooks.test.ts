import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMessage } from '../src/db/repositories/delivery.ts';
import type { App } from '../src/http/server.ts';
import { attachmentRenderers, onDeliveryFailed, stillWantedByKind } from '../src/jobs/delivery-hooks.ts';
import type { EmailMessage } from '../src/channels/types.ts';
import { deliverDueMessages } from '../src/services/delivery/deliver-due.ts';
import { permanentFailure } from '../src/channels/types.ts';
import { testApp, tenant, type Tenant, type TestClock } from './support/app.ts';
import { testDatabase } from './support/database.ts';
import { deliveryDeps, localChannels, queue } from './support/delivery.ts';

// The hooks `punctual start` and `punctual worker` deliver with: the dunning area's still-wanted check for
// reminders, and a follow-up task when a message fails for good.
let database: Awaited<ReturnType<typeof testDatabase>>;
let app: App;
let clock: TestClock;
let t: Tenant;
let customerId: string;

beforeAll(async () => {
  database = await testDatabase();
  ({ app, clock } = await testApp(database, '2025-07-15T09:00:00Z'));
  t = await tenant(database, app, clock);
  const customer = await t.call('POST', '/api/v1/customers', { name: 'Công ty TNHH Sao Mai', currency: 'EUR', paymentTerms: 'net_30', contacts: [{ name: 'Lan', email: 'lan@saomai.vn' }] });
  expect(customer.statusCode, customer.body).toBe(201);
  customerId = customer.json().id;
});
afterAll(async () => {
  await app.close();
  await database.dispose();
});

async function openInvoice(amount: number): Promise<string> {
  return (await issued(amount)).id;
}

async function issued(amount: number): Promise<{ id: string; number: string }> {
  const r = await t.call('POST', '/api/v1/invoices', { customerId, issueDate: '2025-06-01', issue: true, lines: [{ description: 'Work', quantity: 1, unitPrice: amount }] });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

describe('the delivery hooks of the running application', () => {
  it('cancels a reminder whose invoice was paid before it went out, and sends one for an invoice still owed', async () => {
    const paid = await openInvoice(10_000);
    const owed = await openInvoice(20_000);
    const payment = await t.call('POST', '/api/v1/payments', { customerId, amount: 10_000, currency: 'EUR', receivedOn: '2025-07-14', method: 'bank_transfer', allocations: [{ invoiceId: paid, amount: 10_000 }] });
    expect(payment.statusCode, payment.body).toBe(201);
    // As a tick that read the invoice before the payment committed would have queued it.
    const [late, due] = await queue(database, t.orgId, clock, [
      { kind: 'reminder', customerId, invoiceIds: [paid], subject: 'Paid meanwhile', bodyText: 'a' },
      { kind: 'reminder', customerId, invoiceIds: [owed], subject: 'Still owed', bodyText: 'b' },
    ]);
    const report = await deliverDueMessages(deliveryDeps(database, clock, localChannels(clock), { stillWanted: stillWantedByKind }));
    expect(report).toMatchObject({ sent: 1, cancelled: 1 });
    expect((await findMessage(database.db, t.orgId, late!.id))!.status).toBe('cancelled');
    expect((await findMessage(database.db, t.orgId, due!.id))!.status).toBe('sent');
  });

  it('records the truth when a payment cancels a reminder that is already on its way: sent, and flagged', async () => {
    const invoice = await openInvoice(7_000);
    const [row] = await queue(database, t.orgId, clock, [{ kind: 'reminder', customerId, invoiceIds: [invoice], subject: 'Racing a payment', bodyText: 'c' }]);
    // The payment lands while the SMTP server is taking the message.
    const racing = {
      transport: 'smtp',
      send: async () => {
        const r = await t.call('POST', '/api/v1/payments', { customerId, amount: 7_000, currency: 'EUR', receivedOn: '2025-07-15', method: 'card', allocations: [{ invoiceId: invoice, amount: 7_000 }] });
        expect(r.statusCode, r.body).toBe(201);
        expect((await findMessage(database.db, t.orgId, row!.id))!.status).toBe('cancelled');
        return { ok: true as const, transport: 'smtp', providerMessageId: `<${row!.id}@mail.punctual.test>` };
      },
    };
    expect(await deliverDueMessages(deliveryDeps(database, clock, localChannels(clock, { email: racing }), { stillWanted: stillWantedByKind }))).toMatchObject({ sent: 1 });
    expect(await findMessage(database.db, t.orgId, row!.id)).toMatchObject({ status: 'sent', providerMessageId: `<${row!.id}@mail.punctual.test>` });
    const events = (await t.call('GET', `/api/v1/events?entityId=${row!.id}`)).json().data;
    expect(events.find((e: { action: string }) => e.action === 'message.sent').after).toMatchObject({ cancelledWhileSending: true });
  });

  it('opens a task due today for the collectors when a message to the customer fails for good', async () => {
    const invoice = await openInvoice(5_000);
    const [row] = await queue(database, t.orgId, clock, [{ kind: 'reminder', customerId, invoiceIds: [invoice], recipient: 'gone@saomai.vn', subject: 'Reminder', bodyText: 'x' }]);
    const bouncing = { transport: 'smtp', send: async () => permanentFailure('smtp', 'EENVELOPE at RCPT TO: 550 5.1.1 No such user', true) };
    const report = await deliverDueMessages(deliveryDeps(database, clock, localChannels(clock, { email: bouncing }), { stillWanted: stillWantedByKind, onFailed: onDeliveryFailed }));
    expect(report).toMatchObject({ failed: 1 });
    const tasks = (await t.call('GET', '/api/v1/tasks?due=today')).json();
    const task = (tasks.data ?? tasks).find((x: { note?: string }) => x.note?.includes(row!.id));
    expect(task).toMatchObject({ customerId, dueOn: '2025-07-15', invoiceIds: [invoice], title: 'gone@saomai.vn cannot receive email: find another way to reach them' });
    expect(task.note).toContain('550 5.1.1 No such user');
  });

  it('attaches the invoice PDF a message asks for, and retries when the invoice cannot be rendered', async () => {
    const invoice = await issued(12_345);
    const [withPdf, missing] = await queue(database, t.orgId, clock, [
      { kind: 'invoice', customerId, invoiceIds: [invoice.id], subject: 'Your invoice', bodyText: 'Attached', payload: { attachments: [{ kind: 'invoice_pdf', invoiceId: invoice.id }] } },
      { kind: 'invoice', customerId, subject: 'Lost', bodyText: 'x', payload: { attachments: [{ kind: 'invoice_pdf', invoiceId: '0197a1b2-0000-7000-8000-00000000dead' }] } },
    ]);
    const sent: EmailMessage[] = [];
    const capture = { transport: 'smtp', send: async (m: EmailMessage) => (sent.push(m), { ok: true as const, transport: 'smtp', providerMessageId: m.messageId }) };
    expect(await deliverDueMessages(deliveryDeps(database, clock, localChannels(clock, { email: capture }), { attachments: attachmentRenderers }))).toMatchObject({ sent: 1, retried: 1 });
    expect(sent.map((m) => m.subject)).toEqual(['Your invoice']);
    const [pdf] = sent[0]!.attachments;
    expect([pdf!.filename, pdf!.contentType]).toEqual([`${invoice.number}.pdf`, 'application/pdf']);
    expect(pdf!.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(await findMessage(database.db, t.orgId, withPdf!.id)).toMatchObject({ status: 'sent' });
    expect((await findMessage(database.db, t.orgId, missing!.id))!.lastError).toMatch(/^Rendering the invoice_pdf attachment failed: INVOICE_NOT_FOUND/);
  });
});
