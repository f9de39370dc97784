import { addDays, compareDates, parseDate } from '../../domain/dates.ts';
import { failure, type Result, success } from '../../domain/result.ts';
import { inOrgResult, type Db } from '../../db/connection.ts';
import { newId } from '../../db/ids.ts';
import { closePromises, findPromise, insertPromise, openPromisesOfInvoices, type PromiseRow } from '../../db/repositories/collections.ts';
import { findCustomer } from '../../db/repositories/customers.ts';
import { forgetInvoiceStates } from '../../db/repositories/dunning.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import { nowDate, type Ctx } from '../context.ts';
import { stopPendingDunning } from '../dunning/stop-reminders.ts';
import { timelineEvents } from '../dunning/timeline.ts';
import type { PromiseInput } from './inputs.ts';
import { receivableInvoice } from './receivable-invoice.ts';

/** How far ahead a promise may reach: a later "promise" is a payment plan in disguise. */
export const MAX_PROMISE_DAYS = 180;

/**
 * Record a promise to pay in the caller's transaction. Reminders for the invoice pause until the promised
 * date (pending ones are cancelled); the day after, the tick marks it kept if the amount was paid, or broken,
 * which makes a task for the collector and resumes the reminders.
 */
export async function recordPromiseIn(tx: Db, ctx: Ctx, invoiceId: string, input: PromiseInput, prefix = ''): Promise<Result<PromiseRow>> {
  const found = await receivableInvoice(tx, ctx, invoiceId, `${prefix}invoiceId`);
  if (!found.ok) return found;
  const { invoice, today } = found.value;
  const promised = parseDate(input.promisedDate);
  if (!promised) return failure('INVALID_DATE', 'Not a calendar date', `${prefix}promisedDate`);
  if (compareDates(promised, today) < 0) return failure('PROMISE_DATE_IN_PAST', 'The promised date has passed', `${prefix}promisedDate`);
  if (compareDates(promised, addDays(today, MAX_PROMISE_DAYS)) > 0) {
    return failure('PROMISE_DATE_TOO_FAR', `A promise reaches at most ${MAX_PROMISE_DAYS} days ahead; agree a payment plan instead`, `${prefix}promisedDate`);
  }
  if (input.amount > invoice.balance) return failure('PROMISE_EXCEEDS_BALANCE', `Only ${invoice.balance} is owed on this invoice`, `${prefix}amount`);
  if ((await openPromisesOfInvoices(tx, ctx.orgId, [invoiceId])).length > 0) {
    return failure('PROMISE_ALREADY_OPEN', 'A promise to pay is already open on this invoice', `${prefix}invoiceId`);
  }
  const at = nowDate(ctx);
  const promise = await insertPromise(tx, {
    orgId: ctx.orgId,
    id: newId(),
    invoiceId,
    customerId: invoice.customerId,
    promisedDate: promised.toString(),
    amount: input.amount,
    currency: invoice.currency,
    promisedBy: input.promisedBy,
    channel: input.channel,
    note: input.note ?? null,
    balanceAtPromise: invoice.balance,
    createdAt: at,
  });
  await stopPendingDunning(tx, ctx.orgId, ctx.actor, at, [invoice], 'PROMISE_TO_PAY');
  await appendEvents(tx, ctx.orgId, ctx.actor, at, timelineEvents(invoice.customerId, [invoiceId], 'promise.recorded', promise));
  return success(promise);
}

export async function recordPromise(ctx: Ctx, invoiceId: string, input: PromiseInput): Promise<Result<PromiseRow>> {
  return inOrgResult(ctx.db, ctx.orgId, (tx) => recordPromiseIn(tx, ctx, invoiceId, input));
}

/** Withdraw an open promise (recorded by mistake, or superseded): reminders resume with the next tick. */
export async function cancelPromise(ctx: Ctx, id: string): Promise<Result<PromiseRow>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const probe = await findPromise(tx, ctx.orgId, id);
    if (!probe) return failure('PROMISE_NOT_FOUND', 'No such promise to pay', 'id');
    await findCustomer(tx, ctx.orgId, probe.customerId, true);
    const at = nowDate(ctx);
    const [closed] = await closePromises(tx, ctx.orgId, [id], 'cancelled', 'CANCELLED', at);
    if (!closed) return failure('PROMISE_NOT_OPEN', `The promise is already ${probe.status}`, 'id');
    await forgetInvoiceStates(tx, ctx.orgId, [closed.invoiceId]);
    await appendEvents(tx, ctx.orgId, ctx.actor, at, timelineEvents(closed.customerId, [closed.invoiceId], 'promise.cancelled', closed));
    return success(closed);
  });
}

export async function getPromise(ctx: Ctx, id: string): Promise<Result<PromiseRow>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const promise = await findPromise(tx, ctx.orgId, id);
    return promise ? success(promise) : failure('PROMISE_NOT_FOUND', 'No such promise to pay', 'id');
  });
}
