import { fail, type PaymentQrFailure } from './failure.ts';
import { mod97CheckDigits, passesMod97 } from './mod97.ts';
import { inGroupsOfFour } from './print-groups.ts';
import { success, type Success } from '../result.ts';

// ISO 11649 creditor reference: "RF", two MOD 97-10 check digits, then 1…21 letters or digits. Banks carry it
// unchanged to the statement, so a payment can be matched to its invoice even when the payer types it.
export const RF_BODY_MAX_LENGTH = 21;

const RF_SHAPE = new RegExp(`^RF\\d{2}[0-9A-Z]{1,${RF_BODY_MAX_LENGTH}}$`);

/**
 * Builds a reference from a base such as an invoice number: "INV-2025-00042" → "RF…INV202500042". Anything
 * but ASCII letters and digits is dropped. A base longer than 21 characters is refused rather than cut,
 * because a cut base could make two invoices share a reference.
 */
export function buildRfReference(base: string, field = 'reference'): Success<string> | PaymentQrFailure {
  const body = base.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
  if (body.length === 0) return fail('RF_BASE_EMPTY', field, 'A creditor reference needs at least one letter or digit');
  if (body.length > RF_BODY_MAX_LENGTH) {
    return fail('RF_BASE_TOO_LONG', field, `A creditor reference holds at most ${RF_BODY_MAX_LENGTH} letters and digits, not ${body.length}`);
  }
  return success(`RF${mod97CheckDigits('RF', body)}${body}`);
}

/** Validates a reference typed with or without spaces, in any case; returns its electronic form. */
export function validateRfReference(text: string, field = 'reference'): Success<string> | PaymentQrFailure {
  const reference = text.replace(/\s+/g, '').toUpperCase();
  if (!RF_SHAPE.test(reference)) {
    return fail('RF_MALFORMED', field, 'A creditor reference is "RF", two check digits and 1 to 21 letters or digits');
  }
  if (!passesMod97(reference)) return fail('RF_CHECKSUM', field, 'The creditor reference check digits do not match');
  return success(reference);
}

export function isValidRfReference(text: string): boolean {
  return validateRfReference(text).ok;
}

/** The printed form, "RF18 5390 0754 7034". */
export function formatRfReference(reference: string): string {
  return inGroupsOfFour(reference.replace(/\s+/g, '').toUpperCase());
}
