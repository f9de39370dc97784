import { currencyInfo } from './currency.ts';

// Money is an integer count of the currency's minor unit. A JavaScript safe integer holds 9·10^15 minor
// units (90 trillion EUR, 9 quadrillion VND), far beyond any invoice; every operation checks it stays safe.
export interface Money {
  readonly amount: number;
  readonly currency: string;
}

export function money(amount: number, currency: string): Money {
  assertSafe(amount);
  currencyInfo(currency);
  return { amount, currency };
}

export function assertSafe(amount: number): number {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`Money amount ${amount} is not a safe integer`);
  return amount;
}

export function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new Error(`Currency mismatch ${a.currency} vs ${b.currency}`);
}

export function add(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return { amount: assertSafe(a.amount + b.amount), currency: a.currency };
}

export function subtract(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return { amount: assertSafe(a.amount - b.amount), currency: a.currency };
}

export function sum(amounts: readonly number[]): number {
  let total = 0;
  for (const a of amounts) total = assertSafe(total + a);
  return total;
}

// The single rounding rule of the product: half away from zero ("half-up" for positive amounts), applied
// once to an exact rational. Computed in bigint so no intermediate product loses precision.
export function divideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('Division by zero');
  if (denominator < 0n) return divideRoundHalfUp(-numerator, -denominator);
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  const q = (2n * n + denominator) / (2n * denominator);
  return negative ? -q : q;
}

export function toSafeNumber(value: bigint): number {
  const n = Number(value);
  assertSafe(n);
  return n;
}

/** amount × basisPoints / 10 000, rounded half-up once. */
export function applyBasisPoints(amount: number, basisPoints: number): number {
  return toSafeNumber(divideRoundHalfUp(BigInt(amount) * BigInt(basisPoints), 10_000n));
}

/**
 * Split an amount in proportion to weights without losing or inventing a minor unit (largest remainder;
 * ties go to the earlier share). Used to spread discounts, tax and payments over lines and installments.
 */
export function allocateProportionally(amount: number, weights: readonly number[]): number[] {
  if (weights.length === 0) throw new RangeError('Cannot allocate over no weights');
  if (weights.some((w) => w < 0 || !Number.isSafeInteger(w))) throw new RangeError('Weights must be non-negative integers');
  const totalWeight = weights.reduce((s, w) => s + BigInt(w), 0n);
  if (totalWeight === 0n) return allocateProportionally(amount, weights.map(() => 1));
  const sign = amount < 0 ? -1n : 1n;
  const total = BigInt(Math.abs(amount));
  const shares = weights.map((w) => (total * BigInt(w)) / totalWeight);
  const remainders = weights.map((w, i) => ({ i, r: (total * BigInt(w)) % totalWeight }));
  let left = total - shares.reduce((s, x) => s + x, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    shares[i] = (shares[i] ?? 0n) + 1n;
    left -= 1n;
  }
  return shares.map((s) => toSafeNumber(s * sign));
}

/** Split an amount into n parts as equal as possible; earlier parts take the extra minor units. */
export function splitEvenly(amount: number, parts: number): number[] {
  return allocateProportionally(amount, Array.from({ length: parts }, () => 1));
}

const DECIMAL = /^(-)?(\d{1,16})(?:\.(\d+))?$/;

/**
 * Parse a decimal string such as "1234.5" into minor units of the currency. Refuses more fractional digits
 * than the currency has, so "10.005 EUR" is an error rather than a silent rounding. Returns null when the
 * text is not a plain decimal.
 */
export function parseAmount(text: string, currency: string): number | null {
  const m = DECIMAL.exec(text.trim());
  if (!m) return null;
  const digits = currencyInfo(currency).minorUnits;
  const fraction = m[3] ?? '';
  if (fraction.length > digits && /[1-9]/.test(fraction.slice(digits))) return null;
  const minor = BigInt(m[2] + fraction.slice(0, digits).padEnd(digits, '0'));
  const n = Number(m[1] ? -minor : minor);
  return Number.isSafeInteger(n) ? n : null;
}

/** Minor units as a plain decimal string with the currency's ISO digits: 12345 EUR → "123.45". */
export function formatAmount(amount: number, currency: string): string {
  const digits = currencyInfo(currency).minorUnits;
  const negative = amount < 0;
  const abs = BigInt(Math.abs(amount)).toString().padStart(digits + 1, '0');
  const text = digits === 0 ? abs : `${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
  return negative ? `-${text}` : text;
}
