import { failure, type Result, success } from '../../domain/result.ts';
import { inOrg } from '../../db/connection.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import { findOrganization } from '../../db/repositories/organizations.ts';
import { clearThrottle, lockedUntil, recordHit } from '../../db/repositories/throttle.ts';
import { findUserByEmail, updateUser } from '../../db/repositories/users.ts';
import { nowDate } from '../context.ts';
import { normalizeEmail, refusedOrganization, type AuthEnv } from './env.ts';
import { verifyPassword } from './passwords.ts';
import { openSession } from './sessions.ts';
import type { SignedIn } from './signup.ts';
import { LOGIN_PER_ACCOUNT, LOGIN_PER_ADDRESS, throttled, throttleKey, type Throttled } from './throttle.ts';

const WRONG = 'Wrong email or password';

/**
 * Signs a user in. Failures count against the account and the client's address; while either is locked
 * the password is not even checked. The answer never tells whether the account exists.
 */
export async function logIn(env: AuthEnv, input: { email: string; password: string }, ip: string): Promise<Result<SignedIn> | Throttled> {
  const at = nowDate(env);
  const email = normalizeEmail(input.email);
  const accountKey = throttleKey.loginAccount(email);
  const addressKey = throttleKey.loginAddress(ip);
  const locked = await lockedUntil(env.db, [accountKey, addressKey], at);
  if (locked) return throttled('LOGIN_LOCKED', 'Too many failed sign-ins', locked, at);
  const user = await findUserByEmail(env.db, email);
  const usable = user !== undefined && user.status === 'active' && !refusedOrganization(env, user.orgId);
  const matches = await verifyPassword(usable ? user.passwordHash : null, input.password);
  const organization = usable && matches ? await findOrganization(env.db, user.orgId) : undefined;
  if (!usable || !organization) {
    const until = [await recordHit(env.db, accountKey, at, LOGIN_PER_ACCOUNT), await recordHit(env.db, addressKey, at, LOGIN_PER_ADDRESS)]
      .filter((d): d is Date => d !== null)
      .sort((a, b) => b.getTime() - a.getTime())[0];
    return until ? throttled('LOGIN_LOCKED', 'Too many failed sign-ins', until, at) : failure('INVALID_CREDENTIALS', WRONG);
  }
  await clearThrottle(env.db, accountKey);
  return inOrg(env.db, user.orgId, async (tx) => {
    const session = await openSession(tx, user.orgId, user.id, at);
    const updated = await updateUser(tx, user.orgId, user.id, { lastLoginAt: at });
    await appendEvents(tx, user.orgId, { type: 'user', id: user.id }, at, [{ entityType: 'user', entityId: user.id, action: 'user.logged_in' }]);
    return success({ user: updated, organization, session });
  });
}
