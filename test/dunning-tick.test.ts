import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers, dunningInvoiceState, outbox } from '../src/db/schema/index.ts';
import { addDays, date } from '../src/domain/dates.ts';
import { fixedClock, type Ctx } from '../src/services/context.ts';
import { saveWebhookEndpoint } from '../src/services/delivery/webhook-endpoint.ts';
import { createDunningPolicy } from '../src/services/dunning/policies.ts';
import { customersOverview } from '../src/services/insight/customers.ts';
import { createInvoice, issueInvoice } from '../src/services/invoices.ts';
import { recordPayment } from '../src/services/payments.ts';
import { setCustomerDunning, setInvoiceDunning, updateDunningSettings } from '../src/services/dunning/settings.ts';
import { reminderStillWanted } from '../src/services/dunning/still-wanted.ts';
import { inOrg } from '../src/db/connection.ts';
import { refreshTickStatistics } from '../src/db/repositories/dunning.ts';
import type { TestClock } from './support/app.ts';
import { testDatabase } from './support/database.ts';
import { at, dunningCollector, dunningCustomer, dunningInvoice, dunningOrg, eventsOf, historyRows, outboxRows, sentSteps, taskRows, tick } from './support/dunning.ts';

let database: Awaited<ReturnType<typeof testDatabase>>;
let clock: TestClock;

beforeAll(async () => {
  database = await testDatabase();
  clock = fixedClock('2025-06-02T05:00:00Z');
});
afterAll(async () => {
  await database.dispose();
});

function ok<T>(result: { ok: true; value: T } | { ok: false; code: string; message: string }): T {
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.value;
}

async function days(ctx: Ctx, from: string, count: number, time = '08:00'): Promise<void> {
  for (let n = 0; n < count; n++) {
    at(clock, addDays(date(from), n), time);
    await tick(ctx);
  }
}

async function usePolicy(ctx: Ctx, steps: unknown[]): Promise<string> {
  const policy = ok(await createDunningPolicy(ctx, { name: 'Custom', steps }));
  ok(await updateDunningSettings(ctx, { defaultPolicyId: policy.id }));
  return policy.id;
}

describe('the dunning tick, end to end', () => {
  it('sends the built-in schedule on working days: emails, a text, a call task, a final notice with its late fee', async () => {
    const ctx = await dunningOrg(database, clock);
    const customer = await dunningCustomer(ctx);
    const invoice = await dunningInvoice(ctx, customer, '2025-06-05'); // a Thursday
    await days(ctx, '2025-06-01', 40);
    const rows = await outboxRows(ctx);
    // −3 → Mon 2 Jun; +1 → Fri 6 Jun; +7 → Thu 12 Jun; +14 → Thu 19 Jun; +30 falls on Sat 5 Jul → Mon 7 Jul
    expect(sentSteps(rows)).toEqual(['before_due@2025-06-02', 'overdue_1@2025-06-06', 'overdue_7@2025-06-12', 'overdue_14_sms@2025-06-19', 'final_30@2025-07-07']);
    expect(rows.map((r) => [r.channel, r.recipient])).toEqual([
      ['email', 'ana@saomai.test'],
      ['email', 'ana@saomai.test'],
      ['email', 'ana@saomai.test'],
      ['sms', '+40721000001'],
      ['email', 'ana@saomai.test'],
    ]);
    // queued at 08:00, sent from 09:00 Bucharest (06:00 UTC in summer)
    expect(rows[0]!.nextAttemptAt.toISOString()).toBe('2025-06-02T06:00:00.000Z');
    expect(rows[0]!.idempotencyKey).toBe(`reminder/invoice/${invoice}/before_due/1`);
    expect(rows[0]!.subject).toContain('is due on 5 Jun 2025');
    expect(rows[4]!.payload.items).toMatchObject([{ reason: 'DUE_EARLIER', stepId: 'final_30' }]);
    const tasks = await taskRows(ctx);
    expect(tasks).toMatchObject([{ kind: 'call', dueOn: '2025-06-26', phone: '+40721000001', contactName: 'Ana Pop', invoiceIds: [invoice], assigneeId: null, status: 'open' }]);
    expect((await historyRows(ctx)).map((h) => `${h.stepId}:${h.outcome}:${h.on}`)).toEqual([
      'before_due:sent:2025-06-02',
      'overdue_1:sent:2025-06-06',
      'overdue_7:sent:2025-06-12',
      'overdue_14_sms:sent:2025-06-19',
      'overdue_21_call:sent:2025-06-26',
      'final_30:sent:2025-07-07',
    ]);
    const timeline = await eventsOf(ctx, invoice);
    expect(timeline.filter((e) => e.action === 'dunning.reminder_queued')).toHaveLength(5);
    const first = timeline.find((e) => e.action === 'dunning.reminder_queued')!.after as { outboxId: string };
    expect(first).toMatchObject({ channel: 'email', recipient: 'ana@saomai.test', items: [{ invoiceId: invoice, stepId: 'before_due' }] });
    // The event names the outbox row that holds the content, rather than copying it.
    expect(rows.find((r) => r.id === first.outboxId)!.bodyText).toContain('friendly reminder');
    expect(timeline.filter((e) => e.action === 'dunning.late_fee_due')).toHaveLength(1);
    expect((await eventsOf(ctx, customer)).filter((e) => e.action === 'dunning.reminder_queued')).toHaveLength(5);
  });

  it('sends one message per customer, channel and day listing every invoice due for a step', async () => {
    const ctx = await dunningOrg(database, clock);
    const customer = await dunningCustomer(ctx);
    const a = await dunningInvoice(ctx, customer, '2025-06-05', 10_000);
    const b = await dunningInvoice(ctx, customer, '2025-06-05', 20_000);
    const c = await dunningInvoice(ctx, customer, '2025-06-11', 30_000); // its −3 falls on 8 Jun, with a and b's nothing
    await days(ctx, '2025-06-02', 1);
    const [batch] = await outboxRows(ctx);
    expect(batch).toMatchObject({ idempotencyKey: `reminder/customer/${customer}/email/2025-06-02`, channel: 'email' });
    expect([...batch!.invoiceIds].sort()).toEqual([a, b].sort());
    expect(batch!.payload).toMatchObject({ batch: true, totals: [{ currency: 'EUR', amountMinor: 30_000 }] });
    expect(batch!.bodyText).toContain('€300.00');
    await days(ctx, '2025-06-03', 7);
    // c's −3 fell on Sunday 8 Jun: sent Monday 9 Jun, alone
    expect(sentSteps(await outboxRows(ctx))).toEqual(['before_due@2025-06-02', 'before_due@2025-06-02', 'overdue_1@2025-06-06', 'overdue_1@2025-06-06', 'before_due@2025-06-09']);
    expect((await outboxRows(ctx)).at(-1)!.invoiceIds).toEqual([c]);
  });

  it('writes in the customer’s language and sends inside the customer’s business hours', async () => {
    const ctx = await dunningOrg(database, clock);
    const customer = await dunningCustomer(ctx, { name: 'Công ty Sao Mai', locale: 'vi', timeZone: 'Asia/Ho_Chi_Minh', email: 'lan@saomai.vn' });
    await dunningInvoice(ctx, customer, '2025-06-05');
    // 05:00 in Bucharest is 09:00 in Ho Chi Minh City: the window there is already open
    at(clock, '2025-06-02', '05:00');
    await tick(ctx);
    const [row] = await outboxRows(ctx);
    expect(row!.nextAttemptAt.toISOString()).toBe('2025-06-02T02:00:00.000Z');
    expect(row!.subject).toMatch(/thanh toán/i);
    expect(row!.bodyText).toContain('05/06/2025');
  });

  it('decides nothing on weekends, holidays or after hours, and catches up once on the next working day', async () => {
    const ctx = await dunningOrg(database, clock);
    ok(await updateDunningSettings(ctx, { nonWorkingDates: ['2025-06-09'] }));
    const customer = await dunningCustomer(ctx);
    const invoice = await dunningInvoice(ctx, customer, '2025-06-10'); // −3 on Saturday 7 Jun
    at(clock, '2025-06-06', '18:00'); // Friday after hours: nothing is decided for this customer
    expect(await tick(ctx)).toMatchObject({ customersDecided: 0, customersWaiting: 1 });
    for (const day of ['2025-06-07', '2025-06-08', '2025-06-09']) {
      at(clock, day, '10:00');
      expect((await tick(ctx)).customersWaiting).toBe(1);
    }
    at(clock, '2025-06-10', '17:30'); // after the window closes
    expect((await tick(ctx)).customersWaiting).toBe(1);
    expect(await outboxRows(ctx)).toEqual([]);
    at(clock, '2025-06-11', '11:00'); // the −3 (owed since Saturday) and the +1 (today): only the +1 goes, at once
    await tick(ctx);
    const rows = await outboxRows(ctx);
    expect(sentSteps(rows)).toEqual(['overdue_1@2025-06-11']);
    expect(rows[0]!.nextAttemptAt.toISOString()).toBe('2025-06-11T08:00:00.000Z');
    expect((await historyRows(ctx)).map((h) => `${h.stepId}:${h.reason}`)).toEqual(['before_due:CAUGHT_UP', 'overdue_1:DUE_TODAY']);
    const skipped = (await eventsOf(ctx, invoice)).filter((e) => e.action === 'dunning.steps_skipped');
    expect(skipped.map((e) => e.after)).toEqual([{ steps: [{ stepId: 'before_due', occurrence: 1, installment: null, dueOn: '2025-06-07', reason: 'CAUGHT_UP', condition: null }] }]);
  });

  it('never sends twice: ticks repeated the same day, run side by side, or finding more to say later that day', async () => {
    const ctx = await dunningOrg(database, clock);
    const customer = await dunningCustomer(ctx);
    await dunningInvoice(ctx, customer, '2025-06-05');
    at(clock, '2025-06-02', '08:00');
    await Promise.all([tick(ctx), tick(ctx), tick(ctx)]);
    await tick(ctx);
    expect(sentSteps(await outboxRows(ctx))).toEqual(['before_due@2025-06-02']);
    // The ticks side by side waited for each other: one history row and one event per fact, not three.
    expect((await historyRows(ctx)).map((h) => `${h.stepId}:${h.outcome}`)).toEqual(['before_due:sent']);
    expect((await eventsOf(ctx, customer)).filter((e) => e.action === 'dunning.reminder_queued')).toHaveLength(1);
    // A new invoice due for its −3 the same day: the customer already got an email today, so it waits a day.
    await dunningInvoice(ctx, customer, '2025-06-05', 55_000);
    at(clock, '2025-06-02', '14:00');
    expect(await tick(ctx)).toMatchObject({ deferred: 1, messagesQueued: 0 });
    at(clock, '2025-06-03', '08:00');
    await tick(ctx);
    await tick(ctx);
    const rows = await outboxRows(ctx);
    expect(sentSteps(rows)).toEqual(['before_due@2025-06-02', 'before_due@2025-06-03']);
    expect(rows[1]!.payload.items).toMatchObject([{ reason: 'DUE_EARLIER', amountMinor: 55_000 }]);
  });

  it('a dry run decides exactly what the tick then does and writes nothing', async () => {
    const ctx = await dunningOrg(database, clock);
    const customer = await dunningCustomer(ctx);
    await dunningInvoice(ctx, customer, '2025-06-05');
    at(clock, '2025-06-06', '08:00');
    const before = (await eventsOf(ctx, customer)).length;
    const dry = await tick(ctx, { dryRun: true });
    expect(dry).toMatchObject({ messagesQueued: 1, stepsSkipped: 1 });
    expect(dry.decisions[0]!.queued[0]!.message.idempotencyKey).toContain('overdue_1');
    expect(await outboxRows(ctx)).toEqual([]);
    expect(await historyRows(ctx)).toEqual([]);
    // The invoice's row is as the trigger made it when the invoice opened: never looked at.
    expect(await database.db.select().from(dunningInvoiceState).where(eq(dunningInvoiceState.orgId, ctx.orgId))).toMatchObject([{ nextCheckOn: '-infinity', checkedOn: null }]);
    expect(await eventsOf(ctx, customer)).toHaveLength(before);
    const real = await tick(ctx);
    expect(real).toMatchObject({ messagesQueued: 1, stepsSkipped: 1 });
    expect((await outboxRows(ctx))[0]!.idempotencyKey).toBe(dry.decisions[0]!.queued[0]!.message.idempotencyKey);
  });

  it('gives an invoice its next-look row when it opens, looks once, then only on its dates; money moving and closing keep the row true', async () => {
    const ctx = await dunningOrg(database, clock);
    const customer = await dunningCustomer(ctx);
    const states = () =>
      database.db
        .select({ invoiceId: dunningInvoiceState.invoiceId, nextCheckOn: dunningInvoiceState.nextCheckOn, checkedOn: dunningInvoiceState.checkedOn })
        .from(dunningInvoiceState)
        .where(eq(dunningInvoiceState.orgId, ctx.orgId))
        .orderBy(dunningInvoiceState.invoiceId);
    const nextReminderCheck = async () => ok(await customersOverview(ctx, { customerId: customer, limit: 1 })).customers[0]!.work.nextReminderCheck;
    at(clock, '2025-07-01');
    const draft = ok(await createInvoice(ctx, { customerId: customer, issueDate: '2025-07-01', dueDate: '2025-08-29', lines: [{ description: 'Audit', quantity: 1, unitPrice: 50_000, taxRateBp: 0 }] }));
    const invoice = await dunningInvoice(ctx, customer, '2025-07-31');
    expect(await states()).toEqual([{ invoiceId: invoice, nextCheckOn: '-infinity', checkedOn: null }]);
    expect(await nextReminderCheck()).toBeNull();
    expect(await tick(ctx)).toMatchObject({ invoicesPlanned: 1, messagesQueued: 0 });
    // −3 days before the due date, a Monday
    expect(await states()).toEqual([{ invoiceId: invoice, nextCheckOn: '2025-07-28', checkedOn: '2025-07-01' }]);
    expect(await nextReminderCheck()).toBe('2025-07-28');
    expect(await tick(ctx)).toMatchObject({ invoicesPlanned: 0 });

    ok(await issueInvoice(ctx, draft.id));
    ok(await recordPayment(ctx, { customerId: customer, amount: 40_000, currency: 'EUR', receivedOn: '2025-07-01', method: 'bank_transfer', allocations: [{ invoiceId: invoice, amount: 40_000 }] }));
    expect(await states()).toEqual(
      [
        { invoiceId: invoice, nextCheckOn: '-infinity', checkedOn: '2025-07-01' },
        { invoiceId: draft.id, nextCheckOn: '-infinity', checkedOn: null },
      ].sort((a, b) => a.invoiceId.localeCompare(b.invoiceId)),
    );
    expect(await tick(ctx)).toMatchObject({ invoicesPlanned: 2, messagesQueued: 0 });
    ok(await recordPayment(ctx, { customerId: customer, amount: 60_000, currency: 'EUR', receivedOn: '2025-07-01', method: 'bank_transfer', allocations: [{ invoiceId: invoice, amount: 60_000 }] }));
    expect(await states()).toEqual([{ invoiceId: draft.id, nextCheckOn: '2025-08-26', checkedOn: '2025-07-01' }]);
    // A change to the customer's or the organization's settings makes the next tick look again.
    ok(await setCustomerDunning(ctx, customer, { excluded: false }));
    expect(await states()).toEqual([{ invoiceId: draft.id, nextCheckOn: '-infinity', checkedOn: '2025-07-01' }]);
    expect(await tick(ctx)).toMatchObject({ invoicesPlanned: 1 });
    ok(await updateDunningSettings(ctx, { excluded: true }));
    expect(await states()).toEqual([{ invoiceId: draft.id, nextCheckOn: '-infinity', checkedOn: '2025-07-01' }]);
  });

  it('letters go to the billing address, webhooks to the organization’s endpoint; a customer who cannot be reached is skipped on the record', async () => {
    const ctx = await dunningOrg(database, clock);
    await usePolicy(ctx, [
      { id: 'letter', offsetDays: 1, channel: 'letter', tone: 'firm', templateKey: 'letter' },
      { id: 'hook', offsetDays: 2, channel: 'webhook', tone: 'firm', templateKey: 'hook' },
      { id: 'mail', offsetDays: 3, channel: 'email', tone: 'final', templateKey: 'mail' },
    ]);
    const withAddress = await dunningCustomer(ctx, { name: 'Adresa SRL', line1: 'Str. Memorandumului 28', email: null });
    const invoice = await dunningInvoice(ctx, withAddress, '2025-06-02');
    await days(ctx, '2025-06-03', 1); // letter
    ok(await saveWebhookEndpoint(ctx, { url: 'https://erp.example.com/hooks/punctual' }));
    await days(ctx, '2025-06-04', 2); // webhook, then the email that cannot go (no email address)
    const rows = await outboxRows(ctx);
    expect(rows.map((r) => [r.channel, r.recipient])).toEqual([
      ['letter', 'Adresa SRL, Str. Memorandumului 28, 400000 Cluj-Napoca, RO'],
      ['webhook', 'https://erp.example.com/hooks/punctual'],
    ]);
    expect(rows[0]!.payload.letter).toMatchObject({ title: 'Overdue payment reminder' });
    expect(JSON.parse(rows[1]!.bodyText)).toMatchObject({ type: 'dunning.reminder', tone: 'firm', invoices: [{ invoiceId: invoice, stepId: 'hook', amountMinor: 100_000 }] });
    expect((await historyRows(ctx)).map((h) => `${h.stepId}:${h.outcome}:${h.reason}`)).toEqual(['letter:sent:DUE_TODAY', 'hook:sent:DUE_TODAY', 'mail:skipped:NO_RECIPIENT']);
    const skipped = (await eventsOf(ctx, invoice)).find((e) => e.action === 'dunning.reminder_skipped');
    expect(skipped!.after).toMatchObject({ channel: 'email', reason: 'NO_RECIPIENT', subject: expect.stringContaining('Final notice') });
  });

  it('follows the cascade: organization default, customer policy, invoice policy, exclusions at each level', async () => {
    const ctx = await dunningOrg(database, clock);
    const early = ok(await createDunningPolicy(ctx, { name: 'Early', steps: [{ id: 'early', offsetDays: -10, channel: 'email', tone: 'friendly', templateKey: 'early' }] }));
    const late = ok(await createDunningPolicy(ctx, { name: 'Late', steps: [{ id: 'late', offsetDays: 2, channel: 'email', tone: 'firm', templateKey: 'late' }] }));
    const byOrg = await dunningCustomer(ctx, { name: 'Org default', email: 'a@x.test' });
    const byCustomer = await dunningCustomer(ctx, { name: 'Customer policy', email: 'b@x.test' });
    const excludedCustomer = await dunningCustomer(ctx, { name: 'Excluded', email: 'c@x.test' });
    ok(await setCustomerDunning(ctx, byCustomer, { policyId: early.id }));
    ok(await setCustomerDunning(ctx, excludedCustomer, { excluded: true }));
    const i1 = await dunningInvoice(ctx, byOrg, '2025-06-12');
    const i2 = await dunningInvoice(ctx, byCustomer, '2025-06-12');
    const i3 = await dunningInvoice(ctx, byCustomer, '2025-06-12', 5_000);
    const i4 = await dunningInvoice(ctx, excludedCustomer, '2025-06-12');
    const i5 = await dunningInvoice(ctx, excludedCustomer, '2025-06-12', 7_000);
    ok(await setInvoiceDunning(ctx, i3, { excluded: true }));
    ok(await setInvoiceDunning(ctx, i5, { policyId: late.id }));
    await days(ctx, '2025-06-02', 16);
    const sent = (await outboxRows(ctx)).map((r) => `${r.invoiceIds[0]}:${(r.payload.items as { stepId: string }[])[0]!.stepId}`);
    expect(sent.sort()).toEqual([`${i2}:early`, `${i1}:before_due`, `${i1}:overdue_1`, `${i5}:late`].sort());
    expect(sent.some((s) => s.startsWith(i4) || s.startsWith(i3))).toBe(false);
  });

  it('runs step actions and conditions: a small balance skips a step, hold and hand-off change the customer, the hand-off notice still goes', async () => {
    const ctx = await dunningOrg(database, clock);
    await usePolicy(ctx, [
      { id: 'big_only', offsetDays: 1, channel: 'email', tone: 'friendly', templateKey: 'x', conditions: { minBalanceMinor: { EUR: 50_000 } } },
      { id: 'hold', offsetDays: 2, channel: 'email', tone: 'firm', templateKey: 'x', actions: ['put_on_hold'] },
      { id: 'agency', offsetDays: 3, channel: 'email', tone: 'final', templateKey: 'x', actions: ['hand_to_collections'] },
    ]);
    const customer = await dunningCustomer(ctx);
    const small = await dunningInvoice(ctx, customer, '2025-06-02', 10_000);
    await days(ctx, '2025-06-03', 1);
    expect((await historyRows(ctx)).map((h) => `${h.stepId}:${h.reason}`)).toEqual(['big_only:CONDITION_NOT_MET']);
    await days(ctx, '2025-06-04', 1);
    const status = async () => (await database.db.select({ status: customers.status }).from(customers).where(and(eq(customers.orgId, ctx.orgId), eq(customers.id, customer))))[0]!.status;
    expect(await status()).toBe('on_hold');
    // The hold's reminder is still pending (not yet delivered) when the hand-off step runs.
    await days(ctx, '2025-06-05', 1);
    expect(await status()).toBe('in_collections');
    const rows = await outboxRows(ctx);
    expect(rows.map((r) => [(r.payload.items as { stepId: string }[])[0]!.stepId, r.status])).toEqual([
      ['hold', 'cancelled'],
      ['agency', 'pending'],
    ]);
    const wanted = await inOrg(database.db, ctx.orgId, async (tx) => {
      const answers = [];
      for (const r of rows) answers.push(await reminderStillWanted(tx, ctx.orgId, r));
      return answers;
    });
    expect(wanted).toEqual([false, true]);
    const changes = (await eventsOf(ctx, customer)).filter((e) => e.action === 'customer.status_changed').map((e) => [e.before, e.after]);
    expect(changes).toMatchObject([
      [{ status: 'active' }, { status: 'on_hold', stepId: 'hold', invoiceId: small }],
      [{ status: 'on_hold' }, { status: 'in_collections', stepId: 'agency' }],
    ]);
    await days(ctx, '2025-06-06', 10);
    expect(await outboxRows(ctx)).toHaveLength(2);
  });

  it('repeats the last step from the day it was done, up to its limit', async () => {
    const ctx = await dunningOrg(database, clock);
    ok(await updateDunningSettings(ctx, { workingDays: [1, 2, 3, 4, 5, 6, 7] }));
    await usePolicy(ctx, [{ id: 'again', offsetDays: 1, channel: 'email', tone: 'firm', templateKey: 'x', repeatEveryDays: 3, maxRepeats: 2 }]);
    const customer = await dunningCustomer(ctx);
    await dunningInvoice(ctx, customer, '2025-06-02');
    await days(ctx, '2025-06-02', 15);
    expect(sentSteps(await outboxRows(ctx))).toEqual(['again@2025-06-03', 'again@2025-06-06', 'again@2025-06-09']);
    expect((await outboxRows(ctx)).map((r) => r.idempotencyKey.split('/').at(-1))).toEqual(['1', '2', '3']);
  });

  it('assigns call tasks to the customer’s collector with the phone number and every open invoice', async () => {
    const ctx = await dunningOrg(database, clock);
    await usePolicy(ctx, [{ id: 'call', offsetDays: 5, channel: 'call_task', tone: 'firm', templateKey: 'call' }]);
    const customer = await dunningCustomer(ctx, { phone: '+40744555666' });
    const collector = await dunningCollector(ctx);
    ok(await setCustomerDunning(ctx, customer, { collectorId: collector }));
    const due = await dunningInvoice(ctx, customer, '2025-06-02', 40_000);
    const later = await dunningInvoice(ctx, customer, '2025-07-15', 12_000);
    await days(ctx, '2025-06-09', 1);
    const [task] = await taskRows(ctx);
    expect(task).toMatchObject({ kind: 'call', assigneeId: collector, phone: '+40744555666', invoiceIds: [due], dueOn: '2025-06-09', sourceKey: `reminder/invoice/${due}/call/1` });
    expect((task!.details as { openInvoices: { invoiceId: string }[] }).openInvoices.map((i) => i.invoiceId)).toEqual([due, later]);
    const queued = await database.db.select().from(outbox).where(eq(outbox.orgId, ctx.orgId));
    expect(queued).toEqual([]);
  });

  it('refreshes the planner statistics of the tables it fills, on the owner connection, and is skipped harmlessly inside a tenant transaction', async () => {
    const ctx = await dunningOrg(database, clock);
    await refreshTickStatistics(database.db);
    await inOrg(database.db, ctx.orgId, (tx) => refreshTickStatistics(tx));
  });
});
