import { parseDate } from '../../domain/dates.ts';
import { failure, type Result, success } from '../../domain/result.ts';
import { inOrg, inOrgResult } from '../../db/connection.ts';
import { newId } from '../../db/ids.ts';
import { findTask, insertTasks, tasksByIds, updateTask, worklist, type TaskRow, type WorklistFilter } from '../../db/repositories/collections.ts';
import { findCustomer } from '../../db/repositories/customers.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import { findInvoicesForUpdate } from '../../db/repositories/invoices.ts';
import { nowDate, type Ctx } from '../context.ts';
import { timelineEvents } from '../dunning/timeline.ts';
import { openDisputeIn } from './disputes.ts';
import type { CompleteTaskInput, TaskInput } from './inputs.ts';
import { createPaymentPlanIn } from './payment-plans.ts';
import { recordPromiseIn } from './promises.ts';

export interface WorklistItem extends TaskRow {
  /** Open balance of the task's invoices, in minor units. */
  readonly amountAtRisk: number;
  /** Days the most overdue of them is past due. */
  readonly daysOverdue: number;
}

/** The collector's worklist: open tasks due by a day, most money at risk first, then the longest overdue. */
export async function listWorklist(ctx: Ctx, filter: WorklistFilter): Promise<WorklistItem[]> {
  return inOrg(ctx.db, ctx.orgId, async (tx) => {
    const ranked = await worklist(tx, ctx.orgId, filter);
    const tasks = new Map((await tasksByIds(tx, ctx.orgId, ranked.map((r) => r.id))).map((t) => [t.id, t]));
    return ranked.map((r) => ({ ...tasks.get(r.id)!, amountAtRisk: r.amountAtRisk, daysOverdue: r.daysOverdue }));
  });
}

/** A task made by hand (a follow-up the collector wants to remember). */
export async function createTask(ctx: Ctx, input: TaskInput): Promise<Result<TaskRow>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const customer = await findCustomer(tx, ctx.orgId, input.customerId);
    if (!customer) return failure('CUSTOMER_NOT_FOUND', 'No such customer', 'customerId');
    if (!parseDate(input.dueOn)) return failure('INVALID_DATE', 'Not a calendar date', 'dueOn');
    const invoiceIds = input.invoiceIds ?? [];
    const invoices = await findInvoicesForUpdate(tx, ctx.orgId, invoiceIds);
    const stranger = invoiceIds.findIndex((id) => !invoices.some((i) => i.id === id && i.customerId === customer.id && i.kind === 'invoice'));
    if (stranger >= 0) return failure('INVOICE_NOT_FOUND', "No such invoice of this customer", `invoiceIds[${stranger}]`);
    const id = newId();
    const at = nowDate(ctx);
    const [task] = await insertTasks(tx, [
      {
        orgId: ctx.orgId,
        id,
        customerId: customer.id,
        kind: 'follow_up',
        sourceKey: `task/manual/${id}`,
        title: input.title,
        invoiceIds,
        assigneeId: input.assigneeId ?? null,
        dueOn: input.dueOn,
        reason: 'MANUAL',
        note: input.note ?? null,
        createdAt: at,
      },
    ]);
    await appendEvents(tx, ctx.orgId, ctx.actor, at, timelineEvents(customer.id, invoiceIds, 'task.created', { taskId: id, kind: 'follow_up', title: input.title, dueOn: input.dueOn }));
    return success(task!);
  });
}

export async function getTask(ctx: Ctx, id: string): Promise<Result<TaskRow>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const task = await findTask(tx, ctx.orgId, id);
    return task ? success(task) : failure('TASK_NOT_FOUND', 'No such task', 'id');
  });
}

export interface CompletedTask {
  readonly task: TaskRow;
  readonly created: { readonly promiseId?: string; readonly disputeId?: string; readonly paymentPlanId?: string };
}

/**
 * Record how a call went and why the customer pays late; what was agreed on the call (a promise, a dispute, a
 * payment plan) is created in the same transaction, so a failure in any of them leaves the task open and
 * nothing half-written.
 */
export async function completeTask(ctx: Ctx, id: string, input: CompleteTaskInput): Promise<Result<CompletedTask>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const probe = await findTask(tx, ctx.orgId, id);
    if (!probe) return failure('TASK_NOT_FOUND', 'No such task', 'id');
    await findCustomer(tx, ctx.orgId, probe.customerId, true);
    const task = (await findTask(tx, ctx.orgId, id, true))!;
    if (task.status !== 'open') return failure('TASK_NOT_OPEN', `The task is already ${task.status}`, 'id');
    if (input.outcome === 'reached' && !input.reasonCode) return failure('REASON_CODE_REQUIRED', 'Say why the customer pays late when you reached them', 'reasonCode');
    const ofCustomer = async (invoiceId: string, field: string): Promise<Result<null>> => {
      const [invoice] = await findInvoicesForUpdate(tx, ctx.orgId, [invoiceId]);
      return invoice?.customerId === task.customerId ? success(null) : failure('INVOICE_NOT_FOUND', "No such invoice of this task's customer", field);
    };
    const created: { promiseId?: string; disputeId?: string; paymentPlanId?: string } = {};
    if (input.promise) {
      const { invoiceId, ...promise } = input.promise;
      const mine = await ofCustomer(invoiceId, 'promise.invoiceId');
      if (!mine.ok) return mine;
      const made = await recordPromiseIn(tx, ctx, invoiceId, promise, 'promise.');
      if (!made.ok) return made;
      created.promiseId = made.value.id;
    }
    if (input.dispute) {
      const { invoiceId, ...dispute } = input.dispute;
      const mine = await ofCustomer(invoiceId, 'dispute.invoiceId');
      if (!mine.ok) return mine;
      const made = await openDisputeIn(tx, ctx, invoiceId, dispute, 'dispute.invoiceId');
      if (!made.ok) return made;
      created.disputeId = made.value.id;
    }
    if (input.paymentPlan) {
      const { invoiceId, ...plan } = input.paymentPlan;
      const mine = await ofCustomer(invoiceId, 'paymentPlan.invoiceId');
      if (!mine.ok) return mine;
      const made = await createPaymentPlanIn(tx, ctx, invoiceId, plan, 'paymentPlan.');
      if (!made.ok) return made;
      created.paymentPlanId = made.value.plan.id;
    }
    const at = nowDate(ctx);
    const done = await updateTask(tx, ctx.orgId, id, {
      status: 'done',
      outcome: input.outcome,
      reasonCode: input.reasonCode ?? null,
      note: input.note ?? task.note,
      completedAt: at,
      completedBy: ctx.actor.id ?? ctx.actor.type,
      details: { ...task.details, created },
    });
    await appendEvents(tx, ctx.orgId, ctx.actor, at, timelineEvents(task.customerId, task.invoiceIds, 'task.completed', { taskId: id, outcome: input.outcome, reasonCode: input.reasonCode ?? null, note: input.note ?? null, created }));
    return success({ task: done, created });
  });
}
