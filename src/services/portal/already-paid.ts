import { failure, success, type Result } from '../../domain/result.ts';
import { inOrgResult } from '../../db/connection.ts';
import { recordPaymentClaim } from '../collections/claims.ts';
import { createTask } from '../collections/tasks.ts';
import type { Ctx } from '../context.ts';
import type { AlreadyPaidInput } from './action-inputs.ts';
import { ownInvoice, within } from './portal-invoice.ts';
import type { PortalSession } from './session.ts';

export interface ClaimAnswer {
  readonly claimId: string;
  /** Reminders wait until this day while the team looks for the money. */
  readonly until: string;
  readonly taskId: string;
}

/**
 * "I already paid": a payment claim pauses the invoice's reminders for a few days (the dunning rules' default)
 * and the team gets a task to find the money, both in one transaction.
 */
export async function claimAlreadyPaid(ctx: Ctx, session: PortalSession, invoiceId: string, input: AlreadyPaidInput): Promise<Result<ClaimAnswer>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const own = await ownInvoice(tx, ctx, session, invoiceId);
    if (!own.ok) return own;
    const { invoice, speaker, today } = own.value;
    if (input.paidOn > today.toString()) return failure('PAID_ON_IN_FUTURE', 'The payment date is in the future', 'paidOn');
    const claim = await recordPaymentClaim(within(ctx, tx), invoiceId, { paidOn: input.paidOn, reference: input.reference, claimedBy: speaker });
    if (!claim.ok) return claim;
    const task = await createTask(within(ctx, tx), {
      customerId: session.customerId,
      title: `${speaker} says ${invoice.number} was paid on ${input.paidOn} (reference ${input.reference}): find the money`,
      dueOn: today.toString(),
      invoiceIds: [invoiceId],
      ...(input.message ? { note: input.message } : {}),
    });
    if (!task.ok) return task;
    return success({ claimId: claim.value.id, until: claim.value.until, taskId: task.value.id });
  });
}
