import { divideRoundHalfUp, toSafeNumber } from '../money.ts';

/** part ÷ whole × 10 000, rounded half-up once: a share in basis points (2500 = 25 %). */
export function shareInBasisPoints(part: number, whole: number): number {
  return toSafeNumber(divideRoundHalfUp(BigInt(part) * 10_000n, BigInt(whole)));
}

/** A count of days over a divisor in tenths of a day (453 = 45.3 days), rounded half-up once. */
export function tenthsOfDay(days: bigint, divisor: bigint): number {
  return toSafeNumber(divideRoundHalfUp(days * 10n, divisor));
}
