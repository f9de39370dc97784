import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/connection.ts';
import { newId } from '../../db/ids.ts';
import { insertPortalLink, type PortalLinkRow } from '../../db/repositories/portal.ts';
import { loadPortalSettings } from './settings.ts';

// A portal link is PUBLIC_URL/portal#<token>. The token is 192 random bits (unguessable, yet short enough
// for an SMS); only its SHA-256 is stored. It travels in the URL fragment, which browsers never send to a
// server, so it stays out of access logs, proxies and Referer headers; the page sends it as a header.

const TOKEN_BYTES = 24;
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;

// A tick makes a token for each of thousands of messages: one call to the system's random source per 256
// tokens instead of one per token. Each token's bytes are used once.
const TOKENS_PER_DRAW = 256;
let pool = Buffer.alloc(0);
let drawn = 0;

export function newPortalToken(): string {
  if (drawn + TOKEN_BYTES > pool.length) {
    pool = randomBytes(TOKEN_BYTES * TOKENS_PER_DRAW);
    drawn = 0;
  }
  const token = pool.toString('base64url', drawn, drawn + TOKEN_BYTES);
  drawn += TOKEN_BYTES;
  return token;
}

export function hashPortalToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function portalPageUrl(base: string, token?: string): string {
  return `${base}/portal${token ? `#${token}` : ''}`;
}

/** A link made at `at` works for the organization's link lifetime, in whole days. */
export function linkExpiry(at: Date, validDays: number): Date {
  return new Date(at.getTime() + validDays * 86_400_000);
}

export type LinkOrigin = 'invoice' | 'reminder' | 'request' | 'team' | 'cli';

export interface IssueLink {
  readonly customerId: string;
  readonly contactId?: string | null;
  readonly origin: LinkOrigin;
  readonly at: Date;
  /** Overrides the organization's link lifetime (portal settings). */
  readonly validDays?: number;
}

export interface IssuedLink {
  readonly link: PortalLinkRow;
  readonly token: string;
}

/** A new link for one customer, written in the caller's transaction; the caller checked the customer. */
export async function issuePortalLink(tx: Db, orgId: string, input: IssueLink): Promise<IssuedLink> {
  const validDays = input.validDays ?? (await loadPortalSettings(tx, orgId)).linkValidDays;
  const token = newPortalToken();
  const link = await insertPortalLink(tx, {
    orgId,
    id: newId(),
    customerId: input.customerId,
    contactId: input.contactId ?? null,
    tokenHash: hashPortalToken(token),
    origin: input.origin,
    createdAt: input.at,
    expiresAt: linkExpiry(input.at, validDays),
  });
  return { link, token };
}
