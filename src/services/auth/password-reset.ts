import { type Result, success } from '../../domain/result.ts';
import { inOrg, inOrgResult } from '../../db/connection.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import { enqueueMessages } from '../../db/repositories/outbox.ts';
import { revokeUserSessions } from '../../db/repositories/sessions.ts';
import { clearThrottle, lockedUntil, recordHit } from '../../db/repositories/throttle.ts';
import { findUser, findUserByEmail, updateUser } from '../../db/repositories/users.ts';
import { nowDate } from '../context.ts';
import { PASSWORD_RESET_MINUTES, passwordResetEmail } from './emails.ts';
import { normalizeEmail, refusedOrganization, type AuthEnv } from './env.ts';
import { passwordResetLink } from './links.ts';
import { consumeLinkToken, issueLinkToken, tokenOrganization, unusableToken } from './one-time-links.ts';
import { checkPassword, hashPassword } from './passwords.ts';
import { REQUESTS_PER_ADDRESS, RESETS_PER_ACCOUNT, throttled, throttleKey, type Throttled } from './throttle.ts';

/**
 * Emails a reset link if the address belongs to an active account. The answer is the same either way, so
 * nobody learns which addresses have accounts; an account gets at most a few emails an hour.
 */
export async function requestPasswordReset(env: AuthEnv, emailInput: string, ip: string): Promise<Result<void> | Throttled> {
  const at = nowDate(env);
  const locked = await lockedUntil(env.db, [throttleKey.requestsAddress(ip)], at);
  if (locked) return throttled('RATE_LIMITED', 'Too many requests from your address', locked, at);
  await recordHit(env.db, throttleKey.requestsAddress(ip), at, REQUESTS_PER_ADDRESS);
  const email = normalizeEmail(emailInput);
  const user = await findUserByEmail(env.db, email);
  if (!user || user.status !== 'active' || refusedOrganization(env, user.orgId)) return success(undefined);
  if (await lockedUntil(env.db, [throttleKey.resetAccount(email)], at)) return success(undefined);
  await recordHit(env.db, throttleKey.resetAccount(email), at, RESETS_PER_ACCOUNT);
  await inOrg(env.db, user.orgId, async (tx) => {
    const { id, token } = await issueLinkToken(tx, user.orgId, user.id, 'password_reset', at, PASSWORD_RESET_MINUTES * 60_000);
    await enqueueMessages(tx, user.orgId, at, [passwordResetEmail(id, user.email, passwordResetLink(env.links, token))]);
    await appendEvents(tx, user.orgId, { type: 'system', id: 'password-reset' }, at, [{ entityType: 'user', entityId: user.id, action: 'user.password_reset_requested' }]);
  });
  return success(undefined);
}

/** Sets a new password with a reset link; the link is spent, and every session of the account ends. */
export async function confirmPasswordReset(env: AuthEnv, input: { token: string; password: string }): Promise<Result<void>> {
  const at = nowDate(env);
  const orgId = await tokenOrganization(env.db, input.token, 'password_reset');
  if (typeof orgId !== 'string') return orgId;
  const result = await inOrgResult(env.db, orgId, async (tx) => {
    const token = await consumeLinkToken(tx, orgId, input.token, 'password_reset', at);
    if ('ok' in token) return token;
    const user = await findUser(tx, orgId, token.userId, true);
    if (!user || user.status !== 'active') return unusableToken();
    const weak = checkPassword(input.password, user.email);
    if (weak) return weak;
    await updateUser(tx, orgId, user.id, { passwordHash: await hashPassword(input.password), updatedAt: at });
    await revokeUserSessions(tx, orgId, user.id, at);
    await appendEvents(tx, orgId, { type: 'user', id: user.id }, at, [{ entityType: 'user', entityId: user.id, action: 'user.password_changed' }]);
    return success(user.email);
  });
  if (!result.ok) return result;
  await clearThrottle(env.db, throttleKey.loginAccount(result.value));
  return success(undefined);
}
