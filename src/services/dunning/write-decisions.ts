import type { Db } from '../../db/connection.ts';
import { closePlans, closePromises, insertTasks } from '../../db/repositories/collections.ts';
import { updateCustomer } from '../../db/repositories/customers.ts';
import { insertHistory, upsertInvoiceStates } from '../../db/repositories/dunning.ts';
import { appendEvents, type Actor, type NewEvent } from '../../db/repositories/events.ts';
import { enqueueMessages, type NewOutboxMessage } from '../../db/repositories/outbox.ts';
import { insertPortalLinks } from '../../db/repositories/portal.ts';
import { hashPortalToken, linkExpiry } from '../portal/links.ts';
import type { CustomerDecision, QueuedMessage } from './decide-customer.ts';
import { cancelPendingReminders } from './stop-reminders.ts';
import { groupBy, type TickOrganization } from './tick-facts.ts';
import { timelineEvents } from './timeline.ts';

export interface WriteSummary {
  readonly messagesQueued: number;
  readonly tasksCreated: number;
}

function outboxRow(d: CustomerDecision, q: QueuedMessage, handedOver: boolean): NewOutboxMessage {
  const m = q.message;
  return {
    idempotencyKey: m.idempotencyKey,
    kind: 'reminder',
    channel: m.channel,
    recipient: q.recipient.address,
    customerId: d.customerId,
    invoiceIds: [...new Set(m.items.map((i) => i.invoiceId))],
    subject: q.content.subject,
    bodyText: q.content.bodyText,
    bodyHtml: q.content.bodyHtml,
    payload: {
      on: m.on.toString(),
      tone: m.tone,
      templateKey: m.templateKey,
      batch: m.kind === 'batch',
      contactId: q.recipient.contactId,
      items: itemsWithReasons(q),
      totals: m.totals,
      // The message that goes with a hand-off to collections is still wanted once the customer is there.
      ...(handedOver ? { handedToCollections: true } : {}),
      ...q.content.extra,
    },
    notBefore: q.sendAt,
  };
}

/** Each invoice line of a queued message with why it goes out (DUE_TODAY, DUE_EARLIER). */
function itemsWithReasons(q: QueuedMessage) {
  return q.message.items.map((i, k) => ({ ...itemView(i), reason: q.reasons[k] }));
}

function itemView(i: QueuedMessage['message']['items'][number]) {
  return {
    invoiceId: i.invoiceId,
    stepId: i.stepId,
    occurrence: i.occurrence,
    installment: i.installment,
    dueOn: i.dueOn.toString(),
    paymentDueDate: i.paymentDueDate.toString(),
    amountMinor: i.amountMinor,
    currency: i.currency,
  };
}

/**
 * Store one chunk's decisions in the caller's transaction: the outbox rows with their history, tasks, promise
 * and plan outcomes, customer status changes, the invoices' next look, pending reminders that the decisions
 * made obsolete (a broken plan's installment reminders, a customer handed to collections), and an event for
 * every decision so the customer's and invoices' timelines tell the whole story.
 */
export async function writeDecisions(tx: Db, org: TickOrganization, actor: Actor, at: Date, decisions: readonly CustomerDecision[]): Promise<WriteSummary> {
  const { orgId } = org;
  const decided = decisions.filter((d) => d.notDecided === null);
  const rows = decided.flatMap((d) => d.queued.map((q) => outboxRow(d, q, d.statusChange?.status === 'in_collections')));
  const queued = await enqueueMessages(tx, orgId, at, rows);
  const queuedByKey = new Map(queued.map((r) => [r.idempotencyKey, r]));
  // Links only for the messages stored now: one already queued under its key keeps the link it was sent with.
  const linked = decided.flatMap((d) => d.queued.filter((q) => q.portalToken && queuedByKey.has(q.message.idempotencyKey)).map((q) => ({ customerId: d.customerId, contactId: q.recipient.contactId, tokenHash: hashPortalToken(q.portalToken!) })));
  await insertPortalLinks(tx, orgId, 'reminder', at, linkExpiry(at, org.portalLinkValidDays), linked);
  await insertHistory(tx, decided.flatMap((d) => d.history));
  const tasks = await insertTasks(tx, decided.flatMap((d) => d.tasks.map((t) => t.row)));
  const taskByKey = new Map(tasks.map((t) => [t.sourceKey, t]));

  const events: NewEvent[] = [];
  for (const d of decided) {
    for (const q of d.queued) {
      const row = queuedByKey.get(q.message.idempotencyKey);
      if (!row) continue;
      // The content lives once, in the outbox row the event names: a batch reminder of many invoices would
      // otherwise copy its whole text onto every invoice's timeline. Each invoice keeps only its own lines.
      const items = itemsWithReasons(q);
      const message = { outboxId: row.id, idempotencyKey: row.idempotencyKey, channel: row.channel, recipient: row.recipient, sendAt: row.nextAttemptAt, tone: q.message.tone, subject: row.subject };
      events.push({ entityType: 'customer', entityId: d.customerId, action: 'dunning.reminder_queued', after: { ...message, items } });
      for (const invoiceId of row.invoiceIds) {
        events.push({ entityType: 'invoice', entityId: invoiceId, action: 'dunning.reminder_queued', after: { ...message, items: items.filter((i) => i.invoiceId === invoiceId) } });
      }
    }
    for (const s of d.skippedMessages) {
      events.push(
        ...timelineEvents(d.customerId, s.message.items.map((i) => i.invoiceId), 'dunning.reminder_skipped', {
          channel: s.message.channel,
          reason: s.reason,
          tone: s.message.tone,
          subject: s.content?.subject ?? null,
          text: s.content?.bodyText ?? null,
          items: s.message.items.map(itemView),
        }),
      );
    }
    for (const t of d.tasks) {
      const task = taskByKey.get(t.row.sourceKey);
      if (task) events.push(...timelineEvents(d.customerId, task.invoiceIds, 'task.created', { taskId: task.id, kind: task.kind, title: task.title, assigneeId: task.assigneeId, dueOn: task.dueOn, reason: task.reason, phone: task.phone }));
    }
    // One event per invoice for the steps a tick skipped: catching up after a long pause skips several at once.
    for (const [invoiceId, skips] of groupBy(d.skips, (x) => x.invoiceId)) {
      const steps = skips.map(({ action: a }) => ({ stepId: a.stepId, occurrence: a.occurrence, installment: a.installment, dueOn: a.dueOn.toString(), reason: a.reason, condition: a.condition }));
      events.push({ entityType: 'invoice', entityId: invoiceId, action: 'dunning.steps_skipped', after: { steps } });
    }
    for (const s of d.deferred) {
      events.push({ entityType: 'invoice', entityId: s.invoiceId, action: 'dunning.reminder_deferred', after: { stepId: s.stepId, occurrence: s.occurrence, installment: s.installment, channel: s.channel, reason: 'ALREADY_MESSAGED_TODAY' } });
    }
    for (const f of d.lateFees) {
      const a = f.action;
      events.push({ entityType: 'invoice', entityId: f.invoiceId, action: 'dunning.late_fee_due', after: { stepId: a.stepId, occurrence: a.occurrence, installment: a.installment, status: 'pending' } });
    }
    for (const p of d.promisesBroken) events.push(...timelineEvents(d.customerId, [p.invoiceId], 'promise.broken', { promiseId: p.promiseId, reason: 'PROMISE_DATE_PASSED_UNPAID' }));
    for (const p of d.promisesKept) events.push(...timelineEvents(d.customerId, [p.invoiceId], 'promise.kept', { promiseId: p.promiseId, reason: 'PROMISED_AMOUNT_PAID' }));
    for (const p of d.plansBroken) events.push(...timelineEvents(d.customerId, [p.invoiceId], 'payment_plan.broken', { planId: p.planId, installment: p.installment, reason: 'INSTALLMENT_MISSED' }));
  }

  await closePromises(tx, orgId, decided.flatMap((d) => d.promisesBroken.map((p) => p.promiseId)), 'broken', 'PROMISE_DATE_PASSED_UNPAID', at);
  await closePromises(tx, orgId, decided.flatMap((d) => d.promisesKept.map((p) => p.promiseId)), 'kept', 'PROMISED_AMOUNT_PAID', at);
  const broken = decided.flatMap((d) => d.plansBroken);
  await closePlans(tx, orgId, broken.map((p) => p.planId), 'broken', at, new Map(broken.map((p) => [p.planId, p.installment])));
  for (const d of decided) {
    if (!d.statusChange) continue;
    const { from, status, stepId, invoiceId } = d.statusChange;
    await updateCustomer(tx, orgId, d.customerId, { status, updatedAt: at });
    events.push({ entityType: 'customer', entityId: d.customerId, action: 'customer.status_changed', before: { status: from }, after: { status, reason: 'DUNNING_STEP', stepId, invoiceId } });
  }
  const todayOf = new Map(decided.flatMap((d) => d.invoices.map((i) => [i.invoiceId, d.today.toString()] as const)));
  await upsertInvoiceStates(
    tx,
    orgId,
    (id) => todayOf.get(id)!,
    decided.flatMap((d) => d.invoices.map((i) => ({ invoiceId: i.invoiceId, nextCheckOn: i.nextCheckOn }))),
  );
  await appendEvents(tx, orgId, actor, at, events);

  // Last, so the cancelled batches' released steps are looked at again whatever this chunk just stored.
  const fresh = queued.map((r) => r.id);
  for (const p of broken) {
    const d = decided.find((x) => x.plansBroken.includes(p))!;
    await cancelPendingReminders(tx, orgId, actor, at, { customerIds: [d.customerId], invoiceIds: [p.invoiceId], exceptOutboxIds: fresh }, 'PLAN_BROKEN');
  }
  const handedOver = decided.filter((d) => d.statusChange?.status === 'in_collections').map((d) => d.customerId);
  if (handedOver.length > 0) await cancelPendingReminders(tx, orgId, actor, at, { customerIds: handedOver, exceptOutboxIds: fresh }, 'CUSTOMER_IN_COLLECTIONS');
  return { messagesQueued: queued.length, tasksCreated: tasks.length };
}
