import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { authTokens } from '../schema/index.ts';

export type AuthTokenRow = typeof authTokens.$inferSelect;
export type TokenPurpose = 'invitation' | 'password_reset';

export async function insertAuthToken(tx: Db, row: typeof authTokens.$inferInsert): Promise<AuthTokenRow> {
  const [inserted] = await tx.insert(authTokens).values(row).returning();
  if (!inserted) throw new Error('Token insert returned nothing');
  return inserted;
}

/** By hash across organizations: an emailed link carries only the token. Run it on the connecting role. */
export async function findAuthTokenByHash(db: Db, tokenHash: string): Promise<AuthTokenRow | undefined> {
  const [row] = await db.select().from(authTokens).where(eq(authTokens.tokenHash, tokenHash));
  return row;
}

/**
 * Marks a token used if it is still unused and unexpired; one statement, so of two concurrent uses exactly
 * one gets the row back.
 */
export async function consumeAuthToken(tx: Db, orgId: string, id: string, purpose: TokenPurpose, at: Date): Promise<AuthTokenRow | undefined> {
  const [row] = await tx
    .update(authTokens)
    .set({ usedAt: at })
    .where(and(eq(authTokens.orgId, orgId), eq(authTokens.id, id), eq(authTokens.purpose, purpose), isNull(authTokens.usedAt), gt(authTokens.expiresAt, at)))
    .returning();
  return row;
}

/** A new link replaces the user's earlier unused ones of the same purpose. */
export async function retireAuthTokens(tx: Db, orgId: string, userId: string, purpose: TokenPurpose, at: Date): Promise<void> {
  await tx
    .update(authTokens)
    .set({ usedAt: at })
    .where(and(eq(authTokens.orgId, orgId), eq(authTokens.userId, userId), eq(authTokens.purpose, purpose), isNull(authTokens.usedAt)));
}
