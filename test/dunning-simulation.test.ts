import { and, asc, eq, lte } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inOrg } from '../src/db/connection.ts';
import { collectionTasks, events, outbox, paymentPlans, paymentPromises } from '../src/db/schema/index.ts';
import { addDays, compareDates, date, type PlainDate } from '../src/domain/dates.ts';
import { recordPaymentClaim } from '../src/services/collections/claims.ts';
import { openDispute, resolveDispute } from '../src/services/collections/disputes.ts';
import { createPaymentPlan } from '../src/services/collections/payment-plans.ts';
import { recordPromise } from '../src/services/collections/promises.ts';
import { fixedClock, type Ctx } from '../src/services/context.ts';
import { pauseInvoiceDunning, resumeInvoiceDunning } from '../src/services/dunning/settings.ts';
import { reminderStillWanted } from '../src/services/dunning/still-wanted.ts';
import { recordPayment } from '../src/services/payments.ts';
import type { TestClock } from './support/app.ts';
import { testDatabase } from './support/database.ts';
import { at, dunningCustomer, dunningInvoice, dunningOrg, tick } from './support/dunning.ts';

// Sixty simulated days over a few hundred invoices, with payments, disputes, promises, claims, pauses and
// payment plans arriving at random. The messages, tasks and outcomes the system produces must equal what
// an independent model of the policy demands, computed here day by day from the raw policy rules:
//   a step is owed once its day (due date + offset) has come and it is not done; on a tick only the latest
//   owed step of an invoice is sent, earlier owed ones are recorded as caught up; a dispute, a pause, a
//   promise up to its date or an "already paid" claim up to its end hold the invoice; the day after a
//   promise's date it is kept (paid since ≥ amount) or broken (a call task); a payment plan replaces the
//   invoice's steps by installment steps (−3, 0, +1 around each installment's due date) and breaks the day
//   after an unpaid installment's grace ends (a call task), when the invoice steps resume; sends of one
//   customer, channel and day are one message; a call step is a task; nothing is decided on weekends; a
//   message still pending when its invoice is paid, disputed, promised, claimed, planned or paused is
//   cancelled, and the other invoices of a cancelled batch are offered again on the next tick.

const START = date('2025-06-02'); // a Monday
const DAYS = 60;
const DOWNTIME = new Set([24, 25, 26, 27]); // no tick on these day numbers: the next one catches up
const STEPS = [
  { id: 'before_due', offset: -3, channel: 'email', lateFee: false },
  { id: 'overdue_1', offset: 1, channel: 'email', lateFee: false },
  { id: 'overdue_7', offset: 7, channel: 'email', lateFee: false },
  { id: 'overdue_14_sms', offset: 14, channel: 'sms', lateFee: false },
  { id: 'overdue_21_call', offset: 21, channel: 'call_task', lateFee: false },
  { id: 'final_30', offset: 30, channel: 'email', lateFee: true },
] as const;
const PLAN_STEPS = [
  { id: 'installment_upcoming', offset: -3, channel: 'email', lateFee: false },
  { id: 'installment_due', offset: 0, channel: 'email', lateFee: false },
  { id: 'installment_overdue', offset: 1, channel: 'email', lateFee: false },
] as const;

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ModelMessage {
  readonly day: string;
  readonly customerId: string;
  readonly channel: string;
  readonly items: { invoiceId: string; stepId: string; installment: number | null }[];
  status: 'pending' | 'sent' | 'cancelled';
}

interface ModelPlan {
  readonly id: string;
  readonly agreedOn: PlainDate;
  readonly balanceAt: number;
  readonly grace: number;
  readonly installments: readonly { number: number; due: PlainDate; amount: number }[];
}

interface ModelInvoice {
  readonly id: string;
  readonly customerId: string;
  readonly issue: PlainDate;
  readonly due: PlainDate;
  balance: number;
  /** Done step occurrences: key → the message that carried it (null for a skip or a task). */
  readonly done: Map<string, ModelMessage | null>;
  dispute: string | null;
  promise: { id: string; date: PlainDate; amount: number; balanceAt: number } | null;
  claimUntil: PlainDate | null;
  paused: boolean;
  plan: ModelPlan | null;
}

class Model {
  readonly invoices = new Map<string, ModelInvoice>();
  readonly messages: ModelMessage[] = [];
  readonly tasks: string[] = [];
  readonly promiseOutcomes = new Map<string, string>();
  readonly planOutcomes = new Map<string, string>();
  readonly lateFees = new Map<string, number>();

  tick(d: PlainDate): void {
    const sends: { inv: ModelInvoice; stepId: string; installment: number | null; channel: string }[] = [];
    for (const inv of this.invoices.values()) {
      if (inv.balance <= 0) continue;
      if (inv.promise && compareDates(d, inv.promise.date) > 0) {
        const kept = inv.promise.balanceAt - inv.balance >= inv.promise.amount;
        this.promiseOutcomes.set(inv.promise.id, kept ? 'kept' : 'broken');
        if (!kept) this.tasks.push(`${d}|call_about_broken_promise|${inv.customerId}|${inv.id}`);
        inv.promise = null;
      }
      const held = inv.paused || inv.dispute !== null || inv.promise !== null || (inv.claimUntil !== null && compareDates(d, inv.claimUntil) <= 0);
      if (held) continue;
      let schedules: { steps: readonly { id: string; offset: number; channel: string; lateFee: boolean }[]; anchor: PlainDate; installment: number | null; start: PlainDate; keyPrefix: string }[] = [
        { steps: STEPS, anchor: inv.due, installment: null, start: inv.issue, keyPrefix: '' },
      ];
      if (inv.plan) {
        let paid = inv.plan.balanceAt - inv.balance;
        const open = inv.plan.installments.filter((i) => {
          const covered = Math.min(paid, i.amount);
          paid -= covered;
          return covered < i.amount;
        });
        const first = open[0];
        if (first && compareDates(d, addDays(first.due, inv.plan.grace)) > 0) {
          this.planOutcomes.set(inv.plan.id, 'broken');
          this.tasks.push(`${d}|call_about_broken_plan|${inv.customerId}|${inv.id}`);
          inv.plan = null;
        } else if (first) {
          const plan = inv.plan;
          schedules = open.map((i) => ({ steps: PLAN_STEPS, anchor: i.due, installment: i.number, start: plan.agreedOn, keyPrefix: `${plan.id}/` }));
        }
      }
      const owed: { key: string; day: PlainDate; installment: number | null; stepId: string; channel: string; lateFee: boolean; blocked: boolean }[] = [];
      for (const s of schedules) {
        const keyOf = (stepId: string) => `${s.keyPrefix}${stepId}#${s.installment ?? 0}`;
        const lastDone = s.steps.findLastIndex((st) => inv.done.has(keyOf(st.id)));
        s.steps.forEach((st, k) => {
          const day = addDays(s.anchor, st.offset);
          if (inv.done.has(keyOf(st.id)) || compareDates(day, d) > 0) return;
          const blocked = compareDates(day, s.start) <= 0 || k < lastDone;
          owed.push({ key: keyOf(st.id), day, installment: s.installment, stepId: st.id, channel: st.channel, lateFee: st.lateFee, blocked });
        });
      }
      owed.sort((a, b) => compareDates(a.day, b.day) || (a.installment ?? 0) - (b.installment ?? 0));
      const chosen = owed.filter((o) => !o.blocked).at(-1);
      for (const o of owed) {
        inv.done.set(o.key, null);
        if (o.lateFee && !o.blocked) this.lateFees.set(inv.id, (this.lateFees.get(inv.id) ?? 0) + 1);
      }
      if (chosen) sends.push({ inv, stepId: chosen.stepId, installment: chosen.installment, channel: chosen.channel });
    }
    const groups = new Map<string, typeof sends>();
    for (const s of sends) groups.set(`${s.inv.customerId}|${s.channel}`, [...(groups.get(`${s.inv.customerId}|${s.channel}`) ?? []), s]);
    for (const [key, group] of groups) {
      const [customerId, channel] = key.split('|') as [string, string];
      if (channel === 'call_task') {
        this.tasks.push(`${d}|call|${customerId}|${group.map((g) => g.inv.id).sort().join(',')}`);
        continue;
      }
      const message: ModelMessage = { day: d.toString(), customerId, channel, items: group.map((g) => ({ invoiceId: g.inv.id, stepId: g.stepId, installment: g.installment })), status: 'pending' };
      this.messages.push(message);
      for (const g of group) g.inv.done.set(`${g.installment === null ? '' : `${g.inv.plan!.id}/`}${g.stepId}#${g.installment ?? 0}`, message);
    }
  }

  /** A fact that stops or pauses reminders for `inv`: its pending messages are cancelled, batch partners released. */
  cancelFor(inv: ModelInvoice): void {
    for (const m of this.messages) {
      if (m.status !== 'pending' || !m.items.some((i) => i.invoiceId === inv.id)) continue;
      m.status = 'cancelled';
      for (const item of m.items) {
        if (item.invoiceId === inv.id) continue;
        const other = this.invoices.get(item.invoiceId)!;
        for (const [key, carrier] of other.done) if (carrier === m) other.done.delete(key);
      }
    }
  }

  deliver(): void {
    for (const m of this.messages) if (m.status === 'pending') m.status = 'sent';
  }
}

let database: Awaited<ReturnType<typeof testDatabase>>;
let clock: TestClock;
let ctx: Ctx;

beforeAll(async () => {
  database = await testDatabase();
  clock = fixedClock('2025-06-02T04:00:00Z');
  ctx = await dunningOrg(database, clock, 'Simulated SRL');
});
afterAll(async () => {
  await database.dispose();
});

/** What the delivery worker does at 10:00: send every due reminder that is still wanted. */
async function deliverDue(now: Date): Promise<number> {
  return inOrg(database.db, ctx.orgId, async (tx) => {
    const due = await tx.select().from(outbox).where(and(eq(outbox.orgId, ctx.orgId), eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)));
    let unwanted = 0;
    for (const row of due) {
      const wanted = await reminderStillWanted(tx, ctx.orgId, row, now);
      if (!wanted) unwanted++;
      await tx.update(outbox).set(wanted ? { status: 'sent', sentAt: now } : { status: 'cancelled' }).where(and(eq(outbox.orgId, ctx.orgId), eq(outbox.id, row.id)));
    }
    return unwanted;
  });
}

function ok<T>(result: { ok: true; value: T } | { ok: false; code: string; message: string }): T {
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.value;
}

describe('sixty simulated days', () => {
  it('produce exactly the messages, tasks and outcomes the policy demands', async () => {
    const random = mulberry32(20250602);
    const pick = <T>(list: readonly T[]): T | undefined => list[Math.floor(random() * list.length)];
    const model = new Model();
    at(clock, START, '06:00');
    for (let c = 0; c < 36; c++) {
      const customerId = await dunningCustomer(ctx, { name: `Customer ${c}`, email: `billing${c}@example.test`, phone: `+407210000${String(c).padStart(2, '0')}` });
      const count = 1 + Math.floor(random() * 9);
      for (let n = 0; n < count; n++) {
        const due = addDays(START, Math.floor(random() * 70) - 25);
        const amount = 10_000 + Math.floor(random() * 90) * 1_000;
        const id = await dunningInvoice(ctx, customerId, due.toString(), amount);
        model.invoices.set(id, { id, customerId, issue: addDays(due, -30), due, balance: amount, done: new Map(), dispute: null, promise: null, claimUntil: null, paused: false, plan: null });
      }
    }
    expect(model.invoices.size).toBeGreaterThan(150);

    const scheduled = new Map<string, { inv: ModelInvoice; amount: number }[]>();
    const schedule = (d: PlainDate, inv: ModelInvoice, amount: number) => scheduled.set(d.toString(), [...(scheduled.get(d.toString()) ?? []), { inv, amount }]);
    const pay = async (d: PlainDate, inv: ModelInvoice, amount: number) => {
      const paid = Math.min(amount, inv.balance);
      if (paid <= 0) return;
      ok(await recordPayment(ctx, { customerId: inv.customerId, amount: paid, currency: 'EUR', receivedOn: d.toString(), method: 'bank_transfer', allocations: [{ invoiceId: inv.id, amount: paid }] }));
      inv.balance -= paid;
      if (inv.balance === 0) {
        model.cancelFor(inv);
        if (inv.promise) model.promiseOutcomes.set(inv.promise.id, 'kept');
        if (inv.plan) model.planOutcomes.set(inv.plan.id, 'completed');
        inv.promise = null;
        inv.plan = null;
        inv.claimUntil = null;
      }
    };

    for (let n = 0; n < DAYS; n++) {
      const d = addDays(START, n);
      at(clock, d, '07:00');
      const weekday = d.dayOfWeek <= 5;
      if (!DOWNTIME.has(n)) {
        // 36 customers in chunks of eight: five chunks a tick over two lanes.
        await tick(ctx, { chunkSize: 8 });
        if (weekday) model.tick(d);
      }

      at(clock, d, '08:00');
      for (const { inv, amount } of scheduled.get(d.toString()) ?? []) await pay(d, inv, amount);
      for (let e = 0; e < 5; e++) {
        const open = [...model.invoices.values()].filter((i) => i.balance > 0);
        const inv = pick(open);
        if (!inv) break;
        const r = random();
        if (r < 0.3) await pay(d, inv, inv.balance);
        else if (r < 0.45) await pay(d, inv, Math.ceil(inv.balance / 3));
        else if (r < 0.55 && !inv.dispute) {
          inv.dispute = ok(await openDispute(ctx, inv.id, { reasonCode: 'quality' })).id;
          model.cancelFor(inv);
        } else if (r < 0.63) {
          const disputed = pick(open.filter((i) => i.dispute));
          if (disputed) {
            ok(await resolveDispute(ctx, disputed.dispute!, { resolution: 'rejected' }));
            disputed.dispute = null;
          }
        } else if (r < 0.73 && !inv.promise && !inv.plan) {
          const promised = addDays(d, 1 + Math.floor(random() * 8));
          const amount = Math.max(1, Math.floor(inv.balance / 2));
          const promise = ok(await recordPromise(ctx, inv.id, { promisedDate: promised.toString(), amount, promisedBy: 'Ana Pop', channel: 'phone' }));
          inv.promise = { id: promise.id, date: promised, amount, balanceAt: inv.balance };
          model.cancelFor(inv);
          if (random() < 0.5) schedule(addDays(d, 1 + Math.floor(random() * (promised.since(d).days))), inv, amount);
        } else if (r < 0.82 && !inv.plan && inv.balance >= 3) {
          const first = addDays(d, 2 + Math.floor(random() * 10));
          const grace = Math.floor(random() * 5);
          const result = ok(await createPaymentPlan(ctx, inv.id, { firstDueDate: first.toString(), count: 3, graceDays: grace }));
          const plan: ModelPlan = { id: result.plan.id, agreedOn: d, balanceAt: inv.balance, grace, installments: result.installments.map((i) => ({ number: i.number, due: date(i.dueDate), amount: i.amount })) };
          if (inv.promise) model.promiseOutcomes.set(inv.promise.id, 'cancelled');
          inv.promise = null;
          inv.plan = plan;
          model.cancelFor(inv);
          for (const i of plan.installments) if (random() < 0.5) schedule(addDays(i.due, Math.floor(random() * 6) - 2), inv, i.amount);
        } else if (r < 0.87 && !inv.claimUntil) {
          const until = addDays(d, 3);
          ok(await recordPaymentClaim(ctx, inv.id, { until: until.toString() }));
          inv.claimUntil = until;
          model.cancelFor(inv);
        } else if (r < 0.93 && !inv.paused) {
          ok(await pauseInvoiceDunning(ctx, inv.id));
          inv.paused = true;
          model.cancelFor(inv);
        } else {
          const paused = pick(open.filter((i) => i.paused));
          if (paused) {
            ok(await resumeInvoiceDunning(ctx, paused.id));
            paused.paused = false;
          }
        }
      }

      at(clock, d, '10:00');
      expect(await deliverDue(new Date(clock.now().epochMilliseconds)), `an unwanted reminder reached delivery on ${d}`).toBe(0);
      model.deliver();
    }

    const rows = await database.db.select().from(outbox).where(eq(outbox.orgId, ctx.orgId)).orderBy(asc(outbox.id));
    const actual = rows.map((r) => messageKey(r.payload.on as string, r.customerId!, r.channel, r.payload.items as ModelMessage['items'], r.status)).sort();
    const expected = model.messages.map((m) => messageKey(m.day, m.customerId, m.channel, m.items, m.status)).sort();
    expect(actual.length).toBeGreaterThan(150);
    expect(expected.filter((m) => m.endsWith('cancelled')).length).toBeGreaterThan(3);
    expect(model.messages.filter((m) => m.items.length > 1).length).toBeGreaterThan(10);
    expect(actual).toEqual(expected);

    const tasks = await database.db.select().from(collectionTasks).where(eq(collectionTasks.orgId, ctx.orgId));
    expect(tasks.map((t) => `${t.dueOn}|${t.kind}|${t.customerId}|${[...t.invoiceIds].sort().join(',')}`).sort()).toEqual([...model.tasks].sort());

    const promises = await database.db.select().from(paymentPromises).where(eq(paymentPromises.orgId, ctx.orgId));
    expect(Object.fromEntries(promises.filter((p) => p.status !== 'open').map((p) => [p.id, p.status]))).toEqual(Object.fromEntries(model.promiseOutcomes));
    const plans = await database.db.select().from(paymentPlans).where(eq(paymentPlans.orgId, ctx.orgId));
    expect(Object.fromEntries(plans.filter((p) => p.status !== 'active').map((p) => [p.id, p.status]))).toEqual(Object.fromEntries(model.planOutcomes));
    expect([...model.planOutcomes.values()].filter((o) => o === 'broken').length).toBeGreaterThan(2);

    const fees = await database.db.select().from(events).where(and(eq(events.orgId, ctx.orgId), eq(events.action, 'dunning.late_fee_due')));
    const feeCount = new Map<string, number>();
    for (const f of fees) feeCount.set(f.entityId, (feeCount.get(f.entityId) ?? 0) + 1);
    expect(Object.fromEntries(feeCount)).toEqual(Object.fromEntries(model.lateFees));
  }, 240_000);
});

function messageKey(day: string, customerId: string, channel: string, items: readonly { invoiceId: string; stepId: string; installment: number | null }[], status: string): string {
  const list = items.map((i) => `${i.invoiceId}:${i.stepId.split('.')[0]}:${i.installment ?? '-'}`).sort();
  return `${day}|${customerId}|${channel}|${list.join(',')}|${status}`;
}
