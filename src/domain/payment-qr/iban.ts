import { fail, type PaymentQrFailure } from './failure.ts';
import { passesMod97 } from './mod97.ts';
import { inGroupsOfFour } from './print-groups.ts';
import { success, type Success } from '../result.ts';

// IBAN lengths from the SWIFT IBAN registry. A country missing here is still accepted at any IBAN length
// (15…34) when its check digits pass, so a newly registered country is not refused before we list it.
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28,
  CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18,
  FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23,
  IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, LY: 25,
  MC: 27, MD: 24, ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18, NO: 15, PK: 24, PL: 28, PS: 29,
  PT: 25, QA: 29, RO: 24, RS: 22, SA: 24, SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, ST: 25,
  SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
};

const IBAN_SHAPE = /^[A-Z]{2}\d{2}[0-9A-Z]{11,30}$/;

/** The electronic form: no whitespace, uppercase ("ro49 aaaa 1b31…" → "RO49AAAA1B31…"). */
export function normalizeIban(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

/** Validates an IBAN typed with or without spaces, in any case; returns its electronic form. */
export function validateIban(text: string, field = 'iban'): Success<string> | PaymentQrFailure {
  const iban = normalizeIban(text);
  if (!IBAN_SHAPE.test(iban)) {
    return fail('IBAN_MALFORMED', field, 'An IBAN is a country code, two check digits and 11 to 30 letters or digits');
  }
  const expected = IBAN_LENGTHS[iban.slice(0, 2)];
  if (expected !== undefined && iban.length !== expected) {
    return fail('IBAN_LENGTH', field, `A ${iban.slice(0, 2)} IBAN has ${expected} characters, not ${iban.length}`);
  }
  if (!passesMod97(iban)) return fail('IBAN_CHECKSUM', field, 'The IBAN check digits do not match: a character is mistyped');
  return success(iban);
}

export function isValidIban(text: string): boolean {
  return validateIban(text).ok;
}

/** The printed form, "RO49 AAAA 1B31 0075 9384 0000". */
export function formatIban(iban: string): string {
  return inGroupsOfFour(normalizeIban(iban));
}
