import { daysBetween, parseDate, type PlainDate } from '../../domain/dates.ts';
import { buildPaymentPlan, monthlyDueDates } from '../../domain/dunning/index.ts';
import { formatAmount } from '../../domain/money.ts';
import { failure, success, type Result } from '../../domain/result.ts';
import { inOrgResult } from '../../db/connection.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import { createPaymentPlanIn, DEFAULT_GRACE_DAYS } from '../collections/payment-plans.ts';
import { createTask } from '../collections/tasks.ts';
import { nowDate, type Ctx } from '../context.ts';
import { timelineEvents } from '../dunning/timeline.ts';
import type { PlanProposalInput } from './action-inputs.ts';
import { ownInvoice, within } from './portal-invoice.ts';
import type { PortalSession } from './session.ts';
import { loadPortalSettings, type PortalSettings } from './settings.ts';

export type PlanAnswer =
  | { readonly status: 'agreed'; readonly planId: string; readonly installments: readonly { dueDate: string; amount: number }[] }
  | { readonly status: 'pending_approval'; readonly taskId: string; readonly installments: readonly { dueDate: string; amount: number }[] };

function dueDatesOf(input: PlanProposalInput): Result<PlainDate[]> {
  if ((input.dueDates === undefined) === (input.firstDueDate === undefined || input.count === undefined))
    return failure('PLAN_SCHEDULE_INVALID', 'Give either dueDates, or firstDueDate and count', 'dueDates');
  if (input.dueDates) {
    const dates = input.dueDates.map((d) => parseDate(d));
    const bad = dates.findIndex((d) => d === null);
    return bad >= 0 ? failure('INVALID_DATE', 'Not a calendar date', `dueDates[${bad}]`) : success(dates as PlainDate[]);
  }
  const first = parseDate(input.firstDueDate!);
  return first ? success(monthlyDueDates(first, input.count!)) : failure('INVALID_DATE', 'Not a calendar date', 'firstDueDate');
}

/** Whether the organization agrees to this many installments over this long without a person looking. */
function withinPolicy(settings: PortalSettings, dueDates: readonly PlainDate[], today: PlainDate): boolean {
  return dueDates.length <= settings.planMaxInstallments && daysBetween(today, dueDates[dueDates.length - 1]!) <= settings.planMaxDays;
}

/**
 * "Propose a payment plan": within the organization's portal policy (at most N installments, the last within
 * M days) the plan is agreed at once and its installments drive their own reminders; beyond it, the proposal
 * goes to the team as a task to approve (and reminders carry on until they do), or is refused when the
 * organization takes no such requests.
 */
export async function proposePaymentPlan(ctx: Ctx, session: PortalSession, invoiceId: string, input: PlanProposalInput): Promise<Result<PlanAnswer>> {
  return inOrgResult<PlanAnswer>(ctx.db, ctx.orgId, async (tx) => {
    const own = await ownInvoice(tx, ctx, session, invoiceId);
    if (!own.ok) return own;
    const { invoice, speaker, today } = own.value;
    const dueDates = dueDatesOf(input);
    if (!dueDates.ok) return dueDates;
    const settings = await loadPortalSettings(tx, ctx.orgId);
    const note = input.message ? `${speaker}: ${input.message}` : `Proposed by ${speaker} in the customer portal`;
    if (withinPolicy(settings, dueDates.value, today)) {
      const schedule = { dueDates: dueDates.value.map(String), ...(input.amounts ? { amounts: input.amounts } : {}) };
      const plan = await createPaymentPlanIn(tx, ctx, invoiceId, { ...schedule, note });
      if (!plan.ok) return plan;
      return success({ status: 'agreed', planId: plan.value.plan.id, installments: plan.value.installments.map((i) => ({ dueDate: i.dueDate, amount: i.amount })) });
    }
    if (!settings.planApprovalRequests)
      return failure('PLAN_BEYOND_POLICY', `Plans of up to ${settings.planMaxInstallments} installments within ${settings.planMaxDays} days are accepted here; contact us for anything longer`, 'dueDates');
    if (invoice.status === 'paid' || invoice.balance <= 0) return failure('INVOICE_NOT_OPEN', `Invoice ${invoice.number} has nothing to pay`, 'invoiceId');
    const terms = buildPaymentPlan({ balanceMinor: invoice.balance, dueDates: dueDates.value, amounts: input.amounts, graceDays: DEFAULT_GRACE_DAYS, today });
    if (!terms.ok) return terms;
    const installments = terms.value.installments.map((i) => ({ dueDate: i.dueDate.toString(), amount: i.amountMinor }));
    const listed = installments.map((i, n) => `${n + 1}. ${i.dueDate}: ${formatAmount(i.amount, invoice.currency)} ${invoice.currency}`).join('\n');
    const task = await createTask(within(ctx, tx), {
      customerId: session.customerId,
      title: `Approve or decline the payment plan ${speaker} proposes for ${invoice.number}: ${installments.length} installments until ${installments[installments.length - 1]!.dueDate}`,
      dueOn: today.toString(),
      invoiceIds: [invoiceId],
      note: `${note}\n\n${listed}`,
    });
    if (!task.ok) return task;
    await appendEvents(tx, ctx.orgId, ctx.actor, nowDate(ctx), timelineEvents(session.customerId, [invoiceId], 'payment_plan.proposed', { taskId: task.value.id, installments }));
    return success({ status: 'pending_approval', taskId: task.value.id, installments });
  });
}
