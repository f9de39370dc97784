import type { Db } from '../../db/connection.ts';
import {
  activePlansOfInvoices,
  cancelTasksOfSettledInvoices,
  closeClaimsOfInvoices,
  closePlans,
  closePromises,
  openPromisesOfInvoices,
} from '../../db/repositories/collections.ts';
import { forgetInvoiceStates } from '../../db/repositories/dunning.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import type { InvoiceRow } from '../../db/repositories/invoices.ts';
import type { Ctx } from '../context.ts';
import { stopPendingDunning } from './stop-reminders.ts';
import { timelineEvents } from './timeline.ts';

/**
 * Called by the money movement itself (payment or credit put on invoices), in its transaction. An invoice now
 * settled stops at once: its pending reminders are cancelled (nothing queued before the payment goes out
 * after it), its open promise is kept, its "already paid" claim closed, its payment plan completed and the
 * calls about it dropped. Any balance change makes the next tick look at the invoice again.
 */
export async function dunningAfterMoneyMoved(tx: Db, ctx: Ctx, invoices: readonly InvoiceRow[], at: Date): Promise<void> {
  await forgetInvoiceStates(tx, ctx.orgId, invoices.map((i) => i.id));
  const settled = invoices.filter((i) => i.balance <= 0);
  if (settled.length === 0) return;
  const ids = settled.map((i) => i.id);
  await stopPendingDunning(tx, ctx.orgId, ctx.actor, at, settled, 'INVOICE_PAID');
  const promises = await closePromises(tx, ctx.orgId, (await openPromisesOfInvoices(tx, ctx.orgId, ids)).map((p) => p.id), 'kept', 'PAID_IN_FULL', at);
  const claims = await closeClaimsOfInvoices(tx, ctx.orgId, ids, at);
  const plans = await activePlansOfInvoices(tx, ctx.orgId, ids);
  await closePlans(tx, ctx.orgId, plans.map((p) => p.id), 'completed', at);
  const tasks = await cancelTasksOfSettledInvoices(tx, ctx.orgId, ids, at);
  await appendEvents(tx, ctx.orgId, ctx.actor, at, [
    ...promises.flatMap((p) => timelineEvents(p.customerId, [p.invoiceId], 'promise.kept', { promiseId: p.id, reason: 'PAID_IN_FULL' })),
    ...claims.flatMap((c) => timelineEvents(c.customerId, [c.invoiceId], 'payment_claim.closed', { claimId: c.id, reason: 'PAID_IN_FULL' })),
    ...plans.flatMap((p) => timelineEvents(p.customerId, [p.invoiceId], 'payment_plan.completed', { planId: p.id, reason: 'PAID_IN_FULL' })),
    ...tasks.flatMap((t) => timelineEvents(t.customerId, t.invoiceIds, 'task.cancelled', { taskId: t.id, reason: 'INVOICES_SETTLED' })),
  ]);
}
