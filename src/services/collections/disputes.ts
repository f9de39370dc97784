import { failure, type Result, success } from '../../domain/result.ts';
import { inOrgResult, type Db } from '../../db/connection.ts';
import { newId } from '../../db/ids.ts';
import { findDispute, insertDispute, listDisputes, updateDispute, type DisputeRow } from '../../db/repositories/collections.ts';
import { findCustomer } from '../../db/repositories/customers.ts';
import { forgetInvoiceStates } from '../../db/repositories/dunning.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import { nowDate, type Ctx } from '../context.ts';
import { riskAfterFactsChanged } from '../insight/customer-risk.ts';
import { stopPendingDunning } from '../dunning/stop-reminders.ts';
import { timelineEvents } from '../dunning/timeline.ts';
import type { DisputeInput, ResolveDisputeInput } from './inputs.ts';
import { receivableInvoice } from './receivable-invoice.ts';


/** Open a dispute in the caller's transaction: reminders for the invoice pause at once, pending ones are cancelled. */
export async function openDisputeIn(tx: Db, ctx: Ctx, invoiceId: string, input: DisputeInput, field = 'invoiceId'): Promise<Result<DisputeRow>> {
  const found = await receivableInvoice(tx, ctx, invoiceId, field);
  if (!found.ok) return found;
  const { invoice } = found.value;
  const open = await listDisputes(tx, ctx.orgId, { invoiceId, status: 'open', limit: 1 });
  if (open.length > 0) return failure('DISPUTE_ALREADY_OPEN', 'A dispute is already open on this invoice', field);
  const at = nowDate(ctx);
  const dispute = await insertDispute(tx, {
    orgId: ctx.orgId,
    id: newId(),
    invoiceId,
    customerId: invoice.customerId,
    reasonCode: input.reasonCode,
    description: input.description ?? null,
    openedAt: at,
  });
  await stopPendingDunning(tx, ctx.orgId, ctx.actor, at, [invoice], 'DISPUTE_OPEN');
  await appendEvents(tx, ctx.orgId, ctx.actor, at, timelineEvents(invoice.customerId, [invoiceId], 'dispute.opened', dispute));
  await riskAfterFactsChanged(tx, ctx, [invoice.customerId]);
  return success(dispute);
}

export async function openDispute(ctx: Ctx, invoiceId: string, input: DisputeInput): Promise<Result<DisputeRow>> {
  return inOrgResult(ctx.db, ctx.orgId, (tx) => openDisputeIn(tx, ctx, invoiceId, input));
}

/** Close a dispute; reminders resume with the next tick (steps that fell meanwhile are caught up once). */
export async function resolveDispute(ctx: Ctx, id: string, input: ResolveDisputeInput): Promise<Result<DisputeRow>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const probe = await findDispute(tx, ctx.orgId, id);
    if (!probe) return failure('DISPUTE_NOT_FOUND', 'No such dispute', 'id');
    await findCustomer(tx, ctx.orgId, probe.customerId, true);
    const dispute = (await findDispute(tx, ctx.orgId, id, true))!;
    if (dispute.status !== 'open') return failure('DISPUTE_NOT_OPEN', 'The dispute is already resolved', 'id');
    const at = nowDate(ctx);
    const resolved = await updateDispute(tx, ctx.orgId, id, { status: 'resolved', resolution: input.resolution, resolutionNote: input.note ?? null, resolvedAt: at });
    await forgetInvoiceStates(tx, ctx.orgId, [dispute.invoiceId]);
    await appendEvents(tx, ctx.orgId, ctx.actor, at, timelineEvents(dispute.customerId, [dispute.invoiceId], 'dispute.resolved', resolved));
    await riskAfterFactsChanged(tx, ctx, [dispute.customerId]);
    return success(resolved);
  });
}

export async function getDispute(ctx: Ctx, id: string): Promise<Result<DisputeRow>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const dispute = await findDispute(tx, ctx.orgId, id);
    return dispute ? success(dispute) : failure('DISPUTE_NOT_FOUND', 'No such dispute', 'id');
  });
}
