import { failure, type Failure } from '../../domain/result.ts';
import type { Db } from '../../db/connection.ts';
import { newId } from '../../db/ids.ts';
import { consumeAuthToken, findAuthTokenByHash, insertAuthToken, retireAuthTokens, type AuthTokenRow, type TokenPurpose } from '../../db/repositories/auth-tokens.ts';
import { hashToken, newToken } from './secrets.ts';

/** Issues a fresh single-use token for a user (earlier unused ones of the same purpose stop working). */
export async function issueLinkToken(tx: Db, orgId: string, userId: string, purpose: TokenPurpose, at: Date, validMs: number): Promise<{ id: string; token: string }> {
  await retireAuthTokens(tx, orgId, userId, purpose, at);
  const token = newToken();
  const row = await insertAuthToken(tx, { orgId, id: newId(), userId, purpose, tokenHash: hashToken(token), expiresAt: new Date(at.getTime() + validMs), createdAt: at });
  return { id: row.id, token };
}

export const unusableToken = (): Failure => failure('TOKEN_INVALID', 'This link is unknown, expired or already used: ask for a new one', 'token');

/** The organization a token belongs to, looked up by its hash before any organization is known. */
export async function tokenOrganization(db: Db, token: string, purpose: TokenPurpose): Promise<string | Failure> {
  if (token.length < 20 || token.length > 100) return unusableToken();
  const row = await findAuthTokenByHash(db, hashToken(token));
  return row && row.purpose === purpose ? row.orgId : unusableToken();
}

/** Uses a token up inside the caller's tenant transaction; fails if it was used, expired or is not of this organization. */
export async function consumeLinkToken(tx: Db, orgId: string, token: string, purpose: TokenPurpose, at: Date): Promise<AuthTokenRow | Failure> {
  const row = await findAuthTokenByHash(tx, hashToken(token));
  if (!row || row.orgId !== orgId) return unusableToken();
  return (await consumeAuthToken(tx, orgId, row.id, purpose, at)) ?? unusableToken();
}
