import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { authThrottle } from '../schema/index.ts';

export interface ThrottleRule {
  /** Hits allowed inside one window before the key is locked. */
  readonly limit: number;
  readonly windowMs: number;
  readonly lockMs: number;
}

/**
 * Counts one hit against a key in one statement (safe across processes): a hit after the window has passed
 * starts a new window; reaching the limit locks the key. Returns when the key is locked until, if it is.
 */
export async function recordHit(db: Db, key: string, at: Date, rule: ThrottleRule): Promise<Date | null> {
  const now = sql`${at.toISOString()}::timestamptz`;
  const windowStart = sql`${new Date(at.getTime() - rule.windowMs).toISOString()}::timestamptz`;
  const lockEnd = new Date(at.getTime() + rule.lockMs);
  const fresh = sql`${authThrottle.windowStartedAt} <= ${windowStart}`;
  const hits = sql`case when ${fresh} then 1 else ${authThrottle.hits} + 1 end`;
  const [row] = await db
    .insert(authThrottle)
    .values({ key, hits: 1, windowStartedAt: at, lockedUntil: rule.limit <= 1 ? lockEnd : null })
    .onConflictDoUpdate({
      target: authThrottle.key,
      set: {
        hits,
        windowStartedAt: sql`case when ${fresh} then ${now} else ${authThrottle.windowStartedAt} end`,
        lockedUntil: sql`case when ${hits} >= ${rule.limit} then ${lockEnd.toISOString()}::timestamptz else ${authThrottle.lockedUntil} end`,
      },
    })
    .returning({ lockedUntil: authThrottle.lockedUntil });
  return row?.lockedUntil && row.lockedUntil > at ? row.lockedUntil : null;
}

/** The latest lock among the keys that is still in force at `at`, if any. */
export async function lockedUntil(db: Db, keys: readonly string[], at: Date): Promise<Date | null> {
  const rows = await db.select({ lockedUntil: authThrottle.lockedUntil }).from(authThrottle).where(inArray(authThrottle.key, [...keys]));
  const ends = rows.map((r) => r.lockedUntil).filter((d): d is Date => d !== null && d > at);
  return ends.length ? new Date(Math.max(...ends.map((d) => d.getTime()))) : null;
}

export async function clearThrottle(db: Db, key: string): Promise<void> {
  await db.delete(authThrottle).where(eq(authThrottle.key, key));
}
