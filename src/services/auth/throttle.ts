import type { Failure } from '../../domain/result.ts';
import type { ThrottleRule } from '../../db/repositories/throttle.ts';

const MINUTE = 60_000;

// A rule's limit-th hit locks the key: the fifth wrong password is answered "locked", the third reset email
// of the hour is still sent and the fourth is not.

/** Five wrong passwords for one account within 15 minutes lock that account for 15 minutes. */
export const LOGIN_PER_ACCOUNT: ThrottleRule = { limit: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };
/** An address that fails 30 times within 15 minutes (any accounts) is shut out for 15 minutes. */
export const LOGIN_PER_ADDRESS: ThrottleRule = { limit: 30, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };
/** Sign-ups and reset requests from one address: 10 an hour. */
export const REQUESTS_PER_ADDRESS: ThrottleRule = { limit: 10, windowMs: 60 * MINUTE, lockMs: 60 * MINUTE };
/** Reset emails to one account: 3 an hour, so nobody can flood a mailbox. */
export const RESETS_PER_ACCOUNT: ThrottleRule = { limit: 3, windowMs: 60 * MINUTE, lockMs: 60 * MINUTE };

export const throttleKey = {
  loginAccount: (email: string) => `login:account:${email}`,
  loginAddress: (ip: string) => `login:ip:${ip}`,
  requestsAddress: (ip: string) => `requests:ip:${ip}`,
  resetAccount: (email: string) => `reset:account:${email}`,
};

/** A refusal that tells the client when to come back (HTTP Retry-After). */
export type Throttled = Failure & { readonly retryAfterSeconds: number };

export function throttled(code: string, message: string, until: Date, at: Date): Throttled {
  const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - at.getTime()) / 1000));
  return { ok: false, code, message: `${message}; try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s)`, retryAfterSeconds };
}
