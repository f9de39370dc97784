import { failure, type Result, success } from '../../domain/result.ts';
import { isRole, mayAssign } from '../../domain/roles.ts';
import { inOrgResult, type Db } from '../../db/connection.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import { revokeUserSessions } from '../../db/repositories/sessions.ts';
import { retireAuthTokens } from '../../db/repositories/auth-tokens.ts';
import { findUser, lockActiveOwners, updateUser, type UserRow } from '../../db/repositories/users.ts';
import { nowDate, type Ctx } from '../context.ts';
import { userSnapshot } from './user-snapshot.ts';

const notFound = () => failure('USER_NOT_FOUND', 'No such user', 'id');

/** Loads the user and checks the caller may touch them: only owners change owners. */
async function target(tx: Db, ctx: Ctx, callerRole: string, id: string): Promise<Result<UserRow>> {
  const user = await findUser(tx, ctx.orgId, id, true);
  if (!user) return notFound();
  if (!mayAssign(callerRole, user.role)) return failure('ROLE_NOT_ALLOWED', `Your role (${callerRole}) may not change an ${user.role}`, 'id');
  return success(user);
}

/** An organization always keeps one active owner. */
async function keepsAnOwner(tx: Db, ctx: Ctx, user: UserRow): Promise<boolean> {
  return user.role !== 'owner' || user.status !== 'active' || (await lockActiveOwners(tx, ctx.orgId)) > 1;
}

export async function changeUserRole(ctx: Ctx, callerRole: string, id: string, role: string): Promise<Result<UserRow>> {
  if (!isRole(role)) return failure('VALIDATION_FAILED', 'Unknown role', 'role');
  if (!mayAssign(callerRole, role)) return failure('ROLE_NOT_ALLOWED', `Your role (${callerRole}) may not give the role ${role}`, 'role');
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const found = await target(tx, ctx, callerRole, id);
    if (!found.ok) return found;
    const user = found.value;
    if (user.role === role) return success(user);
    if (role !== 'owner' && !(await keepsAnOwner(tx, ctx, user))) return failure('LAST_OWNER', 'The organization needs an owner: make someone else owner first', 'role');
    const at = nowDate(ctx);
    const changed = await updateUser(tx, ctx.orgId, id, { role, updatedAt: at });
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [{ entityType: 'user', entityId: id, action: 'user.role_changed', before: { role: user.role }, after: { role } }]);
    return success(changed);
  });
}

/** Ends a person's access: their sessions and pending links stop working at once. */
export async function deactivateUser(ctx: Ctx, callerRole: string, id: string): Promise<Result<UserRow>> {
  if (ctx.actor.type === 'user' && ctx.actor.id === id) return failure('CANNOT_DEACTIVATE_SELF', 'You cannot deactivate yourself', 'id');
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const found = await target(tx, ctx, callerRole, id);
    if (!found.ok) return found;
    const user = found.value;
    if (user.status === 'deactivated') return success(user);
    if (!(await keepsAnOwner(tx, ctx, user))) return failure('LAST_OWNER', 'The organization needs an owner: make someone else owner first', 'id');
    const at = nowDate(ctx);
    const changed = await updateUser(tx, ctx.orgId, id, { status: 'deactivated', updatedAt: at });
    await revokeUserSessions(tx, ctx.orgId, id, at);
    await retireAuthTokens(tx, ctx.orgId, id, 'invitation', at);
    await retireAuthTokens(tx, ctx.orgId, id, 'password_reset', at);
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [{ entityType: 'user', entityId: id, action: 'user.deactivated', before: userSnapshot(user), after: userSnapshot(changed) }]);
    return success(changed);
  });
}
