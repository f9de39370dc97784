import { inOrg, type Db } from '../../db/connection.ts';
import { newId } from '../../db/ids.ts';
import { findOrganization, type OrganizationRow } from '../../db/repositories/organizations.ts';
import { findSessionByTokenHash, insertSession, touchSession } from '../../db/repositories/sessions.ts';
import type { UserRow } from '../../db/repositories/users.ts';
import { nowDate, type Clock } from '../context.ts';
import { hashToken, newToken } from './secrets.ts';

const MINUTE = 60_000;
/** A session unused for 12 hours ends. */
export const SESSION_IDLE_MS = 12 * 60 * MINUTE;
/** However busy, a session ends 14 days after login. */
export const SESSION_MAX_MS = 14 * 24 * 60 * MINUTE;
// last_seen_at is written at most every five minutes, not on every request.
const TOUCH_EVERY_MS = 5 * MINUTE;

export interface NewSession {
  readonly token: string;
  readonly expiresAt: Date;
}

/** Opens a session for a user inside the caller's transaction; the token goes into the cookie only. */
export async function openSession(tx: Db, orgId: string, userId: string, at: Date): Promise<NewSession> {
  const token = newToken();
  const expiresAt = new Date(at.getTime() + SESSION_MAX_MS);
  await insertSession(tx, { orgId, id: newId(), tokenHash: hashToken(token), userId, createdAt: at, lastSeenAt: at, expiresAt });
  return { token, expiresAt };
}

export interface SessionPrincipal {
  readonly sessionId: string;
  readonly user: UserRow;
  readonly organization: OrganizationRow;
}

/** The live session a cookie token stands for: unrevoked, not idle too long, not past its end, user active. */
export async function resolveSession(db: Db, clock: Clock, token: string): Promise<SessionPrincipal | null> {
  if (token.length < 20 || token.length > 100) return null;
  const found = await findSessionByTokenHash(db, hashToken(token));
  if (!found) return null;
  const { session, user } = found;
  const at = nowDate({ clock });
  if (session.expiresAt <= at || session.lastSeenAt.getTime() + SESSION_IDLE_MS <= at.getTime() || user.status !== 'active') return null;
  const organization = await findOrganization(db, session.orgId);
  if (!organization) return null;
  if (at.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) await inOrg(db, session.orgId, (tx) => touchSession(tx, session.orgId, session.id, at));
  return { sessionId: session.id, user, organization };
}
