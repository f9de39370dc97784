import { failure, success, type Result } from '../../domain/result.ts';
import { inOrg, type Db } from '../../db/connection.ts';
import { findPortalLinkByHash, touchPortalLink } from '../../db/repositories/portal.ts';
import { lockedUntil, recordHit, type ThrottleRule } from '../../db/repositories/throttle.ts';
import { throttled, type Throttled } from '../auth/throttle.ts';
import { nowDate, type Clock, type Ctx } from '../context.ts';
import { hashPortalToken, TOKEN_PATTERN } from './links.ts';

const MINUTE = 60_000;

/**
 * Requests from one address: a portal visit makes a handful, so this only stops floods. An office or carrier
 * network behind one address may need more (PORTAL_REQUESTS_PER_ADDRESS sets the limit).
 */
export const PORTAL_PER_ADDRESS: ThrottleRule = { limit: 600, windowMs: 10 * MINUTE, lockMs: 10 * MINUTE };
/** Unknown, expired or revoked links tried from one address before it is shut out. */
export const PORTAL_MISSES_PER_ADDRESS: ThrottleRule = { limit: 20, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };
/** Requests with one link, from anywhere: a leaked link cannot be used to hammer the server. */
export const PORTAL_PER_LINK: ThrottleRule = { limit: 120, windowMs: 10 * MINUTE, lockMs: 10 * MINUTE };

const TOUCH_EVERY_MS = 5 * MINUTE;

export const portalThrottleKey = {
  address: (ip: string) => `portal:ip:${ip}`,
  misses: (ip: string) => `portal:miss:${ip}`,
  link: (linkId: string) => `portal:link:${linkId}`,
};

/** Who is using the portal: one customer of one organization, through one link. */
export interface PortalSession {
  readonly orgId: string;
  readonly customerId: string;
  readonly contactId: string | null;
  readonly linkId: string;
}

export interface PortalAccess {
  readonly db: Db;
  readonly clock: Clock;
  /** Overrides PORTAL_PER_ADDRESS's limit (same window and lock-out). */
  readonly requestsPerAddress?: number;
}

export const invalidLink = () => failure('PORTAL_LINK_INVALID', 'This link is unknown, expired or revoked: ask for a new one on the portal page', 'token');

/** Checks a portal token, counting the request against the caller's address and the link. */
export async function openPortalSession(access: PortalAccess, token: string, ip: string): Promise<Result<PortalSession> | Throttled> {
  const at = nowDate(access);
  const missLock = await lockedUntil(access.db, [portalThrottleKey.misses(ip)], at);
  if (missLock) return throttled('RATE_LIMITED', 'Too many unknown links from your address', missLock, at);
  const perAddress = { ...PORTAL_PER_ADDRESS, limit: access.requestsPerAddress ?? PORTAL_PER_ADDRESS.limit };
  const addressLock = await recordHit(access.db, portalThrottleKey.address(ip), at, perAddress);
  if (addressLock) return throttled('RATE_LIMITED', 'Too many requests from your address', addressLock, at);
  const link = TOKEN_PATTERN.test(token) ? await findPortalLinkByHash(access.db, hashPortalToken(token)) : undefined;
  if (!link || link.revokedAt || link.expiresAt <= at) {
    await recordHit(access.db, portalThrottleKey.misses(ip), at, PORTAL_MISSES_PER_ADDRESS);
    return invalidLink();
  }
  const linkLock = await recordHit(access.db, portalThrottleKey.link(link.id), at, PORTAL_PER_LINK);
  if (linkLock) return throttled('RATE_LIMITED', 'Too many requests with this link', linkLock, at);
  if (!link.lastUsedAt || at.getTime() - link.lastUsedAt.getTime() >= TOUCH_EVERY_MS)
    await inOrg(access.db, link.orgId, (tx) => touchPortalLink(tx, link.orgId, link.id, at, TOUCH_EVERY_MS));
  return success({ orgId: link.orgId, customerId: link.customerId, contactId: link.contactId, linkId: link.id });
}

/** The service context of a portal request: the customer acts, inside their organization. */
export function portalCtx(access: PortalAccess, session: PortalSession): Ctx {
  return { db: access.db, orgId: session.orgId, actor: { type: 'customer', id: session.contactId ?? session.customerId }, clock: access.clock };
}
