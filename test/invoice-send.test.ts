import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/raw.ts';
import { createApiKey } from '../src/services/organizations.ts';
import { invoicePdfAttachment } from '../src/services/delivery/invoice-attachment.ts';
import { findOutboxByKey } from '../src/db/repositories/outbox.ts';
import { pdfText } from '../src/documents/pdf/test-support.ts';
import { hashPortalToken } from '../src/services/portal/links.ts';
import { newCustomer, newInvoice, portalCall, usePortal } from './support/portal.ts';
import type { Tenant } from './support/app.ts';

const suite = usePortal();
const flat = (text: string) => text.replace(/\s+/gu, ' ');

const TWO_CONTACTS = {
  name: 'Fabrica Ștefănești',
  locale: 'ro',
  contacts: [
    { name: 'Ioana', email: 'ioana@fabrica.example', role: 'primary', isPrimary: true },
    { name: 'Mihai', email: 'Contabil@Fabrica.example', role: 'billing' },
    { name: 'Paul', phone: '+40721000000', role: 'other' },
  ],
};

type Contact = { id: string; name: string; email: string | null };

async function customerWithContacts(body: Record<string, unknown> = TWO_CONTACTS) {
  const c = (await newCustomer(suite.t, body)) as unknown as { id: string; contacts: Contact[] };
  const by = (name: string) => c.contacts.find((x) => x.name === name)!;
  return { ...c, by };
}

function send(t: Tenant, invoiceId: string, body?: unknown, headers: Record<string, string> = {}) {
  return suite.app.inject({
    method: 'POST',
    url: `/api/v1/invoices/${invoiceId}/send`,
    headers: { authorization: `Bearer ${t.key}`, ...headers },
    ...(body === undefined ? {} : { payload: body as object }),
  });
}

interface Written {
  outbox: number;
  events: number;
  links: number;
}

async function written(orgId: string): Promise<Written> {
  const [row] = await queryRows<{ outbox: number; events: number; links: number }>(
    suite.database.db,
    sql`select (select count(*)::int from outbox where org_id = ${orgId}) as outbox,
               (select count(*)::int from events where org_id = ${orgId}) as events,
               (select count(*)::int from portal_links where org_id = ${orgId}) as links`,
  );
  return row!;
}

async function outboxRow(id: string) {
  const [row] = await queryRows<{ recipient: string; subject: string; body_text: string; body_html: string; payload: Record<string, unknown>; idempotency_key: string; invoice_ids: string[] }>(
    suite.database.db,
    sql`select recipient, subject, body_text, body_html, payload, idempotency_key, invoice_ids from outbox where id = ${id}`,
  );
  return row!;
}

async function sentEvents(t: Tenant, entityId: string) {
  const events = (await t.call('GET', `/api/v1/events?entityId=${entityId}`)).json().data as { action: string; entityType: string; after: Record<string, unknown> }[];
  return events.filter((e) => e.action === 'invoice.sent');
}

const LINK = /http:\/\/localhost:\d+\/portal#([A-Za-z0-9_-]{32})/u;

describe('POST /invoices/:id/send', () => {
  it("emails the invoice to its billing contact in the customer's language, with the PDF and a portal link of that contact's own", async () => {
    // With an account to pay into, the PDF prints how to pay, the portal address among it.
    const account = await suite.t.call('POST', '/api/v1/settings/bank-accounts', { currency: 'EUR', iban: 'RO49AAAA1B31007593840000', bic: 'RNCBROBU', isDefault: true });
    expect(account.statusCode, account.body).toBe(201);
    const c = await customerWithContacts();
    const invoice = await newInvoice(suite.t, c.id, 48_000, { billingContactId: c.by('Mihai').id });
    const r = await send(suite.t, invoice.id);
    expect(r.statusCode, r.body).toBe(202);
    const queued = r.json();
    expect(queued).toMatchObject({ kind: 'invoice', channel: 'email', recipient: 'Contabil@Fabrica.example', contactId: c.by('Mihai').id, status: 'pending', repeated: false });
    expect(queued.idempotencyKey).toBe(`invoice:${invoice.id}:send:${c.by('Mihai').id}:at:2025-06-15T09:00Z`);

    const row = await outboxRow(queued.id);
    expect(row.subject).toBe(`Factura nr. ${invoice.number} de la Test Co`);
    expect(row.invoice_ids).toEqual([invoice.id]);
    expect(row.payload).toMatchObject({ invoiceId: invoice.id, locale: 'ro', contactId: c.by('Mihai').id, attachments: [{ kind: 'invoice_pdf', invoiceId: invoice.id }] });
    expect(row.body_text).toContain('Mihai');
    const token = LINK.exec(row.body_text)![1]!;
    expect(row.body_html).toContain(`/portal#${token}`);

    const [link] = await queryRows<{ id: string; contact_id: string; origin: string; customer_id: string }>(
      suite.database.db,
      sql`select id, contact_id, origin, customer_id from portal_links where token_hash = ${hashPortalToken(token)}`,
    );
    expect(link).toEqual({ id: row.payload.portalLinkId, contact_id: c.by('Mihai').id, origin: 'invoice', customer_id: c.id });
    const portal = await portalCall(suite.app, token, 'GET', '/overview');
    expect(portal.statusCode, portal.body).toBe(200);
    expect(portal.json().documents.map((d: { id: string }) => d.id)).toEqual([invoice.id]);
    expect((await portalCall(suite.app, token, 'GET', `/invoices/${invoice.id}`)).statusCode).toBe(200);

    for (const entityId of [invoice.id, c.id]) {
      const events = await sentEvents(suite.t, entityId);
      expect(events, entityId).toHaveLength(1);
      expect(events[0]!.after).toEqual({ number: invoice.number, outboxId: queued.id, recipient: 'Contabil@Fabrica.example', contactId: c.by('Mihai').id, portalLinkId: link!.id });
    }
    const timeline = (await suite.t.call('GET', `/api/v1/insight/customers/${c.id}/timeline`)).json().data as { kind: string; action: string }[];
    expect(timeline.filter((e) => e.action === 'invoice.sent')).toHaveLength(1);
    expect(timeline.some((e) => e.kind === 'message' && e.action === 'invoice')).toBe(true);

    // The attached PDF, like the one the team downloads, prints the plain portal address: a printed document
    // outlives a link, and must not hand the customer's portal to whoever holds the file.
    const stored = (await findOutboxByKey(suite.database.db, suite.t.orgId, queued.idempotencyKey))!;
    const attachment = await invoicePdfAttachment(suite.database.db, suite.t.orgId, stored, { kind: 'invoice_pdf', invoiceId: invoice.id }, suite.clock);
    const downloaded = (await suite.t.call('GET', `/api/v1/invoices/${invoice.id}/pdf`)).rawPayload;
    for (const pdf of [attachment.content, downloaded]) {
      const text = flat(await pdfText(pdf));
      expect(text).toContain(invoice.number);
      expect(text).toMatch(/http:\/\/localhost:\d+\/portal/u);
      expect(text).not.toMatch(/\/portal#/u);
      expect(text).not.toContain(token);
    }
  });

  it('sends to another contact of the same customer, by id or by address, each with their own link', async () => {
    const c = await customerWithContacts();
    const invoice = await newInvoice(suite.t, c.id, 10_000);
    const byId = await send(suite.t, invoice.id, { contactId: c.by('Ioana').id });
    expect(byId.statusCode, byId.body).toBe(202);
    expect(byId.json()).toMatchObject({ recipient: 'ioana@fabrica.example', contactId: c.by('Ioana').id });
    const byAddress = await send(suite.t, invoice.id, { to: ' contabil@fabrica.EXAMPLE ' });
    expect(byAddress.statusCode, byAddress.body).toBe(202);
    expect(byAddress.json()).toMatchObject({ recipient: 'Contabil@Fabrica.example', contactId: c.by('Mihai').id, repeated: false });
    const links = await queryRows<{ contact_id: string }>(suite.database.db, sql`select contact_id from portal_links where customer_id = ${c.id} and origin = 'invoice' order by contact_id`);
    expect(links.map((l) => l.contact_id).sort()).toEqual([c.by('Ioana').id, c.by('Mihai').id].sort());
    // Without a billing contact on the invoice, the primary contact is the default.
    const fallback = await send(suite.t, (await newInvoice(suite.t, c.id, 2_000)).id);
    expect(fallback.json().recipient).toBe('ioana@fabrica.example');
  });

  it('sends once per request: the same request in the same minute, or the same Idempotency-Key later, queues nothing more', async () => {
    const c = await customerWithContacts();
    const invoice = await newInvoice(suite.t, c.id, 7_700);
    const first = await send(suite.t, invoice.id);
    const before = await written(suite.t.orgId);
    suite.clock.set('2025-06-15T09:00:59Z');
    try {
      const [again, concurrent] = await Promise.all([send(suite.t, invoice.id, {}), send(suite.t, invoice.id)]);
      for (const r of [again, concurrent]) {
        expect(r.statusCode, r.body).toBe(202);
        expect(r.json()).toMatchObject({ id: first.json().id, repeated: true });
      }
      expect(await written(suite.t.orgId)).toEqual(before);

      // A minute later, pressing Send again is a deliberate resend (the customer lost the email).
      suite.clock.set('2025-06-15T09:01:00Z');
      const resend = await send(suite.t, invoice.id);
      expect(resend.json()).toMatchObject({ repeated: false });
      expect(resend.json().id).not.toBe(first.json().id);
      expect(LINK.exec((await outboxRow(resend.json().id)).body_text)![1]).not.toBe(LINK.exec((await outboxRow(first.json().id)).body_text)![1]);

      const keyed = await send(suite.t, invoice.id, {}, { 'idempotency-key': 'erp-run-42:INV-7' });
      suite.clock.set('2025-06-16T15:30:00Z');
      const retried = await send(suite.t, invoice.id, {}, { 'idempotency-key': 'erp-run-42:INV-7' });
      expect(retried.json()).toMatchObject({ id: keyed.json().id, repeated: true, idempotencyKey: `invoice:${invoice.id}:send:${c.by('Ioana').id}:key:erp-run-42:INV-7` });
      const other = await send(suite.t, invoice.id, {}, { 'idempotency-key': 'erp-run-43:INV-7' });
      expect(other.json().repeated).toBe(false);
      expect(await sentEvents(suite.t, invoice.id)).toHaveLength(4);

      // Two presses arriving together: the invoice row lock makes the second wait and find the first's message.
      const fresh = await newInvoice(suite.t, c.id, 1_200);
      const both = await Promise.all([send(suite.t, fresh.id), send(suite.t, fresh.id)]);
      expect(new Set(both.map((r) => r.json().id)).size).toBe(1);
      expect(both.map((r) => r.json().repeated).sort()).toEqual([false, true]);
      expect(await sentEvents(suite.t, fresh.id)).toHaveLength(1);
      const links = await queryRows<{ id: string }>(suite.database.db, sql`select id from portal_links where customer_id = ${c.id} and origin = 'invoice'`);
      expect(links).toHaveLength(5);
    } finally {
      suite.clock.set('2025-06-15T09:00:00Z');
    }
  });

  it('refuses what cannot be sent, and writes nothing', async () => {
    const c = await customerWithContacts();
    const draft = (await suite.t.call('POST', '/api/v1/invoices', { customerId: c.id, lines: [{ description: 'Draft', quantity: 1, unitPrice: 1_000, taxRateBp: 0 }] })).json();
    const voided = await newInvoice(suite.t, c.id, 1_000);
    expect((await suite.t.call('POST', `/api/v1/invoices/${voided.id}/void`, { reason: 'Issued twice' })).statusCode).toBe(200);
    const paid = await newInvoice(suite.t, c.id, 1_000);
    const payment = await suite.t.call('POST', '/api/v1/payments', { customerId: c.id, amount: 1_000, currency: 'EUR', receivedOn: '2025-06-10', method: 'bank_transfer', allocations: [{ invoiceId: paid.id, amount: 1_000 }] });
    expect(payment.statusCode, payment.body).toBe(201);
    const credited = await newInvoice(suite.t, c.id, 5_000);
    const creditNote = (await suite.t.call('POST', `/api/v1/invoices/${credited.id}/credit-notes`, { amount: 1_000, reason: 'Discount' })).json().creditNote;
    const foreign = await newInvoice(suite.other, (await newCustomer(suite.other)).id, 3_000);
    const before = await written(suite.t.orgId);
    const otherBefore = await written(suite.other.orgId);

    for (const [id, status, code] of [
      [draft.id, 409, 'INVOICE_NOT_ISSUED'],
      [voided.id, 409, 'INVOICE_VOID'],
      [paid.id, 409, 'INVOICE_ALREADY_PAID'],
      [creditNote.id, 404, 'INVOICE_NOT_FOUND'],
      ['0197a1b2-0000-7000-8000-00000000dead', 404, 'INVOICE_NOT_FOUND'],
      [foreign.id, 404, 'INVOICE_NOT_FOUND'],
    ] as const) {
      const r = await send(suite.t, id);
      expect(r.statusCode, `${code}: ${r.body}`).toBe(status);
      expect(r.json().error).toMatchObject({ code, field: 'id' });
    }
    expect(await written(suite.t.orgId)).toEqual(before);
    expect(await written(suite.other.orgId)).toEqual(otherBefore);
  });

  it("never sends to a contact of another customer or organization, nor to an address that is not a contact's", async () => {
    const c = await customerWithContacts();
    const invoice = await newInvoice(suite.t, c.id, 9_000);
    const stranger = await newCustomer(suite.t, { name: 'Someone Else', contacts: [{ name: 'Eve', email: 'eve@else.example' }] });
    const foreign = await newCustomer(suite.other, { name: 'Other Org Customer', contacts: [{ name: 'Oscar', email: 'oscar@other.example' }] });
    const before = await written(suite.t.orgId);
    for (const [body, status, code, field] of [
      [{ contactId: stranger.contacts[0]!.id }, 404, 'CONTACT_NOT_FOUND', 'contactId'],
      [{ contactId: foreign.contacts[0]!.id }, 404, 'CONTACT_NOT_FOUND', 'contactId'],
      [{ to: 'eve@else.example' }, 404, 'CONTACT_NOT_FOUND', 'to'],
      [{ to: 'oscar@other.example' }, 404, 'CONTACT_NOT_FOUND', 'to'],
      [{ to: 'attacker@evil.example' }, 404, 'CONTACT_NOT_FOUND', 'to'],
      [{ contactId: c.by('Paul').id }, 422, 'CONTACT_HAS_NO_EMAIL', 'contactId'],
      [{ contactId: c.by('Ioana').id, to: 'ioana@fabrica.example' }, 400, 'VALIDATION_FAILED', 'to'],
    ] as const) {
      const r = await send(suite.t, invoice.id, body);
      expect(r.statusCode, `${JSON.stringify(body)}: ${r.body}`).toBe(status);
      expect(r.json().error).toMatchObject({ code, field });
    }
    expect(await written(suite.t.orgId)).toEqual(before);
  });

  it('needs a working address: none at all is CUSTOMER_HAS_NO_EMAIL, a bounced one is passed over', async () => {
    const silent = await newCustomer(suite.t, { name: 'No Mail Ltd', contacts: [{ name: 'Phone Only', phone: '+40721000001' }] });
    const r = await send(suite.t, (await newInvoice(suite.t, silent.id, 1_500)).id);
    expect(r.statusCode, r.body).toBe(422);
    expect(r.json().error).toMatchObject({ code: 'CUSTOMER_HAS_NO_EMAIL', field: 'contactId' });

    const c = await customerWithContacts();
    const invoice = await newInvoice(suite.t, c.id, 3_300, { billingContactId: c.by('Mihai').id });
    await suite.database.db.execute(sql`update contacts set email_bounced_at = now() where id = ${c.by('Mihai').id}`);
    const fallback = await send(suite.t, invoice.id);
    expect(fallback.json()).toMatchObject({ recipient: 'ioana@fabrica.example' });
    const chosen = await send(suite.t, invoice.id, { contactId: c.by('Mihai').id });
    expect(chosen.statusCode).toBe(422);
    expect(chosen.json().error).toMatchObject({ code: 'CONTACT_EMAIL_BOUNCED', field: 'contactId' });
  });

  it('answers malformed and hostile input with a 400 naming the field, and writes nothing', async () => {
    const c = await customerWithContacts();
    const invoice = await newInvoice(suite.t, c.id, 4_000);
    const before = await written(suite.t.orgId);
    for (const [body, field] of [
      [{ contactId: 5 }, 'contactId'],
      [{ contactId: 'nope' }, 'contactId'],
      [{ contactId: null }, 'contactId'],
      [{ to: 123 }, 'to'],
      [{ to: ['ioana@fabrica.example'] }, 'to'],
      [{ to: `${'a'.repeat(100_000)}@fabrica.example` }, 'to'],
      [{ contactId: c.by('Ioana').id, cc: 'attacker@evil.example' }, 'cc'],
      [{ bcc: ['attacker@evil.example'] }, 'bcc'],
    ] as const) {
      const r = await send(suite.t, invoice.id, body);
      expect(r.statusCode, `${JSON.stringify(body).slice(0, 80)}: ${r.body}`).toBe(400);
      expect(r.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field });
    }
    for (const [payload, code] of [
      ['{"contactId":', 'INVALID_JSON'],
      ['[]', 'VALIDATION_FAILED'],
      ['"ioana@fabrica.example"', 'VALIDATION_FAILED'],
    ] as const) {
      const r = await send(suite.t, invoice.id, payload, { 'content-type': 'application/json' });
      expect(r.statusCode, `${payload}: ${r.body}`).toBe(400);
      expect(r.json().error.code).toBe(code);
    }
    for (const key of ['has space', 'x'.repeat(101), 'semi;colon', '']) {
      const r = await send(suite.t, invoice.id, {}, { 'idempotency-key': key });
      expect(r.statusCode, `${key.slice(0, 20)}: ${r.body}`).toBe(400);
      expect(r.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'idempotency-key' });
    }
    const badId = await send(suite.t, 'not-a-uuid');
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.field).toBe('id');
    expect(await written(suite.t.orgId)).toEqual(before);
  });

  it('is for those who may change invoices: viewers and collectors are refused', async () => {
    const c = await customerWithContacts();
    const invoice = await newInvoice(suite.t, c.id, 6_000);
    const before = await written(suite.t.orgId);
    for (const role of ['viewer', 'collector'] as const) {
      const { key } = await createApiKey(suite.database.db, suite.clock, suite.t.orgId, `${role} key`, role);
      const r = await send({ ...suite.t, key }, invoice.id);
      expect(r.statusCode, role).toBe(403);
      expect(r.json().error.code).toBe('FORBIDDEN');
    }
    const events = await written(suite.t.orgId);
    expect({ outbox: events.outbox, links: events.links }).toEqual({ outbox: before.outbox, links: before.links });
    const { key } = await createApiKey(suite.database.db, suite.clock, suite.t.orgId, 'accountant key', 'accountant');
    expect((await send({ ...suite.t, key }, invoice.id)).statusCode).toBe(202);
    const unauthenticated = await suite.app.inject({ method: 'POST', url: `/api/v1/invoices/${invoice.id}/send`, payload: {} });
    expect(unauthenticated.statusCode).toBe(401);
  });

  it('is described in the OpenAPI document', async () => {
    const spec = (await suite.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    const op = spec.paths['/api/v1/invoices/{id}/send'].post;
    expect(op['x-permission']).toBe('invoices:write');
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['202', '400', '404', '409', '422']));
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['id', 'idempotency-key']));
  });
});
