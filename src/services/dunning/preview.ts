import type { PlainDate } from '../../domain/dates.ts';
import type { Hold } from '../../domain/dunning/index.ts';
import type { Ctx } from '../context.ts';
import type { CustomerDecision } from './decide-customer.ts';
import { runDunningTick } from './run-tick.ts';

export interface PreviewItem {
  readonly invoiceId: string;
  readonly invoiceNumber: string | null;
  readonly stepId: string;
  readonly occurrence: number;
  readonly installment: number | null;
  /** DUE_TODAY, or DUE_EARLIER for a step caught up after downtime or a pause. */
  readonly reason: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly paymentDueDate: string;
}

export interface Preview {
  readonly date: string | null;
  readonly messages: readonly {
    readonly customerId: string;
    readonly customerName: string;
    readonly channel: string;
    readonly recipient: string;
    readonly sendAt: Date;
    readonly batch: boolean;
    readonly tone: string;
    readonly subject: string | null;
    readonly text: string;
    readonly idempotencyKey: string;
    readonly items: readonly PreviewItem[];
  }[];
  readonly tasks: readonly { readonly customerId: string; readonly customerName: string; readonly kind: string; readonly title: string; readonly phone: string | null; readonly assigneeId: string | null; readonly invoiceIds: readonly string[]; readonly reason: string }[];
  readonly notSent: readonly { readonly customerId: string; readonly customerName: string; readonly channel: string; readonly reason: string; readonly items: readonly PreviewItem[] }[];
  readonly skippedSteps: readonly { readonly invoiceId: string; readonly invoiceNumber: string | null; readonly stepId: string; readonly occurrence: number; readonly installment: number | null; readonly dueOn: string; readonly reason: string; readonly condition: string | null }[];
  readonly deferred: readonly { readonly invoiceId: string; readonly stepId: string; readonly channel: string; readonly reason: 'ALREADY_MESSAGED_TODAY' }[];
  readonly held: readonly { readonly invoiceId: string; readonly invoiceNumber: string | null; readonly holds: readonly Hold[] }[];
  readonly actions: readonly { readonly kind: string; readonly customerId: string; readonly invoiceId: string; readonly ref: string; readonly reason: string }[];
  readonly waiting: readonly { readonly customerId: string; readonly customerName: string; readonly reason: string }[];
}

function numbersOf(decisions: readonly CustomerDecision[]): Map<string, string | null> {
  return new Map(decisions.flatMap((d) => d.invoices.map((i) => [i.invoiceId, i.number] as const)));
}

/**
 * What a tick would do for an organization on a day, and why, without writing anything: the messages with
 * recipient, channel, send time, content and the reason of each step, the calls it would schedule, what it
 * would skip or hold, and the promise, plan and customer changes it would make. Without a date it is the
 * tick that would run now; with one, every customer is judged as of that date.
 */
export async function dunningPreview(ctx: Ctx, date?: PlainDate): Promise<Preview> {
  const report = await runDunningTick(ctx.db, ctx.clock, { orgId: ctx.orgId, dryRun: true, ...(date ? { date } : {}) });
  const decisions = report.organizations[0]?.decisions ?? [];
  const numbers = numbersOf(decisions);
  const item = (i: { invoiceId: string; stepId: string; occurrence: number; installment: number | null; amountMinor: number; currency: string; paymentDueDate: PlainDate }, reason: string): PreviewItem => ({
    invoiceId: i.invoiceId,
    invoiceNumber: numbers.get(i.invoiceId) ?? null,
    stepId: i.stepId,
    occurrence: i.occurrence,
    installment: i.installment,
    reason,
    amountMinor: i.amountMinor,
    currency: i.currency,
    paymentDueDate: i.paymentDueDate.toString(),
  });
  const decided = decisions.filter((d) => d.notDecided === null);
  return {
    date: date?.toString() ?? null,
    messages: decided.flatMap((d) =>
      d.queued.map((q) => ({
        customerId: d.customerId,
        customerName: d.customerName,
        channel: q.message.channel,
        recipient: q.recipient.address,
        sendAt: q.sendAt,
        batch: q.message.kind === 'batch',
        tone: q.message.tone,
        subject: q.content.subject,
        text: q.content.bodyText,
        idempotencyKey: q.message.idempotencyKey,
        items: q.message.items.map((i, k) => item(i, q.reasons[k]!)),
      })),
    ),
    tasks: decided.flatMap((d) =>
      d.tasks.map((t) => ({ customerId: d.customerId, customerName: d.customerName, kind: t.row.kind, title: t.row.title, phone: t.row.phone ?? null, assigneeId: t.row.assigneeId ?? null, invoiceIds: t.row.invoiceIds ?? [], reason: t.row.reason })),
    ),
    notSent: decided.flatMap((d) => d.skippedMessages.map((s) => ({ customerId: d.customerId, customerName: d.customerName, channel: s.message.channel, reason: s.reason, items: s.message.items.map((i) => item(i, s.reason)) }))),
    skippedSteps: decided.flatMap((d) =>
      d.skips.map(({ invoiceId, action: a }) => ({ invoiceId, invoiceNumber: numbers.get(invoiceId) ?? null, stepId: a.stepId, occurrence: a.occurrence, installment: a.installment, dueOn: a.dueOn.toString(), reason: a.reason, condition: a.condition })),
    ),
    deferred: decided.flatMap((d) => d.deferred.map((s) => ({ invoiceId: s.invoiceId, stepId: s.stepId, channel: s.channel, reason: 'ALREADY_MESSAGED_TODAY' as const }))),
    held: decided.flatMap((d) => d.invoices.flatMap((i) => (i.plan?.state.kind === 'held' ? [{ invoiceId: i.invoiceId, invoiceNumber: i.number, holds: i.plan.state.holds }] : []))),
    actions: decided.flatMap((d) => [
      ...d.lateFees.map((f) => ({ kind: 'apply_late_fee', customerId: d.customerId, invoiceId: f.invoiceId, ref: f.action.stepId, reason: 'STEP_ACTION' })),
      ...d.promisesBroken.map((p) => ({ kind: 'mark_promise_broken', customerId: d.customerId, invoiceId: p.invoiceId, ref: p.promiseId, reason: 'PROMISE_DATE_PASSED_UNPAID' })),
      ...d.promisesKept.map((p) => ({ kind: 'mark_promise_kept', customerId: d.customerId, invoiceId: p.invoiceId, ref: p.promiseId, reason: 'PROMISED_AMOUNT_PAID' })),
      ...d.plansBroken.map((p) => ({ kind: 'break_plan', customerId: d.customerId, invoiceId: p.invoiceId, ref: p.planId, reason: 'INSTALLMENT_MISSED' })),
      ...(d.statusChange ? [{ kind: d.statusChange.status === 'on_hold' ? 'put_on_hold' : 'hand_to_collections', customerId: d.customerId, invoiceId: d.statusChange.invoiceId, ref: d.statusChange.stepId, reason: 'STEP_ACTION' }] : []),
    ]),
    waiting: decisions.filter((d) => d.notDecided !== null).map((d) => ({ customerId: d.customerId, customerName: d.customerName, reason: d.notDecided! })),
  };
}
