import { compareDates, type PlainDate } from '../../domain/dates.ts';
import { localDate, nextOccurrenceOn, planDunning, type DoneStep, type DunningState, type DunningStep, type PolicyResolution } from '../../domain/dunning/index.ts';
import { failure, type Result, success } from '../../domain/result.ts';
import { inOrgResult } from '../../db/connection.ts';
import { tasksOfInvoice, type InstallmentRow, type PlanRow } from '../../db/repositories/collections.ts';
import { findInvoiceDunning, historyOfInvoice, remindersOfInvoice } from '../../db/repositories/dunning.ts';
import { findInvoice } from '../../db/repositories/invoices.ts';
import type { Ctx } from '../context.ts';
import { dunningInputFor } from './decide-customer.ts';
import { loadCustomerFacts, loadOrganization } from './load-tick.ts';
import { invoiceDunningView } from './settings.ts';
import { day } from './tick-facts.ts';

export interface PastStep {
  readonly stepId: string;
  readonly occurrence: number;
  readonly installment: number | null;
  readonly on: string;
  readonly outcome: string;
  readonly reason: string;
  readonly channel: string | null;
  /** Offered again because the batch message carrying it was cancelled for another invoice. */
  readonly released: boolean;
  readonly message: { readonly outboxId: string; readonly status: string; readonly recipient: string; readonly subject: string | null; readonly sendAt: Date; readonly sentAt: Date | null } | null;
  readonly task: { readonly taskId: string; readonly status: string; readonly outcome: string | null } | null;
}

export interface UpcomingStep {
  readonly stepId: string;
  readonly occurrence: number;
  readonly installment: number | null;
  readonly on: string;
  readonly channel: string;
  readonly tone: string;
  /** The day has passed and the step is not done: the next tick sends it (or, with others owed, catches it up). */
  readonly owed: boolean;
}

export interface InvoiceSchedule {
  readonly invoiceId: string;
  readonly today: string;
  readonly policy: { readonly id: string; readonly name: string; readonly decidedBy: string } | null;
  readonly excludedBy: string | null;
  readonly settings: ReturnType<typeof invoiceDunningView>;
  readonly state: DunningState | null;
  readonly paymentPlan: { readonly plan: PlanRow; readonly installments: readonly InstallmentRow[] } | null;
  readonly past: readonly PastStep[];
  readonly upcoming: readonly UpcomingStep[];
}

const FAR = '9999-12-31';

function upcoming(steps: readonly DunningStep[], anchor: PlainDate, installment: number | null, history: readonly DoneStep[], today: PlainDate): UpcomingStep[] {
  const done = new Set(history.filter((h) => (h.installment ?? null) === installment).map((h) => h.stepId));
  const lastDone = steps.findLastIndex((s) => done.has(s.id));
  return steps.flatMap((step, i) => {
    const on = i < lastDone ? null : nextOccurrenceOn([step], anchor, installment, history);
    if (!on) return [];
    const occurrence = history.filter((h) => h.stepId === step.id && (h.installment ?? null) === installment).length + 1;
    return [{ stepId: step.id, occurrence, installment, on: on.toString(), channel: step.channel, tone: step.tone, owed: compareDates(on, today) <= 0 }];
  });
}

/**
 * An invoice's dunning as the team sees it: which policy applies and why, where it stands today (active,
 * held and by what, or stopped), every step done with the message or task that carried it and its delivery
 * status, and the steps still to come with their dates.
 */
export async function invoiceSchedule(ctx: Ctx, invoiceId: string): Promise<Result<InvoiceSchedule>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const invoice = await findInvoice(tx, ctx.orgId, invoiceId);
    if (!invoice || invoice.kind !== 'invoice') return failure('INVOICE_NOT_FOUND', 'No such invoice', 'id');
    const org = (await loadOrganization(tx, ctx.orgId))!;
    const [facts] = await loadCustomerFacts(tx, ctx.orgId, [invoice.customerId], [invoiceId], { maxToday: FAR }, localDate(ctx.clock.now(), 'UTC').subtract({ days: 1 }));
    const customer = facts!.customer;
    const today = localDate(ctx.clock.now(), customer.timeZone);
    const rows = await historyOfInvoice(tx, ctx.orgId, invoiceId);
    const history: DoneStep[] = rows.filter((r) => !r.released).map((r) => ({ stepId: r.stepId, occurrence: r.occurrence, installment: r.installment, on: day(r.on) }));
    const settings = await findInvoiceDunning(tx, ctx.orgId, invoiceId);
    const open = facts!.invoices.find((i) => i.id === invoiceId) ?? {
      ...invoice,
      policyId: settings?.policyId ?? null,
      excluded: settings?.excluded ?? null,
      paused: settings?.paused ?? null,
      candidate: true,
    };
    const { resolution, input } = dunningInputFor(org, { ...facts!, history: new Map([[invoiceId, history]]) }, open, today);
    const plan = input ? planDunning(input) : null;
    const messages = new Map((await remindersOfInvoice(tx, ctx.orgId, invoice.customerId, invoiceId)).map((m) => [m.idempotencyKey, m]));
    const tasks = new Map((await tasksOfInvoice(tx, ctx.orgId, invoice.customerId, invoiceId)).map((t) => [t.sourceKey, t]));
    const past = rows.map((r): PastStep => {
      const m = r.messageKey ? messages.get(r.messageKey) : undefined;
      const t = r.messageKey ? tasks.get(r.messageKey) : undefined;
      return {
        stepId: r.stepId,
        occurrence: r.occurrence,
        installment: r.installment,
        on: r.on,
        outcome: r.outcome,
        reason: r.reason,
        channel: r.channel,
        released: r.released,
        message: m ? { outboxId: m.id, status: m.status, recipient: m.recipient, subject: m.subject, sendAt: m.nextAttemptAt, sentAt: m.sentAt } : null,
        task: t ? { taskId: t.id, status: t.status, outcome: t.outcome } : null,
      };
    });
    const activePlan = facts!.plans.get(invoiceId) ?? null;
    const next = !input || plan?.state.kind === 'stopped'
      ? []
      : input.paymentPlan
        ? input.paymentPlan.installments.filter((i) => i.paidMinor < i.amountMinor).flatMap((i) => upcoming(input.paymentPlan!.reminderSteps, i.dueDate, i.number, history, today))
        : upcoming(input.policy.steps, input.invoice.dueDate, null, history, today);
    return success({
      invoiceId,
      today: today.toString(),
      policy: policyView(resolution, org.policies),
      excludedBy: resolution.kind === 'excluded' ? resolution.decidedBy : null,
      settings: invoiceDunningView(settings),
      state: plan?.state ?? null,
      paymentPlan: activePlan ? { plan: activePlan.row, installments: activePlan.installments } : null,
      past,
      upcoming: next.sort((a, b) => a.on.localeCompare(b.on)),
    });
  });
}

function policyView(resolution: PolicyResolution, policies: ReadonlyMap<string, { name: string }>) {
  if (resolution.kind === 'excluded') return null;
  return { id: resolution.policyId, name: policies.get(resolution.policyId)?.name ?? '', decidedBy: resolution.decidedBy };
}
