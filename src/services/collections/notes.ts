import { failure, type Result, success } from '../../domain/result.ts';
import { inOrgResult } from '../../db/connection.ts';
import { newId } from '../../db/ids.ts';
import { insertNote, listNotes, type NoteRow } from '../../db/repositories/collections.ts';
import { findCustomer } from '../../db/repositories/customers.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import { nowDate, type Ctx } from '../context.ts';
import type { NoteInput } from './inputs.ts';

const customerNotFound = () => failure('CUSTOMER_NOT_FOUND', 'No such customer', 'customerId');

/** A note on a customer: what was said, what to watch for. Notes are kept as written; the timeline shows them. */
export async function addNote(ctx: Ctx, customerId: string, input: NoteInput): Promise<Result<NoteRow>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    if (!(await findCustomer(tx, ctx.orgId, customerId))) return customerNotFound();
    const at = nowDate(ctx);
    const note = await insertNote(tx, { orgId: ctx.orgId, id: newId(), customerId, body: input.body, authorType: ctx.actor.type, authorId: ctx.actor.id ?? null, createdAt: at });
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [{ entityType: 'customer', entityId: customerId, action: 'note.added', after: { noteId: note.id, body: note.body } }]);
    return success(note);
  });
}

export async function customerNotes(ctx: Ctx, customerId: string, before: string | undefined, limit: number): Promise<Result<NoteRow[]>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    if (!(await findCustomer(tx, ctx.orgId, customerId))) return customerNotFound();
    return success(await listNotes(tx, ctx.orgId, customerId, before, limit));
  });
}
