import { addDays, compareDates, parseDate } from '../../domain/dates.ts';
import { failure, type Result, success } from '../../domain/result.ts';
import { inOrgResult } from '../../db/connection.ts';
import { newId } from '../../db/ids.ts';
import { closeClaim, findClaim, insertClaim, type ClaimRow } from '../../db/repositories/collections.ts';
import { findCustomer } from '../../db/repositories/customers.ts';
import { forgetInvoiceStates } from '../../db/repositories/dunning.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import { nowDate, type Ctx } from '../context.ts';
import { stopPendingDunning } from '../dunning/stop-reminders.ts';
import { timelineEvents } from '../dunning/timeline.ts';
import type { ClaimInput } from './inputs.ts';
import { receivableInvoice } from './receivable-invoice.ts';

/** How long an "already paid" claim pauses reminders when no date is given, and at most. */
export const DEFAULT_CLAIM_DAYS = 5;
export const MAX_CLAIM_DAYS = 30;

/**
 * "I already paid": reminders for the invoice pause until `until` (default five days) while the team looks
 * for the money; pending ones are cancelled. If the money is found the payment settles the invoice; if not,
 * reminders resume the day after.
 */
export async function recordPaymentClaim(ctx: Ctx, invoiceId: string, input: ClaimInput): Promise<Result<ClaimRow>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const found = await receivableInvoice(tx, ctx, invoiceId);
    if (!found.ok) return found;
    const { invoice, today } = found.value;
    const until = input.until === undefined ? addDays(today, DEFAULT_CLAIM_DAYS) : parseDate(input.until);
    if (!until) return failure('INVALID_DATE', 'Not a calendar date', 'until');
    if (compareDates(until, today) < 0) return failure('CLAIM_UNTIL_IN_PAST', 'The pause would already be over', 'until');
    if (compareDates(until, addDays(today, MAX_CLAIM_DAYS)) > 0) return failure('CLAIM_UNTIL_TOO_FAR', `A claim pauses reminders for at most ${MAX_CLAIM_DAYS} days`, 'until');
    const paidOn = input.paidOn === undefined ? null : parseDate(input.paidOn);
    if (paidOn === null && input.paidOn !== undefined) return failure('INVALID_DATE', 'Not a calendar date', 'paidOn');
    if (paidOn && compareDates(paidOn, today) > 0) return failure('PAID_ON_IN_FUTURE', 'The payment date is in the future', 'paidOn');
    const at = nowDate(ctx);
    const claim = await insertClaim(tx, {
      orgId: ctx.orgId,
      id: newId(),
      invoiceId,
      customerId: invoice.customerId,
      until: until.toString(),
      paidOn: paidOn?.toString() ?? null,
      reference: input.reference ?? null,
      claimedBy: input.claimedBy ?? null,
      createdAt: at,
    });
    await stopPendingDunning(tx, ctx.orgId, ctx.actor, at, [invoice], 'PAYMENT_CLAIMED');
    await appendEvents(tx, ctx.orgId, ctx.actor, at, timelineEvents(invoice.customerId, [invoiceId], 'payment_claim.recorded', claim));
    return success(claim);
  });
}

/** The money was not found (or the claim was a mistake): reminders resume with the next tick. */
export async function closePaymentClaim(ctx: Ctx, id: string): Promise<Result<ClaimRow>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const probe = await findClaim(tx, ctx.orgId, id);
    if (!probe) return failure('CLAIM_NOT_FOUND', 'No such payment claim', 'id');
    await findCustomer(tx, ctx.orgId, probe.customerId, true);
    const at = nowDate(ctx);
    const closed = await closeClaim(tx, ctx.orgId, id, at);
    if (!closed) return failure('CLAIM_NOT_OPEN', 'The claim is already closed', 'id');
    await forgetInvoiceStates(tx, ctx.orgId, [closed.invoiceId]);
    await appendEvents(tx, ctx.orgId, ctx.actor, at, timelineEvents(closed.customerId, [closed.invoiceId], 'payment_claim.closed', { ...closed, reason: 'CLOSED_BY_TEAM' }));
    return success(closed);
  });
}
