import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOutbox } from '../src/db/repositories/outbox.ts';
import { recurringRunsOf } from '../src/db/repositories/recurring.ts';
import { recurringInvoicesJob } from '../src/jobs/recurring-invoices.ts';
import type { App } from '../src/http/server.ts';
import type { InvoiceRow } from '../src/db/repositories/invoices.ts';
import { runRecurringInvoices } from '../src/services/terms/run-recurring.ts';
import { testApp, tenant, type TestClock } from './support/app.ts';
import { testDatabase } from './support/database.ts';
import { portalCall } from './support/portal.ts';
import { TermsClient, ZERO_UUID } from './support/terms.ts';

let database: Awaited<ReturnType<typeof testDatabase>>;
let app: App;
let clock: TestClock;
let api: TermsClient;
let other: TermsClient;

beforeAll(async () => {
  database = await testDatabase();
  ({ app, clock } = await testApp(database, '2025-01-31T08:00:00Z'));
  api = new TermsClient(app, await tenant(database, app, clock));
  other = new TermsClient(app, await tenant(database, app, clock, { name: 'Other Co' }));
});
afterAll(async () => {
  await app.close();
  await database.dispose();
});

const template = { lines: [{ description: 'Hosting and support', quantity: 1, unitPrice: 25_000, taxRateBp: 1_900 }], paymentTerms: 'net_14' };

async function schedule(body: Record<string, unknown> = {}) {
  const c = await api.customer({ name: 'Khách hàng định kỳ', locale: 'vi', contacts: [{ name: 'Hoa', email: 'hoa@example.vn' }] });
  const s = await api.ok('POST', '/recurring-invoices', { customerId: c.id, name: 'Monthly hosting', frequency: 'monthly', startDate: '2025-01-31', template, ...body }, 201);
  return { c, s };
}

async function invoicesOf(customerId: string) {
  return (await api.ok('GET', `/invoices?customerId=${customerId}&limit=500`)).data as InvoiceRow[];
}

describe('issuing on the day', () => {
  it('issues and queues the invoice on its day, once, however often the runner runs', async () => {
    clock.set('2025-01-31T08:00:00Z');
    const { c, s } = await schedule();
    expect(s).toMatchObject({ status: 'active', nextRunDate: '2025-01-31', lastPeriod: null, catchUp: 'latest', sendEmail: true, autopay: false });
    expect(s.template).toEqual({ currency: 'EUR', series: 'INV', paymentTerms: 'net_14', lines: [{ description: 'Hosting and support', quantity: '1', unitPrice: 25_000, taxRateBp: 1_900 }], poNumber: null, notes: null, termsText: null, earlyPayment: null });

    await recurringInvoicesJob({ db: database.db, clock });
    await recurringInvoicesJob({ db: database.db, clock });
    const [invoice] = await invoicesOf(c.id);
    expect(await invoicesOf(c.id)).toHaveLength(1);
    expect(invoice).toMatchObject({ status: 'open', issueDate: '2025-01-31', dueDate: '2025-02-14', total: 29_750, notes: 'Kỳ thanh toán bắt đầu từ 31/01/2025' });
    const [mail] = (await listOutbox(database.db, api.t.orgId, { customerId: c.id, limit: 10 })).filter((m) => m.kind === 'invoice');
    expect(mail).toMatchObject({ channel: 'email', recipient: 'hoa@example.vn', invoiceIds: [invoice!.id], idempotencyKey: `invoice:${invoice!.id}:issued` });
    expect(mail!.bodyText).toContain(invoice!.number!);
    // The email carries the PDF and a portal link of Hoa's own, which opens the customer's portal.
    const hoa = (await api.ok('GET', `/customers/${c.id}`)).contacts[0].id;
    expect(mail!.payload).toMatchObject({ contactId: hoa, attachments: [{ kind: 'invoice_pdf', invoiceId: invoice!.id }] });
    const token = /\/portal#([A-Za-z0-9_-]{32})/u.exec(mail!.bodyText)![1]!;
    expect(mail!.bodyHtml).toContain(`/portal#${token}`);
    const portal = await portalCall(app, token, 'GET', '/overview');
    expect(portal.statusCode, portal.body).toBe(200);
    expect(portal.json().documents.map((d: { id: string }) => d.id)).toEqual([invoice!.id]);
    const sent = (await api.ok('GET', `/events?entityId=${invoice!.id}`)).data.filter((e: { action: string }) => e.action === 'invoice.sent');
    expect(sent).toMatchObject([{ actorType: 'system', after: { outboxId: mail!.id, recipient: 'hoa@example.vn', contactId: hoa } }]);

    const detail = await api.ok('GET', `/recurring-invoices/${s.id}`);
    expect(detail).toMatchObject({ lastPeriod: '2025-01-31', nextRunDate: '2025-02-28', upcoming: ['2025-02-28', '2025-03-31', '2025-04-30', '2025-05-31', '2025-06-30'] });
    expect(detail.runs).toEqual([{ period: '2025-01-31', outcome: 'issued', invoiceId: invoice!.id }]);

    clock.set('2025-02-27T21:30:00Z'); // 23:30 in Bucharest: not yet the 28th there
    await runRecurringInvoices(database.db, clock);
    expect(await invoicesOf(c.id)).toHaveLength(1);
    clock.set('2025-02-27T22:30:00Z'); // 00:30 on the 28th in Bucharest, still the 27th in UTC
    await runRecurringInvoices(database.db, clock);
    expect((await invoicesOf(c.id)).map((i) => i.issueDate).sort()).toEqual(['2025-01-31', '2025-02-28']);
  });

  it('catches up once after downtime: the latest missed period is issued, the others recorded as skipped', async () => {
    clock.set('2025-01-31T08:00:00Z');
    const { c, s } = await schedule();
    await runRecurringInvoices(database.db, clock);
    clock.set('2025-05-02T08:00:00Z');
    const summary = await runRecurringInvoices(database.db, clock);
    expect(summary.issued).toBeGreaterThanOrEqual(1);
    const invoices = await invoicesOf(c.id);
    expect(invoices.map((i) => i.issueDate).sort()).toEqual(['2025-01-31', '2025-05-02']);
    const runs = await recurringRunsOf(database.db, api.t.orgId, s.id, 10);
    expect(runs.map((r) => [r.period, r.outcome])).toEqual([
      ['2025-04-30', 'issued'],
      ['2025-03-31', 'skipped'],
      ['2025-02-28', 'skipped'],
      ['2025-01-31', 'issued'],
    ]);
    const events = (await api.ok('GET', `/events?entityId=${s.id}`)).data.filter((e: { action: string }) => e.action === 'recurring_schedule.period_skipped');
    expect(events.map((e: { after: { period: string } }) => e.after.period).sort()).toEqual(['2025-02-28', '2025-03-31']);
    expect((await api.ok('GET', `/recurring-invoices/${s.id}`)).nextRunDate).toBe('2025-05-31');
  });

  it("with catch-up 'all', bills every missed period on its own invoice", async () => {
    clock.set('2025-04-02T08:00:00Z');
    const { c, s } = await schedule({ catchUp: 'all', sendEmail: false });
    await runRecurringInvoices(database.db, clock);
    const invoices = await invoicesOf(c.id);
    expect(invoices).toHaveLength(3);
    expect(invoices.map((i) => i.notes).sort()).toEqual(['Kỳ thanh toán bắt đầu từ 28/02/2025', 'Kỳ thanh toán bắt đầu từ 31/01/2025', 'Kỳ thanh toán bắt đầu từ 31/03/2025']);
    expect((await listOutbox(database.db, api.t.orgId, { customerId: c.id, limit: 10 })).filter((m) => m.kind === 'invoice')).toEqual([]);
    expect((await api.ok('GET', `/recurring-invoices/${s.id}`)).nextRunDate).toBe('2025-04-30');
  });

  it('never bills a period twice, with two runners at once', async () => {
    clock.set('2025-03-03T08:00:00Z');
    const made = await Promise.all([1, 2, 3, 4].map((i) => schedule({ name: `Plan ${i}`, startDate: '2025-01-03', frequency: i % 2 ? 'monthly' : 'weekly' })));
    await Promise.all([runRecurringInvoices(database.db, clock), runRecurringInvoices(database.db, clock), runRecurringInvoices(database.db, clock)]);
    for (const { c, s } of made) {
      const runs = await recurringRunsOf(database.db, api.t.orgId, s.id, 100);
      const issued = runs.filter((r) => r.outcome === 'issued');
      expect(issued).toHaveLength(1);
      expect(await invoicesOf(c.id)).toHaveLength(1);
      expect(new Set(runs.map((r) => r.period)).size).toBe(runs.length);
    }
  });

  it('expands an RFC 5545 rule and ends with it', async () => {
    clock.set('2025-01-31T08:00:00Z');
    const { c, s } = await schedule({ frequency: 'rrule', rrule: 'RRULE:FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=2', startDate: '2025-01-01' });
    expect(s).toMatchObject({ rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=2', nextRunDate: '2025-01-31' });
    await runRecurringInvoices(database.db, clock);
    clock.set('2025-02-28T08:00:00Z');
    await runRecurringInvoices(database.db, clock);
    expect(await invoicesOf(c.id)).toHaveLength(2);
    expect(await api.ok('GET', `/recurring-invoices/${s.id}`)).toMatchObject({ status: 'ended', nextRunDate: null, upcoming: [] });
  });

  it('calls the autopay hook for enrolled schedules only, after the invoice is committed', async () => {
    clock.set('2025-01-31T08:00:00Z');
    const { s: enrolled } = await schedule({ autopay: true });
    const { s: manual } = await schedule({ autopay: false });
    const charged: string[] = [];
    await runRecurringInvoices(database.db, clock, { autoCharge: async (ctx, invoice) => void charged.push(`${ctx.orgId}:${invoice.customerId}`) });
    expect(charged).toEqual([`${api.t.orgId}:${enrolled.customerId}`]);
    expect(charged).not.toContain(`${api.t.orgId}:${manual.customerId}`);
  });

  it('pauses a schedule whose invoice cannot be issued, says why, and goes on with the others', async () => {
    // End-of-month terms with a 20-day discount fit an invoice issued on the 5th (due the 31st), but not one
    // issued late on the 25th after downtime (due the 28th): the discount period would outlast the term.
    clock.set('2025-01-05T08:00:00Z');
    const { c, s } = await schedule({ startDate: '2025-01-05', template: { ...template, paymentTerms: 'eom_0', earlyPayment: { percentBp: 200, days: 20 } } });
    const { c: healthy } = await schedule({ startDate: '2025-01-05' });
    await runRecurringInvoices(database.db, clock);
    expect(await invoicesOf(c.id)).toHaveLength(1);
    clock.set('2025-02-25T08:00:00Z');
    const summary = await runRecurringInvoices(database.db, clock);
    expect(summary.paused).toBe(1);
    expect(await invoicesOf(c.id)).toHaveLength(1);
    expect(await invoicesOf(healthy.id)).toHaveLength(2);
    const paused = await api.ok('GET', `/recurring-invoices/${s.id}`);
    expect(paused).toMatchObject({ status: 'paused', lastPeriod: '2025-01-05', statusReason: expect.stringMatching(/^EARLY_TERMS_DAYS_OUT_OF_RANGE: /) });
    expect(paused.runs).toHaveLength(1);
    const event = (await api.ok('GET', `/events?entityId=${s.id}`)).data.find((e: { action: string }) => e.action === 'recurring_schedule.paused');
    expect(event.after).toMatchObject({ reason: 'EARLY_TERMS_DAYS_OUT_OF_RANGE', field: 'earlyPayment' });
  });
});

describe('pause, resume, edit, end', () => {
  it('skips the periods that fell while paused and goes on from the next one', async () => {
    clock.set('2025-01-31T08:00:00Z');
    const { c, s } = await schedule();
    await runRecurringInvoices(database.db, clock);
    await api.ok('POST', `/recurring-invoices/${s.id}/pause`);
    await api.fails('POST', `/recurring-invoices/${s.id}/pause`, undefined, 409, 'SCHEDULE_ALREADY_PAUSED');
    clock.set('2025-04-15T08:00:00Z');
    await runRecurringInvoices(database.db, clock);
    expect(await invoicesOf(c.id)).toHaveLength(1);
    const resumed = await api.ok('POST', `/recurring-invoices/${s.id}/resume`);
    expect(resumed).toMatchObject({ status: 'active', nextRunDate: '2025-04-30', lastPeriod: '2025-04-14' });
    await api.fails('POST', `/recurring-invoices/${s.id}/resume`, undefined, 409, 'SCHEDULE_NOT_PAUSED');
    await runRecurringInvoices(database.db, clock);
    expect(await invoicesOf(c.id)).toHaveLength(1);
    const runs = await recurringRunsOf(database.db, api.t.orgId, s.id, 10);
    expect(runs.map((r) => [r.period, r.outcome])).toEqual([
      ['2025-03-31', 'skipped'],
      ['2025-02-28', 'skipped'],
      ['2025-01-31', 'issued'],
    ]);
  });

  it('edits the rule and the template, and ends the schedule keeping its history', async () => {
    clock.set('2025-01-31T08:00:00Z');
    const { s } = await schedule();
    const edited = await api.ok('PATCH', `/recurring-invoices/${s.id}`, { frequency: 'quarterly', startDate: '2025-02-15', template: { ...template, earlyPayment: '2/7' } });
    expect(edited).toMatchObject({ frequency: 'quarterly', nextRunDate: '2025-02-15', template: { earlyPayment: { percentBp: 200, days: 7 } } });
    const ended = await api.ok('DELETE', `/recurring-invoices/${s.id}`);
    expect(ended).toMatchObject({ status: 'ended', nextRunDate: null });
    await api.fails('PATCH', `/recurring-invoices/${s.id}`, { name: 'again' }, 409, 'SCHEDULE_ENDED');
    await api.fails('POST', `/recurring-invoices/${s.id}/resume`, undefined, 409, 'SCHEDULE_ENDED');
    const listed = await api.ok('GET', `/recurring-invoices?customerId=${s.customerId}&status=ended`);
    expect(listed.data.map((x: { id: string }) => x.id)).toEqual([s.id]);
    const actions = (await api.ok('GET', `/events?entityId=${s.id}`)).data.map((e: { action: string }) => e.action).reverse();
    expect(actions).toEqual(['recurring_schedule.created', 'recurring_schedule.updated', 'recurring_schedule.ended']);
  });
});

describe('hostile input', () => {
  it.each([
    [{ frequency: 'daily' }, 400, 'VALIDATION_FAILED', 'frequency'],
    [{ frequency: 'monthly', rrule: 'FREQ=DAILY' }, 422, 'RRULE_NOT_EXPECTED', 'rrule'],
    [{ frequency: 'rrule' }, 422, 'RRULE_REQUIRED', 'rrule'],
    [{ frequency: 'rrule', rrule: 'FREQ=SECONDLY' }, 400, 'RRULE_INVALID', 'rrule'],
    [{ frequency: 'rrule', rrule: 'FREQ=DAILY;UNTIL=20200101T000000Z' }, 422, 'RRULE_NEVER_OCCURS', 'rrule'],
    [{ frequency: 'rrule', rrule: 'x'.repeat(501) }, 400, 'VALIDATION_FAILED', 'rrule'],
    [{ frequency: 'rrule', rrule: 'FREQ=DAILY\r\nRDATE:20250101' }, 400, 'RRULE_INVALID', 'rrule'],
    [{ startDate: '2025-02-30' }, 400, 'INVALID_DATE', 'startDate'],
    [{ startDate: '31/01/2025' }, 400, 'VALIDATION_FAILED', 'startDate'],
    [{ endDate: '2024-12-31' }, 422, 'END_BEFORE_START', 'endDate'],
    [{ name: '' }, 400, 'VALIDATION_FAILED', 'name'],
    [{ name: 'n'.repeat(201) }, 400, 'VALIDATION_FAILED', 'name'],
    [{ catchUp: 'never' }, 400, 'VALIDATION_FAILED', 'catchUp'],
    [{ autopay: 'yes' }, 400, 'VALIDATION_FAILED', 'autopay'],
    [{ template: { lines: [] } }, 400, 'VALIDATION_FAILED', 'template.lines'],
    [{ template: { lines: [{ description: 'x', quantity: 1, unitPrice: -1 }] } }, 400, 'VALIDATION_FAILED', 'template.lines[0].unitPrice'],
    [{ template: { lines: [{ description: 'x', quantity: 'lots', unitPrice: 1 }] } }, 400, 'INVALID_QUANTITY', 'template.lines[0].quantity'],
    [{ template: { ...template, paymentTerms: 'fixed_2025-03-01' } }, 400, 'INVALID_PAYMENT_TERMS', 'template.paymentTerms'],
    [{ template: { ...template, currency: 'ABC' } }, 400, 'INVALID_CURRENCY', 'template.currency'],
    [{ template: { ...template, earlyPayment: '2/30' } }, 422, 'EARLY_TERMS_DAYS_OUT_OF_RANGE', 'template.earlyPayment'],
    [{ template: { ...template, total: 1 } }, 400, 'VALIDATION_FAILED', 'template.total'],
    [{ orgId: ZERO_UUID }, 400, 'VALIDATION_FAILED', 'orgId'],
  ])('refuses %j (%i %s) and creates nothing', async (body, status, code, field) => {
    const c = await api.customer();
    await api.fails('POST', '/recurring-invoices', { customerId: c.id, name: 'Plan', frequency: 'monthly', startDate: '2025-01-31', template, ...body }, status, code, field);
    expect((await api.ok('GET', `/recurring-invoices?customerId=${c.id}`)).data).toEqual([]);
  });

  it('refuses bad edits and ids', async () => {
    clock.set('2025-01-31T08:00:00Z');
    const { s } = await schedule();
    await api.fails('PATCH', `/recurring-invoices/${s.id}`, {}, 400, 'VALIDATION_FAILED');
    await api.fails('PATCH', `/recurring-invoices/${s.id}`, { customerId: ZERO_UUID }, 400, 'VALIDATION_FAILED', 'customerId');
    await api.fails('PATCH', `/recurring-invoices/${s.id}`, { frequency: 'rrule' }, 422, 'RRULE_REQUIRED');
    await api.fails('PATCH', `/recurring-invoices/${s.id}`, { endDate: '2025-01-01' }, 422, 'END_BEFORE_START');
    await api.fails('GET', '/recurring-invoices/not-a-uuid', undefined, 400, 'VALIDATION_FAILED');
    await api.fails('GET', `/recurring-invoices/${ZERO_UUID}`, undefined, 404, 'SCHEDULE_NOT_FOUND');
    await api.fails('GET', '/recurring-invoices?cursor=%27%3B--', undefined, 400, 'INVALID_CURSOR');
    expect(await api.ok('GET', `/recurring-invoices/${s.id}`)).toMatchObject({ frequency: 'monthly', endDate: null });
  });

  it('needs invoices:write to change and invoices:read to look', async () => {
    const viewer = await api.as(database, clock, 'viewer');
    await viewer.ok('GET', '/recurring-invoices');
    await viewer.fails('POST', '/recurring-invoices', {}, 403, 'FORBIDDEN');
    const collector = await api.as(database, clock, 'collector');
    await collector.fails('POST', `/recurring-invoices/${ZERO_UUID}/pause`, undefined, 403, 'FORBIDDEN');
  });
});

describe('tenant isolation', () => {
  it("gives 404 for another organization's schedules and customers and changes nothing", async () => {
    clock.set('2025-01-31T08:00:00Z');
    const { c, s } = await schedule();
    await other.fails('POST', '/recurring-invoices', { customerId: c.id, name: 'Steal', frequency: 'monthly', startDate: '2025-01-31', template }, 404, 'CUSTOMER_NOT_FOUND');
    await other.fails('GET', `/recurring-invoices/${s.id}`, undefined, 404, 'SCHEDULE_NOT_FOUND');
    await other.fails('PATCH', `/recurring-invoices/${s.id}`, { name: 'Mine' }, 404, 'SCHEDULE_NOT_FOUND');
    await other.fails('POST', `/recurring-invoices/${s.id}/pause`, undefined, 404, 'SCHEDULE_NOT_FOUND');
    await other.fails('POST', `/recurring-invoices/${s.id}/resume`, undefined, 404, 'SCHEDULE_NOT_FOUND');
    await other.fails('DELETE', `/recurring-invoices/${s.id}`, undefined, 404, 'SCHEDULE_NOT_FOUND');
    expect((await other.ok('GET', '/recurring-invoices')).data).toEqual([]);
    expect(await api.ok('GET', `/recurring-invoices/${s.id}`)).toMatchObject({ name: 'Monthly hosting', status: 'active' });
  });
});
