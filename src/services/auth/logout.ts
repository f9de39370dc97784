import { inOrg } from '../../db/connection.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import { revokeSession } from '../../db/repositories/sessions.ts';
import { nowDate, type Ctx } from '../context.ts';

/** Ends one session; the cookie stops working at once, on every server. */
export async function logOut(ctx: Ctx, sessionId: string, userId: string): Promise<void> {
  const at = nowDate(ctx);
  await inOrg(ctx.db, ctx.orgId, async (tx) => {
    await revokeSession(tx, ctx.orgId, sessionId, at);
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [{ entityType: 'user', entityId: userId, action: 'user.logged_out' }]);
  });
}
