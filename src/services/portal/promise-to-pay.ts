import { success, type Result } from '../../domain/result.ts';
import { inOrgResult } from '../../db/connection.ts';
import type { PromiseInput } from '../collections/inputs.ts';
import { recordPromiseIn } from '../collections/promises.ts';
import type { Ctx } from '../context.ts';
import type { PromiseToPayInput } from './action-inputs.ts';
import { ownInvoice } from './portal-invoice.ts';
import type { PortalSession } from './session.ts';

export interface PromiseAnswer {
  readonly promiseId: string;
  readonly promisedDate: string;
  readonly amount: number;
}

/** "I will pay on date D": a promise to pay (the whole balance unless an amount is given); reminders wait until D. */
export async function promiseToPay(ctx: Ctx, session: PortalSession, invoiceId: string, input: PromiseToPayInput): Promise<Result<PromiseAnswer>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const own = await ownInvoice(tx, ctx, session, invoiceId);
    if (!own.ok) return own;
    const promise = await recordPromiseIn(tx, ctx, invoiceId, {
      promisedDate: input.promisedDate,
      amount: input.amount ?? own.value.invoice.balance,
      promisedBy: own.value.speaker,
      channel: 'portal',
      ...(input.message ? { note: input.message } : {}),
    } as PromiseInput);
    if (!promise.ok) return promise;
    return success({ promiseId: promise.value.id, promisedDate: promise.value.promisedDate, amount: promise.value.amount });
  });
}
