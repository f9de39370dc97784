import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { and, eq } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../src/documents/collections-pack/index.ts';
import { blockText } from '../src/documents/pdf/format.ts';
import { pdfText } from '../src/documents/pdf/test-support.ts';
import { collectionHandoffs, collectionTasks, outbox } from '../src/db/schema/index.ts';
import { createApiKey } from '../src/services/organizations.ts';
import { tenant, useApi, type Tenant } from './support/app.ts';
import { at, eventsOf, tick } from './support/dunning.ts';

// Handing a customer's overdue invoices to a collection agency: the pack (README with checksums,
// statement, invoice PDFs, the communication log as PDF and CSV), the customer "in collections", reminders
// stopped for good, and every refusal leaving nothing behind.
const suite = useApi('2025-06-13T05:00:00Z');
const NOTE = 'Chị Nguyễn hứa thanh toán thứ Sáu. Бухгалтер сказал: оплата задерживается. Plată întârziată, ș și ț.';
const EMAIL_LINE = 'Sao Mai SRL has been late twice this year.';

let customerId: string;
let otherCustomerId: string;
const inv: Record<'overdue' | 'partly' | 'notYetDue' | 'paid' | 'draft' | 'othersOverdue', string> = {} as never;
let created: { id: string; invoiceIds: string[]; invoices: { number: string; balance: number }[]; pack: { url: string; sha256: string; size: number; fileName: string }; remindersCancelled: number };
let zip: Buffer;
let callsBefore: string[];
let followUpId: string;

async function ok(t: Tenant, method: 'GET' | 'POST', url: string, body?: unknown) {
  const r = await t.call(method, url, body);
  expect(r.statusCode, `${method} ${url}: ${r.body}`).toBeLessThan(300);
  return r.json();
}

async function invoice(customer: string, issueDate: string, dueDate: string, amount: number, issue = true): Promise<string> {
  return (await ok(suite.t, 'POST', '/api/v1/invoices', { customerId: customer, issueDate, dueDate, issue, lines: [{ description: 'Consulting', quantity: 1, unitPrice: amount, taxRateBp: 0 }] })).id;
}

async function customerOutbox(id: string) {
  return suite.database.db.select().from(outbox).where(and(eq(outbox.orgId, suite.t.orgId), eq(outbox.customerId, id)));
}

async function customerTasks(id: string) {
  return suite.database.db.select().from(collectionTasks).where(and(eq(collectionTasks.orgId, suite.t.orgId), eq(collectionTasks.customerId, id)));
}

async function handoffCount(): Promise<number> {
  return (await suite.database.db.select({ id: collectionHandoffs.id }).from(collectionHandoffs)).length;
}

const handOver = (t: Tenant, customer: string, body: unknown) => t.call('POST', `/api/v1/customers/${customer}/collections-handoff`, body);

beforeAll(async () => {
  const t = suite.t;
  customerId = (await ok(t, 'POST', '/api/v1/customers', { name: 'Sao Mai SRL', currency: 'EUR', locale: 'ro', timeZone: 'Europe/Bucharest', externalRef: 'C-042', contacts: [{ name: 'Ana Pop', email: 'ana@saomai.test', phone: '+40721000001' }] })).id;
  otherCustomerId = (await ok(t, 'POST', '/api/v1/customers', { name: 'Lumen Trade', currency: 'EUR', contacts: [{ name: 'Ion', email: 'ion@lumen.test' }] })).id;
  inv.overdue = await invoice(customerId, '2025-05-01', '2025-05-31', 40_000);
  inv.partly = await invoice(customerId, '2025-05-10', '2025-06-09', 10_000);
  inv.notYetDue = await invoice(customerId, '2025-06-01', '2025-06-16', 7_000);
  inv.paid = await invoice(customerId, '2025-04-01', '2025-05-01', 3_000);
  inv.draft = await invoice(customerId, '2025-05-01', '2025-05-20', 2_000, false);
  inv.othersOverdue = await invoice(otherCustomerId, '2025-05-01', '2025-05-31', 9_000);
  await ok(t, 'POST', '/api/v1/payments', { customerId, amount: 3_000, currency: 'EUR', receivedOn: '2025-05-01', method: 'bank_transfer', allocations: [{ invoiceId: inv.paid, amount: 3_000 }] });
  await ok(t, 'POST', '/api/v1/payments', { customerId, amount: 4_000, currency: 'EUR', receivedOn: '2025-06-10', method: 'bank_transfer', allocations: [{ invoiceId: inv.partly, amount: 4_000 }] });
  await ok(t, 'POST', `/api/v1/customers/${customerId}/notes`, { body: NOTE });
  await ok(t, 'POST', `/api/v1/invoices/${inv.overdue}/promises`, { promisedDate: '2025-06-13', amount: 40_000, promisedBy: 'Ana Pop', channel: 'phone' });

  // Friday: the tick decides reminders, and the delivery worker sends them (one gets a line of our own).
  at(suite.clock, '2025-06-13');
  await tick(t.ctx);
  const friday = await customerOutbox(customerId);
  expect(friday.length).toBeGreaterThan(0);
  await suite.database.db.update(outbox).set({ status: 'sent', sentAt: new Date('2025-06-13T07:00:00Z'), bodyText: `${friday[0]!.bodyText}\n\n${EMAIL_LINE}` }).where(and(eq(outbox.orgId, t.orgId), eq(outbox.id, friday[0]!.id)));
  await suite.database.db.update(outbox).set({ status: 'sent', sentAt: new Date('2025-06-13T07:00:00Z') }).where(and(eq(outbox.orgId, t.orgId), eq(outbox.status, 'pending')));
  // Monday 08:00 in Bucharest: the next steps are queued for when the window opens, still pending.
  at(suite.clock, '2025-06-16');
  await tick(t.ctx);
  expect((await customerOutbox(customerId)).filter((r) => r.status === 'pending').length).toBeGreaterThan(0);
  // The promise of Friday went unpaid: Monday's tick asked for a call. A follow-up of the collector's own too.
  callsBefore = (await customerTasks(customerId)).filter((task) => task.status === 'open' && task.kind !== 'follow_up').map((task) => task.id);
  expect(callsBefore.length).toBeGreaterThan(0);
  followUpId = (await ok(t, 'POST', '/api/v1/tasks', { customerId, title: 'Send the agency the signed contract', dueOn: '2025-06-20' })).id;
});

describe('refusals leave nothing behind', () => {
  it('names the invoice that is not this customer’s, not overdue, paid, a draft or unknown', async () => {
    const pendingBefore = (await customerOutbox(customerId)).filter((r) => r.status === 'pending').length;
    const cases: [string[], number, string, string][] = [
      [[inv.overdue, inv.othersOverdue], 422, 'INVOICE_OF_ANOTHER_CUSTOMER', 'invoiceIds[1]'],
      [[inv.notYetDue], 409, 'INVOICE_NOT_OVERDUE', 'invoiceIds[0]'],
      [[inv.overdue, inv.paid], 409, 'INVOICE_NOT_OPEN', 'invoiceIds[1]'],
      [[inv.draft], 409, 'INVOICE_NOT_ISSUED', 'invoiceIds[0]'],
      [[randomUUID()], 404, 'INVOICE_NOT_FOUND', 'invoiceIds[0]'],
    ];
    for (const [invoiceIds, status, code, field] of cases) {
      const r = await handOver(suite.t, customerId, { invoiceIds, agency: 'Recuperări SA' });
      expect(r.statusCode, r.body).toBe(status);
      expect(r.json().error).toMatchObject({ code, field });
    }
    expect((await suite.t.call('POST', `/api/v1/customers/${randomUUID()}/collections-handoff`, { invoiceIds: [inv.overdue] })).json().error).toMatchObject({ code: 'CUSTOMER_NOT_FOUND', field: 'id' });
    expect(await handoffCount()).toBe(0);
    expect((await ok(suite.t, 'GET', `/api/v1/customers/${customerId}`)).status).toBe('active');
    expect((await customerOutbox(customerId)).filter((r) => r.status === 'pending').length).toBe(pendingBefore);
    expect((await eventsOf(suite.t.ctx, customerId)).map((e) => e.action)).not.toContain('collections.handed_over');
  });

  it('refuses malformed and hostile bodies with 4xx naming the field', async () => {
    const cases: [unknown, number, string?][] = [
      [{}, 400, 'invoiceIds'],
      [{ invoiceIds: [] }, 400, 'invoiceIds'],
      [{ invoiceIds: inv.overdue }, 400, 'invoiceIds'],
      [{ invoiceIds: ['INV-00001'] }, 400, 'invoiceIds[0]'],
      [{ invoiceIds: [inv.overdue, inv.overdue] }, 400, 'invoiceIds'],
      [{ invoiceIds: Array.from({ length: 101 }, () => randomUUID()) }, 400, 'invoiceIds'],
      [{ invoiceIds: [inv.overdue], agency: 42 }, 400, 'agency'],
      [{ invoiceIds: [inv.overdue], agency: 'A'.repeat(201) }, 400, 'agency'],
      [{ invoiceIds: [inv.overdue], note: 'x'.repeat(4001) }, 400, 'note'],
      [{ invoiceIds: [inv.overdue], invoiceId: inv.overdue }, 400, 'invoiceId'],
      [{ invoiceIds: [inv.overdue], status: 'active' }, 400, 'status'],
      [[inv.overdue], 400],
      [{ invoiceIds: [inv.overdue], note: 'x'.repeat(2_000_000) }, 413],
    ];
    for (const [body, status, field] of cases) {
      const r = await handOver(suite.t, customerId, body);
      expect(r.statusCode, JSON.stringify(body).slice(0, 80)).toBe(status);
      if (field) expect(r.json().error.field, JSON.stringify(body).slice(0, 80)).toBe(field);
    }
    const notJson = await suite.app.inject({ method: 'POST', url: `/api/v1/customers/${customerId}/collections-handoff`, headers: { authorization: `Bearer ${suite.t.key}`, 'content-type': 'application/json' }, payload: '{"invoiceIds": [' });
    expect(notJson.statusCode).toBe(400);
    expect(await handoffCount()).toBe(0);
  });

  it('lets a viewer read but not hand over', async () => {
    const { key } = await createApiKey(suite.database.db, suite.clock, suite.t.orgId, 'viewer', 'viewer');
    const r = await suite.app.inject({ method: 'POST', url: `/api/v1/customers/${customerId}/collections-handoff`, headers: { authorization: `Bearer ${key}` }, payload: { invoiceIds: [inv.overdue] } });
    expect(r.statusCode).toBe(403);
    expect(await handoffCount()).toBe(0);
  });
});

describe('the hand-off', () => {
  it('marks the customer in collections, cancels its pending reminders and answers with the pack', async () => {
    const pending = (await customerOutbox(customerId)).filter((r) => r.status === 'pending').map((r) => r.id);
    const r = await handOver(suite.t, customerId, { invoiceIds: [inv.partly, inv.overdue], agency: '  Recuperări SA ', note: 'Two invoices; call before 18:00.' });
    expect(r.statusCode, r.body).toBe(201);
    created = r.json();
    expect(created).toMatchObject({ customerId, invoiceIds: [inv.partly, inv.overdue], agency: 'Recuperări SA', note: 'Two invoices; call before 18:00.', createdBy: { type: 'api_key' } });
    expect(created.invoices.map((i) => [i.number, i.balance])).toEqual([['INV-00002', 6_000], ['INV-00001', 40_000]]);
    expect(created.remindersCancelled).toBe(pending.length);
    expect(created.pack).toMatchObject({ url: `/api/v1/collection-handoffs/${created.id}/pack.zip`, fileName: 'Sao-Mai-SRL-collections-2025-06-16.zip' });

    expect((await ok(suite.t, 'GET', `/api/v1/customers/${customerId}`)).status).toBe('in_collections');
    const rows = await customerOutbox(customerId);
    expect(rows.filter((x) => pending.includes(x.id)).map((x) => x.status)).toEqual(pending.map(() => 'cancelled'));
    expect(rows.filter((x) => x.status === 'pending')).toEqual([]);
  });

  it('closes the open call tasks, saying the customer went to collections, on the timeline', async () => {
    const tasks = new Map((await customerTasks(customerId)).map((task) => [task.id, task]));
    for (const id of callsBefore) {
      expect(tasks.get(id), id).toMatchObject({ status: 'cancelled', outcome: 'handed_to_collections', completedAt: new Date('2025-06-16T05:00:00Z') });
      const cancelled = (await eventsOf(suite.t.ctx, customerId)).filter((e) => e.action === 'task.cancelled' && (e.after as { taskId: string }).taskId === id);
      expect(cancelled.map((e) => e.after)).toEqual([{ taskId: id, reason: 'HANDED_TO_COLLECTIONS', handoffId: created.id }]);
    }
    // The collector's own follow-up is not a call to the customer: it stays on the worklist.
    expect(tasks.get(followUpId)?.status).toBe('open');
    const worklist = (await ok(suite.t, 'GET', `/api/v1/tasks?due=all&customerId=${customerId}`)).data as { id: string }[];
    expect(worklist.map((task) => task.id)).toEqual([followUpId]);
  });

  it('serves the ZIP as an attachment whose bytes match the recorded checksum', async () => {
    const r = await suite.t.call('GET', created.pack.url);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/zip');
    expect(r.headers['content-disposition']).toBe(`attachment; filename="${created.pack.fileName}"`);
    zip = r.rawPayload;
    expect(zip.length).toBe(created.pack.size);
    expect(sha256(zip)).toBe(created.pack.sha256);
  });

  it('holds the README with each file’s SHA-256, the statement, the invoices and the log', async () => {
    const entries = unzipSync(new Uint8Array(zip));
    expect(Object.keys(entries)).toEqual(['README.txt', 'statement-2025-06-16.pdf', 'invoices/INV-00002.pdf', 'invoices/INV-00001.pdf', 'communication-log.pdf', 'communication-log.csv']);
    const readme = Buffer.from(entries['README.txt']!).toString('utf8');
    const sums = [...readme.matchAll(/^([0-9a-f]{64}) {2}(.+)$/gm)].map((m) => [m[2], m[1]]);
    expect(sums.map(([name]) => name)).toEqual(Object.keys(entries).slice(1));
    for (const [name, hash] of sums) expect(sha256(entries[name!]!), name).toBe(hash);
    for (const text of ['Recuperări SA', 'Two invoices; call before 18:00.', 'Sao Mai SRL', 'C-042', 'ana@saomai.test', '+40721000001', 'INV-00001', 'INV-00002', '€460.00', 'Europe/Bucharest'])
      expect(readme, text).toContain(text);

    const statement = Buffer.from(entries['statement-2025-06-16.pdf']!);
    expect(statement.subarray(0, 5).toString()).toBe('%PDF-');
    const statementText = await pdfText(statement);
    // Every open invoice of the customer, in the customer's language (Romanian).
    for (const number of ['INV-00001', 'INV-00002', 'INV-00003']) expect(statementText).toContain(number);
    expect(statementText).toContain('Extras de cont client');
    for (const number of ['INV-00001', 'INV-00002']) {
      const pdf = Buffer.from(entries[`invoices/${number}.pdf`]!);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(await pdfText(pdf)).toContain(number);
    }
  });

  it('logs every timeline entry once in the CSV, with the messages’ and notes’ content', async () => {
    const entries = unzipSync(new Uint8Array(zip));
    const csv = Buffer.from(entries['communication-log.csv']!);
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [header, ...rows] = parse(csv.toString('utf8').slice(1)) as string[][];
    expect(header).toEqual(['at_utc', 'at_local', 'kind', 'action', 'description', 'details', 'invoice', 'by', 'channel', 'recipient', 'status', 'subject', 'content']);
    const col = (name: string) => header!.indexOf(name);

    // The timeline as the customer page shows it now, less the hand-off itself (recorded after the pack).
    const timeline = (await ok(suite.t, 'GET', `/api/v1/insight/customers/${customerId}/timeline?limit=500`)).data as { at: string; action: string; kind: string }[];
    const before = timeline.filter((e) => e.action !== 'collections.handed_over');
    const key = (at: string, kind: string, action: string) => `${at} ${kind} ${action}`;
    expect(rows.map((r) => key(r[col('at_utc')]!, r[col('kind')]!, r[col('action')]!)).sort()).toEqual(before.map((e) => key(e.at, e.kind, e.action ?? '')).sort());
    // Oldest first.
    const times = rows.map((r) => r[col('at_utc')]!);
    expect([...times].sort()).toEqual(times);

    const messages = (await customerOutbox(customerId)).filter((m) => m.kind === 'reminder');
    expect(messages.length).toBeGreaterThan(1);
    const messageRows = rows.filter((r) => r[col('kind')] === 'message');
    expect(messageRows).toHaveLength(messages.length);
    for (const m of messages) {
      const row = messageRows.find((r) => r[col('content')]!.includes(blockText(m.bodyText)));
      expect(row, m.subject ?? m.id).toBeDefined();
      expect(row![col('status')]).toBe(m.status);
      // Cells that start like a formula (+40…) carry a leading quote, as in every CSV export.
      expect(row![col('recipient')]!.replace(/^'/, '')).toBe(m.recipient);
    }
    expect(rows.some((r) => r[col('content')]!.includes(EMAIL_LINE) && r[col('status')] === 'sent')).toBe(true);
    expect(rows.find((r) => r[col('action')] === 'note.added')![col('content')]).toBe(NOTE);
    const promise = rows.find((r) => r[col('action')] === 'promise.recorded')!;
    expect([promise[col('description')], promise[col('invoice')]]).toEqual(['Promise to pay', 'INV-00001']);
    expect(promise[col('details')]).toContain('€400.00');
    expect(rows.filter((r) => r[col('action')] === 'dunning.reminder_cancelled').length).toBe(created.remindersCancelled);
    expect(rows.find((r) => r[col('action')] === 'customer.status_changed')![col('details')]).toContain('active → in collections');
  });

  it('prints the same log as a PDF in the organization’s language, every script intact', async () => {
    const entries = unzipSync(new Uint8Array(zip));
    const pdf = Buffer.from(entries['communication-log.pdf']!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
    for (const words of ['Communication log', 'Sao Mai SRL', 'Promise to pay', 'INV-00001', 'Nguyễn', 'задерживается', 'întârziată', EMAIL_LINE]) expect(text, words).toContain(words);
  });

  it('records the hand-off on the customer’s and each invoice’s timeline, and lists it', async () => {
    const timeline = (await ok(suite.t, 'GET', `/api/v1/insight/customers/${customerId}/timeline?limit=500`)).data as { action: string; after: Record<string, unknown> }[];
    const handed = timeline.filter((e) => e.action === 'collections.handed_over');
    expect(handed).toHaveLength(1);
    expect(handed[0]!.after).toMatchObject({ handoffId: created.id, agency: 'Recuperări SA', packSha256: created.pack.sha256, remindersCancelled: created.remindersCancelled });
    for (const id of [inv.overdue, inv.partly]) expect((await eventsOf(suite.t.ctx, id)).map((e) => e.action)).toContain('collections.handed_over');
    expect((await eventsOf(suite.t.ctx, inv.notYetDue)).map((e) => e.action)).not.toContain('collections.handed_over');
    const list = await ok(suite.t, 'GET', `/api/v1/customers/${customerId}/collections-handoffs`);
    expect(list).toEqual({ data: [{ ...created, remindersCancelled: undefined }].map(({ remindersCancelled: _r, ...rest }) => rest), nextCursor: null });
  });

  it('sends nothing more: the next dunning ticks queue no reminder for the customer', async () => {
    const count = (await customerOutbox(customerId)).length;
    for (const day of ['2025-06-17', '2025-06-24', '2025-07-01']) {
      at(suite.clock, day);
      await tick(suite.t.ctx);
    }
    expect(await customerOutbox(customerId)).toHaveLength(count);
    // The other customer is still reminded: the tick did run.
    expect((await customerOutbox(otherCustomerId)).length).toBeGreaterThan(0);
  });

  it('gives the same pack later, after a payment changed the balances', async () => {
    await ok(suite.t, 'POST', '/api/v1/payments', { customerId, amount: 1_000, currency: 'EUR', receivedOn: '2025-07-01', method: 'bank_transfer', allocations: [{ invoiceId: inv.partly, amount: 1_000 }] });
    const again = await suite.t.call('GET', created.pack.url);
    expect(again.rawPayload.equals(zip)).toBe(true);
  });

  it('refuses an invoice already with an agency', async () => {
    const r = await handOver(suite.t, customerId, { invoiceIds: [inv.overdue] });
    expect(r.statusCode).toBe(409);
    expect(r.json().error).toMatchObject({ code: 'INVOICE_ALREADY_HANDED_OVER', field: 'invoiceIds[0]' });
    expect(await handoffCount()).toBe(1);
  });
});

describe('who may see and do what', () => {
  it('hides the hand-off, the pack and the customer from another organization', async () => {
    const other = await tenant(suite.database, suite.app, suite.clock, { name: 'Elsewhere' });
    for (const [method, url, body] of [
      ['POST', `/api/v1/customers/${customerId}/collections-handoff`, { invoiceIds: [inv.othersOverdue] }],
      ['GET', `/api/v1/customers/${customerId}/collections-handoffs`],
      ['GET', created.pack.url],
    ] as const) {
      const r = await other.call(method, url, body);
      expect(r.statusCode, `${method} ${url}`).toBe(404);
      expect(r.body).not.toContain('Sao Mai');
      expect(r.body).not.toContain(created.pack.sha256);
    }
    // Its own customer cannot borrow our invoices either: they do not exist for it.
    const own = (await ok(other, 'POST', '/api/v1/customers', { name: 'Own Co', currency: 'EUR' })).id;
    const r = await handOver(other, own, { invoiceIds: [inv.othersOverdue] });
    expect(r.json().error).toMatchObject({ code: 'INVOICE_NOT_FOUND', field: 'invoiceIds[0]' });
  });

  it('lets a collector hand over and a viewer download', async () => {
    const collector = (await createApiKey(suite.database.db, suite.clock, suite.t.orgId, 'collector', 'collector')).key;
    const viewer = (await createApiKey(suite.database.db, suite.clock, suite.t.orgId, 'viewer 2', 'viewer')).key;
    const as = (key: string, method: 'GET' | 'POST', url: string, payload?: object) => suite.app.inject({ method, url, headers: { authorization: `Bearer ${key}` }, ...(payload ? { payload } : {}) });
    const r = await as(collector, 'POST', `/api/v1/customers/${otherCustomerId}/collections-handoff`, { invoiceIds: [inv.othersOverdue] });
    expect(r.statusCode, r.body).toBe(201);
    const pack = await as(viewer, 'GET', r.json().pack.url);
    expect(pack.statusCode).toBe(200);
    expect(sha256(pack.rawPayload)).toBe(r.json().pack.sha256);
    expect((await as(viewer, 'GET', `/api/v1/customers/${otherCustomerId}/collections-handoffs`)).json().data).toHaveLength(1);
  });
});
