import { failure, type Result, success } from '../../domain/result.ts';
import { inOrgResult } from '../../db/connection.ts';
import { findCustomer } from '../../db/repositories/customers.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import { findInvoice, type InvoiceRow } from '../../db/repositories/invoices.ts';
import { chargesOfFeeInvoiceForUpdate, recordWaiver } from '../../db/repositories/late-fees.ts';
import { nowDate, type Ctx } from '../context.ts';
import { createCreditNote } from '../credit-notes.ts';

export interface LateFeeWaiver {
  readonly feeInvoice: InvoiceRow;
  readonly creditNote: InvoiceRow;
  readonly amount: number;
}

/**
 * Waive a posted late fee in full: a credit note against the late-fee invoice (so the books show the charge
 * and its reversal), the charges marked waived so caps and interest increments account for it, and an event
 * with the reason on the original invoice's timeline. Money already paid on the fee stays as customer credit.
 */
export async function waiveLateFee(ctx: Ctx, invoiceId: string, feeInvoiceId: string, reason: string): Promise<Result<LateFeeWaiver>> {
  return inOrgResult<LateFeeWaiver>(ctx.db, ctx.orgId, async (tx) => {
    const probe = await findInvoice(tx, ctx.orgId, feeInvoiceId);
    if (!probe || probe.lateFeeForInvoiceId !== invoiceId) return failure('LATE_FEE_NOT_FOUND', 'No such late fee on this invoice', 'feeId');
    await findCustomer(tx, ctx.orgId, probe.customerId, true);
    const charges = await chargesOfFeeInvoiceForUpdate(tx, ctx.orgId, feeInvoiceId);
    const open = charges.filter((c) => c.waivedAmount < c.amount);
    if (open.length === 0) return failure('LATE_FEE_ALREADY_WAIVED', 'This late fee is already waived', 'feeId');
    const amount = open.reduce((s, c) => s + c.amount - c.waivedAmount, 0);
    const note = await createCreditNote({ ...ctx, db: tx }, feeInvoiceId, { reason: `Late fee waived: ${reason}`, amount });
    if (!note.ok) return note;
    await recordWaiver(tx, ctx.orgId, open.map((c) => c.id), note.value.creditNote.id, reason);
    await appendEvents(tx, ctx.orgId, ctx.actor, nowDate(ctx), [
      { entityType: 'invoice', entityId: invoiceId, action: 'invoice.late_fee_waived', after: { feeInvoiceId, creditNoteId: note.value.creditNote.id, amount, reason } },
    ]);
    return success({ feeInvoice: note.value.invoice, creditNote: note.value.creditNote, amount });
  });
}
