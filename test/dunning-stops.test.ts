import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inOrg } from '../src/db/connection.ts';
import { outbox } from '../src/db/schema/index.ts';
import type { OutboxRow } from '../src/db/repositories/outbox.ts';
import { addDays, date } from '../src/domain/dates.ts';
import { closePaymentClaim, recordPaymentClaim } from '../src/services/collections/claims.ts';
import { openDispute, resolveDispute } from '../src/services/collections/disputes.ts';
import { createPaymentPlan } from '../src/services/collections/payment-plans.ts';
import { recordPromise } from '../src/services/collections/promises.ts';
import { createTask } from '../src/services/collections/tasks.ts';
import { fixedClock, type Ctx } from '../src/services/context.ts';
import { invoiceSchedule } from '../src/services/dunning/invoice-schedule.ts';
import { pauseInvoiceDunning, resumeInvoiceDunning, setCustomerDunning, setInvoiceDunning, updateDunningSettings } from '../src/services/dunning/settings.ts';
import { reminderBlockers, reminderStillWanted } from '../src/services/dunning/still-wanted.ts';
import { recordPayment } from '../src/services/payments.ts';
import { updateCustomer } from '../src/services/update-customer.ts';
import type { TestClock } from './support/app.ts';
import { testDatabase } from './support/database.ts';
import { at, dunningCustomer, dunningInvoice, dunningOrg, eventsOf, historyRows, outboxRows, sentSteps, taskRows, tick } from './support/dunning.ts';

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

/** An organization that reminds every day of the week, so the dates below are the policy's own. */
async function everyDayOrg(): Promise<Ctx> {
  const ctx = await dunningOrg(database, clock);
  ok(await updateDunningSettings(ctx, { workingDays: [1, 2, 3, 4, 5, 6, 7] }));
  return ctx;
}

async function run(ctx: Ctx, from: string, count: number, deliver = false): Promise<void> {
  for (let n = 0; n < count; n++) {
    at(clock, addDays(date(from), n));
    await tick(ctx);
    // What the delivery worker does during the day, for stories that must not find yesterday's mail pending.
    if (deliver) await database.db.update(outbox).set({ status: 'sent' }).where(and(eq(outbox.orgId, ctx.orgId), eq(outbox.status, 'pending')));
  }
}

async function pay(ctx: Ctx, customerId: string, invoiceId: string, amount: number, on = '2025-06-02') {
  return ok(await recordPayment(ctx, { customerId, amount, currency: 'EUR', receivedOn: on, method: 'bank_transfer', allocations: [{ invoiceId, amount }] }));
}

async function wanted(ctx: Ctx, row: OutboxRow) {
  return inOrg(database.db, ctx.orgId, async (tx) => ({ wanted: await reminderStillWanted(tx, ctx.orgId, row), blockers: (await reminderBlockers(tx, ctx.orgId, row)).map((b) => b.blocker) }));
}

async function pending(ctx: Ctx): Promise<OutboxRow[]> {
  return (await outboxRows(ctx)).filter((r) => r.status === 'pending');
}

describe('states that stop or pause reminders', () => {
  it('paid in full: the open promise is kept, the calls about it are dropped, and nothing more is sent', async () => {
    const ctx = await everyDayOrg();
    const customer = await dunningCustomer(ctx);
    const invoice = await dunningInvoice(ctx, customer, '2025-06-05');
    await run(ctx, '2025-06-02', 1);
    const [row] = await pending(ctx);
    expect(await wanted(ctx, row!)).toEqual({ wanted: true, blockers: [] });
    ok(await recordPromise(ctx, invoice, { promisedDate: '2025-06-20', amount: 100_000, promisedBy: 'Ana', channel: 'phone' }));
    const task = ok(await createTask(ctx, { customerId: customer, title: 'Call Ana', dueOn: '2025-06-03', invoiceIds: [invoice] }));
    await pay(ctx, customer, invoice, 100_000);
    const [after] = await outboxRows(ctx);
    expect(after).toMatchObject({ status: 'cancelled', payload: expect.objectContaining({ cancelledReason: 'PROMISE_TO_PAY' }) });
    expect(await wanted(ctx, row!)).toEqual({ wanted: false, blockers: ['INVOICE_SETTLED'] });
    const actions = (await eventsOf(ctx, invoice)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['dunning.reminder_cancelled', 'invoice.payment_applied', 'promise.kept', 'task.cancelled']));
    expect((await taskRows(ctx)).find((t) => t.id === task.id)).toMatchObject({ status: 'cancelled', outcome: 'invoices_settled' });
    await run(ctx, '2025-06-03', 40);
    expect(await outboxRows(ctx)).toHaveLength(1);
  });

  it('paid in full: a reminder queued before the payment is cancelled by the payment itself', async () => {
    const ctx = await everyDayOrg();
    const customer = await dunningCustomer(ctx);
    const invoice = await dunningInvoice(ctx, customer, '2025-06-05');
    await run(ctx, '2025-06-02', 1);
    await pay(ctx, customer, invoice, 100_000);
    const [row] = await outboxRows(ctx);
    expect(row).toMatchObject({ status: 'cancelled', payload: expect.objectContaining({ cancelledReason: 'INVOICE_PAID' }) });
    expect((await eventsOf(ctx, customer)).find((e) => e.action === 'dunning.reminder_cancelled')!.after).toMatchObject({ outboxId: row!.id, reason: 'INVOICE_PAID' });
  });

  it('partially paid: the next reminder asks for the balance', async () => {
    const ctx = await everyDayOrg();
    const customer = await dunningCustomer(ctx);
    const invoice = await dunningInvoice(ctx, customer, '2025-06-05');
    await run(ctx, '2025-06-02', 1);
    await pay(ctx, customer, invoice, 35_000);
    expect((await outboxRows(ctx))[0]!.status).toBe('pending');
    await run(ctx, '2025-06-03', 4);
    const rows = await outboxRows(ctx);
    expect(sentSteps(rows)).toEqual(['before_due@2025-06-02', 'overdue_1@2025-06-06']);
    expect(rows[1]!.payload.items).toMatchObject([{ amountMinor: 65_000 }]);
    expect(rows[1]!.bodyText).toContain('€650.00');
  });

  it('a dispute pauses at once and, once resolved, dunning catches up with one reminder', async () => {
    const ctx = await everyDayOrg();
    const customer = await dunningCustomer(ctx);
    const invoice = await dunningInvoice(ctx, customer, '2025-06-05');
    await run(ctx, '2025-06-02', 1);
    const dispute = ok(await openDispute(ctx, invoice, { reasonCode: 'quality', description: 'Two chairs broken' }));
    expect((await outboxRows(ctx))[0]).toMatchObject({ status: 'cancelled', payload: expect.objectContaining({ cancelledReason: 'DISPUTE_OPEN' }) });
    await run(ctx, '2025-06-03', 10); // +1 and +7 fall while it is open
    expect(await outboxRows(ctx)).toHaveLength(1);
    at(clock, '2025-06-13');
    expect(ok(await invoiceSchedule(ctx, invoice)).state).toEqual({ kind: 'held', holds: [{ reason: 'DISPUTE_OPEN', refId: dispute.id, until: null }] });
    ok(await resolveDispute(ctx, dispute.id, { resolution: 'rejected', note: 'Photos show no damage' }));
    await run(ctx, '2025-06-13', 1);
    expect(sentSteps(await outboxRows(ctx))).toEqual(['before_due@2025-06-02', 'overdue_7@2025-06-13']);
    expect((await historyRows(ctx)).map((h) => `${h.stepId}:${h.reason}`)).toEqual(['before_due:DUE_TODAY', 'overdue_1:CAUGHT_UP', 'overdue_7:DUE_EARLIER']);
  });

  it('a promise pauses until its date; kept when paid, broken otherwise with a task and reminders resuming', async () => {
    const ctx = await everyDayOrg();
    const customer = await dunningCustomer(ctx);
    const keeps = await dunningInvoice(ctx, customer, '2025-06-05', 80_000);
    const breaks = await dunningInvoice(ctx, customer, '2025-06-05', 60_000);
    await run(ctx, '2025-06-02', 5); // −3 batch on 2 Jun, +1 batch on 6 Jun
    const kept = ok(await recordPromise(ctx, keeps, { promisedDate: '2025-06-10', amount: 50_000, promisedBy: 'Ana Pop', channel: 'phone' }));
    const broken = ok(await recordPromise(ctx, breaks, { promisedDate: '2025-06-10', amount: 60_000, promisedBy: 'Ana Pop', channel: 'email', note: 'after the client pays them' }));
    await run(ctx, '2025-06-07', 3);
    await pay(ctx, customer, keeps, 50_000, '2025-06-10');
    await run(ctx, '2025-06-10', 3);
    expect((await eventsOf(ctx, keeps)).map((e) => e.action)).toContain('promise.kept');
    expect((await eventsOf(ctx, breaks)).map((e) => e.action)).toContain('promise.broken');
    const [task] = await taskRows(ctx);
    expect(task).toMatchObject({ kind: 'call_about_broken_promise', invoiceIds: [breaks], dueOn: '2025-06-11', sourceKey: `task/promise/${broken.id}` });
    // On 11 Jun both are free again: +7 (12 Jun) is not due yet; it goes on 12 Jun for both, in one message.
    const last = (await outboxRows(ctx)).at(-1)!;
    expect(sentSteps([last])).toEqual(['overdue_7@2025-06-12', 'overdue_7@2025-06-12']);
    const items = (last.payload.items as { invoiceId: string; amountMinor: number }[]).map((i) => `${i.invoiceId}:${i.amountMinor}`);
    expect(items.sort()).toEqual([`${keeps}:30000`, `${breaks}:60000`].sort());
    expect((await eventsOf(ctx, customer)).find((e) => e.action === 'promise.kept')!.after).toMatchObject({ promiseId: kept.id });
  });

  it('a payment plan replaces the invoice’s reminders with installment reminders and breaks after its grace', async () => {
    const ctx = await everyDayOrg();
    const customer = await dunningCustomer(ctx);
    const invoice = await dunningInvoice(ctx, customer, '2025-06-05', 90_001);
    await run(ctx, '2025-06-02', 5, true);
    at(clock, '2025-06-06', '12:00');
    const { plan, installments } = ok(await createPaymentPlan(ctx, invoice, { dueDates: ['2025-06-15', '2025-06-30', '2025-07-15'], graceDays: 2 }));
    // 90 001 split three ways, the earliest taking the extra unit
    expect(installments.map((i) => i.amount)).toEqual([30_001, 30_000, 30_000]);
    await run(ctx, '2025-06-07', 10, true); // through 16 Jun: installment 1 reminders on 12, 15, 16 Jun
    await pay(ctx, customer, invoice, 30_001, '2025-06-16');
    await run(ctx, '2025-06-17', 18, true);
    await run(ctx, '2025-07-05', 1); // installment 2: 27 and 30 Jun, then +1 on 1 Jul, unpaid; grace ends 2 Jul; breaks 3 Jul
    const rows = await outboxRows(ctx);
    const steps = rows.map((r) => (r.payload.items as { stepId: string; installment: number | null }[]).map((i) => `${i.stepId.split('.')[0]}#${i.installment ?? '-'}`).join() + `@${r.payload.on}`);
    expect(steps).toEqual([
      'before_due#-@2025-06-02',
      'overdue_1#-@2025-06-06',
      'installment_upcoming#1@2025-06-12',
      'installment_due#1@2025-06-15',
      'installment_overdue#1@2025-06-16',
      'installment_upcoming#2@2025-06-27',
      'installment_due#2@2025-06-30',
      'installment_overdue#2@2025-07-01',
      // broken on 3 Jul: the invoice's schedule resumes with the latest owed step (+21, a call), then +30 on 5 Jul
      'final_30#-@2025-07-05',
    ]);
    expect(rows[2]!.idempotencyKey).toBe(`reminder/invoice/${invoice}/installment/1/installment_upcoming.${plan.id}/1`);
    expect(rows.map((r) => r.status)).toEqual([...Array(8).fill('sent'), 'pending']);
    const tasks = await taskRows(ctx);
    expect(tasks.map((t) => [t.kind, t.dueOn])).toEqual([
      ['call_about_broken_plan', '2025-07-03'],
      ['call', '2025-07-03'],
    ]);
    expect((await eventsOf(ctx, invoice)).find((e) => e.action === 'payment_plan.broken')!.after).toMatchObject({ planId: plan.id, installment: 2 });
  });

  it('"already paid" pauses until its date or until closed', async () => {
    const ctx = await everyDayOrg();
    const customer = await dunningCustomer(ctx);
    const invoice = await dunningInvoice(ctx, customer, '2025-06-05');
    await run(ctx, '2025-06-02', 4);
    at(clock, '2025-06-05', '12:00');
    const claim = ok(await recordPaymentClaim(ctx, invoice, { paidOn: '2025-06-04', reference: 'OP 123' }));
    expect(claim.until).toBe('2025-06-10');
    await run(ctx, '2025-06-06', 2);
    expect(sentSteps(await outboxRows(ctx))).toEqual(['before_due@2025-06-02']);
    ok(await closePaymentClaim(ctx, claim.id));
    await run(ctx, '2025-06-08', 1);
    expect(sentSteps(await outboxRows(ctx))).toEqual(['before_due@2025-06-02', 'overdue_1@2025-06-08']);
  });

  it('pause and resume by hand', async () => {
    const ctx = await everyDayOrg();
    const customer = await dunningCustomer(ctx);
    const invoice = await dunningInvoice(ctx, customer, '2025-06-05');
    await run(ctx, '2025-06-02', 1);
    ok(await pauseInvoiceDunning(ctx, invoice));
    const [row] = await outboxRows(ctx);
    expect(row).toMatchObject({ status: 'cancelled', payload: expect.objectContaining({ cancelledReason: 'INVOICE_PAUSED' }) });
    expect((await wanted(ctx, row!)).blockers).toEqual(['DUNNING_PAUSED']);
    await run(ctx, '2025-06-03', 10);
    expect(await outboxRows(ctx)).toHaveLength(1);
    ok(await resumeInvoiceDunning(ctx, invoice));
    await run(ctx, '2025-06-13', 1);
    expect(sentSteps(await outboxRows(ctx))).toEqual(['before_due@2025-06-02', 'overdue_7@2025-06-13']);
  });

  it('an excluded customer or invoice, or a customer in collections, gets nothing more', async () => {
    const ctx = await everyDayOrg();
    const excluded = await dunningCustomer(ctx, { name: 'Excluded', email: 'x@x.test' });
    const collected = await dunningCustomer(ctx, { name: 'Collected', email: 'c@x.test' });
    const single = await dunningCustomer(ctx, { name: 'Single invoice', email: 's@x.test' });
    await dunningInvoice(ctx, excluded, '2025-06-05');
    await dunningInvoice(ctx, collected, '2025-06-05');
    const off = await dunningInvoice(ctx, single, '2025-06-05');
    const on = await dunningInvoice(ctx, single, '2025-06-25');
    await run(ctx, '2025-06-02', 1);
    const rows = await pending(ctx);
    expect(rows).toHaveLength(3);
    ok(await setCustomerDunning(ctx, excluded, { excluded: true }));
    ok(await setInvoiceDunning(ctx, off, { excluded: true }));
    ok(await updateCustomer(ctx, collected, { status: 'in_collections' }));
    const byCustomer = new Map((await outboxRows(ctx)).map((r) => [r.customerId, r]));
    expect(byCustomer.get(excluded)).toMatchObject({ status: 'cancelled', payload: expect.objectContaining({ cancelledReason: 'CUSTOMER_EXCLUDED' }) });
    expect(byCustomer.get(single)).toMatchObject({ status: 'cancelled', payload: expect.objectContaining({ cancelledReason: 'INVOICE_EXCLUDED' }) });
    // A status changed elsewhere is caught when the reminder is due.
    expect(byCustomer.get(collected)!.status).toBe('pending');
    expect(await wanted(ctx, byCustomer.get(collected)!)).toEqual({ wanted: false, blockers: ['CUSTOMER_IN_COLLECTIONS'] });
    await run(ctx, '2025-06-03', 25);
    expect(sentSteps((await outboxRows(ctx)).slice(3))).toEqual(['before_due@2025-06-22', 'overdue_1@2025-06-26']);
    expect((await outboxRows(ctx)).slice(3).every((r) => r.invoiceIds.length === 1 && r.invoiceIds[0] === on)).toBe(true);
  });

  it('a cancelled batch offers its other invoices again the next day, each step once', async () => {
    const ctx = await everyDayOrg();
    const customer = await dunningCustomer(ctx);
    const paid = await dunningInvoice(ctx, customer, '2025-06-05', 10_000);
    const other = await dunningInvoice(ctx, customer, '2025-06-05', 20_000);
    await run(ctx, '2025-06-02', 1);
    const [batch] = await outboxRows(ctx);
    expect(batch!.invoiceIds).toHaveLength(2);
    await pay(ctx, customer, paid, 10_000);
    const cancelled = (await eventsOf(ctx, other)).find((e) => e.action === 'dunning.reminder_cancelled');
    expect(cancelled!.after).toMatchObject({ reason: 'INVOICE_PAID', releasedInvoiceIds: [other] });
    at(clock, '2025-06-02', '15:00');
    await tick(ctx); // the customer already had today's email: tomorrow
    await run(ctx, '2025-06-03', 1);
    const rows = await outboxRows(ctx);
    expect(rows.map((r) => [r.status, r.idempotencyKey])).toEqual([
      ['cancelled', `reminder/customer/${customer}/email/2025-06-02`],
      ['pending', `reminder/invoice/${other}/before_due/1`],
    ]);
    expect(rows[1]!.payload.items).toMatchObject([{ reason: 'DUE_EARLIER' }]);
    const history = (await historyRows(ctx)).filter((h) => h.invoiceId === other);
    expect(history.map((h) => [h.on, h.released])).toEqual([
      ['2025-06-02', true],
      ['2025-06-03', false],
    ]);
  });

  it('still-wanted refuses a reminder whose invoice is unknown and lets any other kind of message go', async () => {
    const ctx = await everyDayOrg();
    const customer = await dunningCustomer(ctx);
    await dunningInvoice(ctx, customer, '2025-06-05');
    await run(ctx, '2025-06-02', 1);
    const [row] = await outboxRows(ctx);
    expect(await wanted(ctx, { ...row!, invoiceIds: ['01900000-0000-7000-8000-0000000000ff'] })).toEqual({ wanted: false, blockers: ['INVOICE_NOT_FOUND'] });
    expect((await wanted(ctx, { ...row!, kind: 'receipt', invoiceIds: ['01900000-0000-7000-8000-0000000000ff'] })).wanted).toBe(true);
    const other = await dunningOrg(database, clock, 'Other SRL');
    expect((await wanted(other, row!)).blockers).toEqual(['INVOICE_NOT_FOUND']);
  });
});
