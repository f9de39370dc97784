import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'punctual-signature';
export const TIMESTAMP_HEADER = 'punctual-timestamp';
export const WEBHOOK_ID_HEADER = 'punctual-webhook-id';

/** A new signing secret: 32 random bytes, shown to the organization once. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** "v1=" + hex HMAC-SHA256 of `${timestamp}.${body}` under the organization's secret. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * What a receiver does (documented in docs/readme/delivery.md): recompute the signature over the raw
 * body, compare in constant time, and refuse timestamps too far from now so a captured request cannot
 * be replayed later.
 */
export function verifyWebhookSignature(secret: string, timestamp: string, body: string, signature: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  if (!/^\d{1,12}$/.test(timestamp)) return false;
  const at = Number(timestamp);
  if (Math.abs(nowSeconds - at) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, at, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
