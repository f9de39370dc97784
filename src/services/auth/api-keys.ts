import { failure, type Result, success } from '../../domain/result.ts';
import { isRole, mayAssign } from '../../domain/roles.ts';
import { inOrgResult } from '../../db/connection.ts';
import { findApiKey, revokeApiKey as stampRevoked, type ApiKeyRow } from '../../db/repositories/api-keys.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import { nowDate, type Ctx } from '../context.ts';
import { createApiKey } from '../organizations.ts';

/** A new key; its secret is in `key` and is never shown again. A caller cannot mint a key above its own reach. */
export async function issueApiKey(ctx: Ctx, callerRole: string, input: { name: string; role: string }): Promise<Result<{ row: ApiKeyRow; key: string }>> {
  const name = input.name.trim();
  if (!name) return failure('INVALID_NAME', 'Name the key after what uses it', 'name');
  if (!isRole(input.role)) return failure('VALIDATION_FAILED', 'Unknown role', 'role');
  if (!mayAssign(callerRole, input.role)) return failure('ROLE_NOT_ALLOWED', `Your role (${callerRole}) may not create ${input.role} keys`, 'role');
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const { id, key } = await createApiKey(tx, ctx.clock, ctx.orgId, name, input.role, { actor: ctx.actor });
    const row = await findApiKey(tx, ctx.orgId, id);
    if (!row) throw new Error(`API key ${id} missing right after insert`);
    return success({ row, key });
  });
}

export async function revokeApiKey(ctx: Ctx, callerRole: string, id: string): Promise<Result<ApiKeyRow>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const key = await findApiKey(tx, ctx.orgId, id);
    if (!key) return failure('API_KEY_NOT_FOUND', 'No such API key', 'id');
    if (!mayAssign(callerRole, key.role)) return failure('ROLE_NOT_ALLOWED', `Your role (${callerRole}) may not revoke ${key.role} keys`, 'id');
    const at = nowDate(ctx);
    const revoked = await stampRevoked(tx, ctx.orgId, id, at);
    if (!revoked) return failure('API_KEY_REVOKED', 'This key was already revoked', 'id');
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [{ entityType: 'api_key', entityId: id, action: 'api_key.revoked', before: { name: key.name, role: key.role } }]);
    return success(revoked);
  });
}
