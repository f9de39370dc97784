import { isCurrencyCode } from '../../domain/currency.ts';

// Russian banks still print the pre-1998 code RUR (and account numbers carry 810) for the rouble.
const ALIASES: Readonly<Record<string, string>> = { RUR: 'RUB' };

/** The ISO 4217 code a statement means, or null when we do not know the currency. */
export function statementCurrency(code: string): string | null {
  const upper = code.trim().toUpperCase();
  const resolved = ALIASES[upper] ?? upper;
  return isCurrencyCode(resolved) ? resolved : null;
}
