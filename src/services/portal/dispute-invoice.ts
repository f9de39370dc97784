import { failure, success, type Result } from '../../domain/result.ts';
import { inOrgResult } from '../../db/connection.ts';
import { invoiceLinesOf } from '../../db/repositories/invoices.ts';
import { openDisputeIn } from '../collections/disputes.ts';
import type { DisputeInput } from '../collections/inputs.ts';
import type { Ctx } from '../context.ts';
import type { PortalDisputeInput } from './action-inputs.ts';
import { ownInvoice } from './portal-invoice.ts';
import type { PortalSession } from './session.ts';

export interface DisputeAnswer {
  readonly disputeId: string;
}

/**
 * "I dispute this invoice (or this line)": a dispute with the customer's reason and message; reminders
 * pause until the team resolves it. A disputed line is named at the top of the description the team reads.
 */
export async function disputeInvoice(ctx: Ctx, session: PortalSession, invoiceId: string, input: PortalDisputeInput): Promise<Result<DisputeAnswer>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const own = await ownInvoice(tx, ctx, session, invoiceId);
    if (!own.ok) return own;
    let about = '';
    if (input.lineId) {
      const line = (await invoiceLinesOf(tx, ctx.orgId, [invoiceId])).find((l) => l.id === input.lineId);
      if (!line) return failure('LINE_NOT_FOUND', 'No such line on this invoice', 'lineId');
      about = `Line ${line.position}: ${line.description}\n\n`;
    }
    const description = `${about}${input.message}\n\n— ${own.value.speaker}, in the customer portal`;
    const dispute = await openDisputeIn(tx, ctx, invoiceId, { reasonCode: input.reasonCode, description } as DisputeInput);
    if (!dispute.ok) return dispute;
    return success({ disputeId: dispute.value.id });
  });
}
