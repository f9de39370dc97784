import { isEmail } from '../../domain/customer-rules.ts';
import { failure, type Result, success } from '../../domain/result.ts';
import { inOrgResult } from '../../db/connection.ts';
import { newId } from '../../db/ids.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import type { OrganizationRow } from '../../db/repositories/organizations.ts';
import { lockedUntil, recordHit } from '../../db/repositories/throttle.ts';
import { emailTaken, insertUser, type UserRow } from '../../db/repositories/users.ts';
import { nowDate } from '../context.ts';
import { createOrganization } from '../organizations.ts';
import { normalizeEmail, type AuthEnv } from './env.ts';
import { checkPassword, hashPassword } from './passwords.ts';
import { openSession, type NewSession } from './sessions.ts';
import { REQUESTS_PER_ADDRESS, throttled, throttleKey, type Throttled } from './throttle.ts';
import { userSnapshot } from './user-snapshot.ts';

export interface SignUpInput {
  readonly organizationName: string;
  readonly baseCurrency: string;
  readonly name: string;
  readonly email: string;
  readonly password: string;
  readonly locale?: string;
  readonly timeZone?: string;
  readonly country?: string;
}

export interface SignedIn {
  readonly user: UserRow;
  readonly organization: OrganizationRow;
  readonly session: NewSession;
}

const taken = () => failure('EMAIL_TAKEN', 'An account with this email exists: sign in, or reset its password', 'email');

/** A new organization with its first owner, signed in. */
export async function signUp(env: AuthEnv, input: SignUpInput, ip: string): Promise<Result<SignedIn> | Throttled> {
  const at = nowDate(env);
  const locked = await lockedUntil(env.db, [throttleKey.requestsAddress(ip)], at);
  if (locked) return throttled('RATE_LIMITED', 'Too many requests from your address', locked, at);
  await recordHit(env.db, throttleKey.requestsAddress(ip), at, REQUESTS_PER_ADDRESS);
  const email = normalizeEmail(input.email);
  if (!isEmail(email)) return failure('INVALID_EMAIL', 'Not an email address', 'email');
  if (!input.name.trim()) return failure('INVALID_NAME', 'Your name is needed', 'name');
  const weak = checkPassword(input.password, email);
  if (weak) return weak;
  if (await emailTaken(env.db, email)) return taken();
  const passwordHash = await hashPassword(input.password);
  const orgId = newId();
  const userId = newId();
  const actor = { type: 'user', id: userId } as const;
  return inOrgResult(env.db, orgId, async (tx) => {
    const org = await createOrganization(
      tx,
      env.clock,
      { name: input.organizationName, baseCurrency: input.baseCurrency, locale: input.locale, timeZone: input.timeZone, country: input.country },
      orgId,
      actor,
    );
    if (!org.ok) return org.field ? { ...org, field: org.field === 'name' ? 'organizationName' : org.field } : org;
    const user = await insertUser(tx, { orgId, id: userId, email, name: input.name.trim(), role: 'owner', status: 'active', passwordHash, lastLoginAt: at, createdAt: at, updatedAt: at });
    if (!user) return taken();
    await appendEvents(tx, orgId, actor, at, [{ entityType: 'user', entityId: userId, action: 'user.created', after: userSnapshot(user) }]);
    return success({ user, organization: org.value, session: await openSession(tx, orgId, userId, at) });
  });
}
