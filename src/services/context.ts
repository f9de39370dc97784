import { Temporal } from 'temporal-polyfill';
import type { Db } from '../db/connection.ts';
import type { Actor } from '../db/repositories/events.ts';

export type { Actor };

/** The clock is injected everywhere; tests and simulations drive it by hand. */
export interface Clock {
  now(): Temporal.Instant;
}

export const systemClock: Clock = { now: () => Temporal.Now.instant() };

export function fixedClock(at: string | Temporal.Instant): Clock & { set(at: string | Temporal.Instant): void } {
  let current = typeof at === 'string' ? Temporal.Instant.from(at) : at;
  return {
    now: () => current,
    set(next) {
      current = typeof next === 'string' ? Temporal.Instant.from(next) : next;
    },
  };
}

export interface Ctx {
  readonly db: Db;
  readonly orgId: string;
  readonly actor: Actor;
  readonly clock: Clock;
}

export function nowDate(ctx: Pick<Ctx, 'clock'>): Date {
  return new Date(ctx.clock.now().epochMilliseconds);
}

/** Today's calendar date where the organization is. */
export function todayIn(ctx: Pick<Ctx, 'clock'>, timeZone: string): Temporal.PlainDate {
  return ctx.clock.now().toZonedDateTimeISO(timeZone).toPlainDate();
}
