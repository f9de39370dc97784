import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { sessions, users } from '../schema/index.ts';

export type SessionRow = typeof sessions.$inferSelect;

export async function insertSession(tx: Db, row: typeof sessions.$inferInsert): Promise<SessionRow> {
  const [inserted] = await tx.insert(sessions).values(row).returning();
  if (!inserted) throw new Error('Session insert returned nothing');
  return inserted;
}

export interface SessionWithUser {
  readonly session: SessionRow;
  readonly user: typeof users.$inferSelect;
}

/**
 * Finds a live session by the hash of its cookie token, across organizations: the token is what tells us
 * the organization. Run it on the connecting role, before the request's tenant transaction.
 */
export async function findSessionByTokenHash(db: Db, tokenHash: string): Promise<SessionWithUser | undefined> {
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, and(eq(users.orgId, sessions.orgId), eq(users.id, sessions.userId)))
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt)));
  return row;
}

export async function touchSession(db: Db, orgId: string, id: string, at: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: at }).where(and(eq(sessions.orgId, orgId), eq(sessions.id, id)));
}

export async function revokeSession(tx: Db, orgId: string, id: string, at: Date): Promise<void> {
  await tx.update(sessions).set({ revokedAt: at }).where(and(eq(sessions.orgId, orgId), eq(sessions.id, id), isNull(sessions.revokedAt)));
}

export async function revokeUserSessions(tx: Db, orgId: string, userId: string, at: Date): Promise<number> {
  const rows = await tx
    .update(sessions)
    .set({ revokedAt: at })
    .where(and(eq(sessions.orgId, orgId), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length;
}
