import { parseDate, type PlainDate } from '../../domain/dates.ts';
import { buildPaymentPlan, DEFAULT_INSTALLMENT_STEPS, monthlyDueDates, type DunningStep } from '../../domain/dunning/index.ts';
import { failure, type Result, success } from '../../domain/result.ts';
import { inOrgResult, type Db } from '../../db/connection.ts';
import { newId } from '../../db/ids.ts';
import {
  activePlansOfInvoices,
  closePlans,
  closePromises,
  findPlan,
  insertPlan,
  installmentsOf,
  openPromisesOfInvoices,
  type InstallmentRow,
  type PlanRow,
} from '../../db/repositories/collections.ts';
import { findCustomer } from '../../db/repositories/customers.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import { nowDate, type Ctx } from '../context.ts';
import { stopPendingDunning } from '../dunning/stop-reminders.ts';
import { timelineEvents } from '../dunning/timeline.ts';
import type { PaymentPlanInput } from './inputs.ts';
import { receivableInvoice } from './receivable-invoice.ts';

export const DEFAULT_GRACE_DAYS = 5;

export interface PlanWithInstallments {
  readonly plan: PlanRow;
  readonly installments: readonly InstallmentRow[];
}

/**
 * Installment reminders of one plan. Their step ids carry the plan's id: history rows and idempotency keys
 * name (invoice, step, occurrence, installment), so a second plan on the same invoice must not share step ids
 * with the first, or its first installment would look already reminded.
 */
export function planReminderSteps(planId: string): DunningStep[] {
  return DEFAULT_INSTALLMENT_STEPS.map((s) => ({ ...s, id: `${s.id}.${planId}` }));
}

function dueDatesOf(input: PaymentPlanInput, prefix: string): Result<PlainDate[]> {
  const byList = input.dueDates !== undefined;
  const byCount = input.firstDueDate !== undefined || input.count !== undefined;
  if (byList === byCount) return failure('PLAN_SCHEDULE_INVALID', 'Give either dueDates, or firstDueDate and count', `${prefix}dueDates`);
  if (byList) {
    const dates = input.dueDates!.map((d) => parseDate(d));
    const bad = dates.findIndex((d) => d === null);
    return bad >= 0 ? failure('INVALID_DATE', 'Not a calendar date', `${prefix}dueDates[${bad}]`) : success(dates as PlainDate[]);
  }
  const first = input.firstDueDate === undefined ? null : parseDate(input.firstDueDate);
  if (!first) return failure('INVALID_DATE', 'Not a calendar date', `${prefix}firstDueDate`);
  if (input.count === undefined) return failure('PLAN_SCHEDULE_INVALID', 'Give the number of monthly installments', `${prefix}count`);
  return success(monthlyDueDates(first, input.count));
}

/**
 * Agree a payment plan in the caller's transaction: installments that add up exactly to the invoice balance,
 * whose own reminders replace the invoice's; an open promise on the invoice is superseded and pending
 * reminders are cancelled. A missed installment breaks the plan after the grace days (the tick does that) and
 * dunning resumes on the whole balance.
 */
export async function createPaymentPlanIn(tx: Db, ctx: Ctx, invoiceId: string, input: PaymentPlanInput, prefix = ''): Promise<Result<PlanWithInstallments>> {
  const found = await receivableInvoice(tx, ctx, invoiceId, `${prefix}invoiceId`);
  if (!found.ok) return found;
  const { invoice, today } = found.value;
  const dueDates = dueDatesOf(input, prefix);
  if (!dueDates.ok) return dueDates;
  const terms = buildPaymentPlan({ balanceMinor: invoice.balance, dueDates: dueDates.value, amounts: input.amounts, graceDays: input.graceDays ?? DEFAULT_GRACE_DAYS, today });
  if (!terms.ok) return { ...terms, field: `${prefix}${terms.field ?? ''}` };
  if ((await activePlansOfInvoices(tx, ctx.orgId, [invoiceId])).length > 0) return failure('PLAN_ALREADY_ACTIVE', 'A payment plan is already running on this invoice', `${prefix}invoiceId`);
  const at = nowDate(ctx);
  const id = newId();
  const plan = await insertPlan(
    tx,
    {
      orgId: ctx.orgId,
      id,
      invoiceId,
      customerId: invoice.customerId,
      currency: invoice.currency,
      balanceAtAgreement: invoice.balance,
      agreedOn: today.toString(),
      graceDays: terms.value.graceDays,
      reminderSteps: planReminderSteps(id),
      note: input.note ?? null,
      createdAt: at,
    },
    terms.value.installments.map((i) => ({ orgId: ctx.orgId, id: newId(), planId: id, number: i.number, dueDate: i.dueDate.toString(), amount: i.amountMinor })),
  );
  const superseded = await closePromises(tx, ctx.orgId, (await openPromisesOfInvoices(tx, ctx.orgId, [invoiceId])).map((p) => p.id), 'cancelled', 'REPLACED_BY_PAYMENT_PLAN', at);
  await stopPendingDunning(tx, ctx.orgId, ctx.actor, at, [invoice], 'PAYMENT_PLAN_AGREED');
  const installments = await installmentsOf(tx, ctx.orgId, [id]);
  await appendEvents(tx, ctx.orgId, ctx.actor, at, [
    ...timelineEvents(invoice.customerId, [invoiceId], 'payment_plan.agreed', { ...plan, installments: installments.map(({ number, dueDate, amount }) => ({ number, dueDate, amount })) }),
    ...superseded.flatMap((p) => timelineEvents(p.customerId, [p.invoiceId], 'promise.cancelled', { promiseId: p.id, reason: 'REPLACED_BY_PAYMENT_PLAN' })),
  ]);
  return success({ plan, installments });
}

export async function createPaymentPlan(ctx: Ctx, invoiceId: string, input: PaymentPlanInput): Promise<Result<PlanWithInstallments>> {
  return inOrgResult(ctx.db, ctx.orgId, (tx) => createPaymentPlanIn(tx, ctx, invoiceId, input));
}

export async function getPaymentPlan(ctx: Ctx, id: string): Promise<Result<PlanWithInstallments>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const plan = await findPlan(tx, ctx.orgId, id);
    if (!plan) return failure('PLAN_NOT_FOUND', 'No such payment plan', 'id');
    return success({ plan, installments: await installmentsOf(tx, ctx.orgId, [id]) });
  });
}

/** Call a plan off: its installment reminders stop and dunning resumes on the whole balance with the next tick. */
export async function cancelPaymentPlan(ctx: Ctx, id: string): Promise<Result<PlanWithInstallments>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const probe = await findPlan(tx, ctx.orgId, id);
    if (!probe) return failure('PLAN_NOT_FOUND', 'No such payment plan', 'id');
    await findCustomer(tx, ctx.orgId, probe.customerId, true);
    const plan = (await findPlan(tx, ctx.orgId, id, true))!;
    if (plan.status !== 'active') return failure('PLAN_NOT_ACTIVE', `The plan is already ${plan.status}`, 'id');
    const at = nowDate(ctx);
    await closePlans(tx, ctx.orgId, [id], 'cancelled', at);
    await stopPendingDunning(tx, ctx.orgId, ctx.actor, at, [{ id: plan.invoiceId, customerId: plan.customerId }], 'PAYMENT_PLAN_CANCELLED');
    await appendEvents(tx, ctx.orgId, ctx.actor, at, timelineEvents(plan.customerId, [plan.invoiceId], 'payment_plan.cancelled', { planId: id }));
    return success({ plan: (await findPlan(tx, ctx.orgId, id))!, installments: await installmentsOf(tx, ctx.orgId, [id]) });
  });
}
