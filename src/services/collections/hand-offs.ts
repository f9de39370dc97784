import { failure, success, type Result } from '../../domain/result.ts';
import { inOrgResult } from '../../db/connection.ts';
import { findHandoffWithPack, listHandoffs, type HandoffRow } from '../../db/repositories/collection-handoffs.ts';
import { findCustomer } from '../../db/repositories/customers.ts';
import type { Ctx } from '../context.ts';
import type { DocumentFile } from '../documents/invoice-files.ts';

/** A customer's hand-offs to collection agencies, newest first. */
export async function customerHandoffs(ctx: Ctx, customerId: string, before: string | undefined, limit: number): Promise<Result<HandoffRow[]>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    if (!(await findCustomer(tx, ctx.orgId, customerId))) return failure('CUSTOMER_NOT_FOUND', 'No such customer', 'id');
    return success(await listHandoffs(tx, ctx.orgId, customerId, before, limit));
  });
}

/** The pack exactly as it was handed over, whatever changed since. */
export async function handoffPackFile(ctx: Ctx, id: string): Promise<Result<DocumentFile>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const row = await findHandoffWithPack(tx, ctx.orgId, id);
    if (!row) return failure('HANDOFF_NOT_FOUND', 'No such hand-off', 'id');
    return success({ filename: row.packName, contentType: 'application/zip', body: row.pack });
  });
}
