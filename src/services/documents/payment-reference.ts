import { createHash } from 'node:crypto';
import { buildRfReference, RF_BODY_MAX_LENGTH } from '../../domain/payment-qr/rf-reference.ts';

/**
 * The invoice's ISO 11649 creditor reference, derived from its number alone so it never changes and needs no
 * storage: "INV-00042" → "RF…INV00042", which a person can still recognise on a bank statement. A number
 * with more than 21 letters and digits cannot be carried whole, and cutting it could give two invoices one
 * reference, so it is replaced by 21 base-36 characters of its SHA-256 (a collision is out of reach).
 * Drafts have no number and so no reference.
 */
export function invoicePaymentReference(number: string | null): string | null {
  if (number === null) return null;
  const body = number.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
  if (body.length === 0) return null;
  const base = body.length <= RF_BODY_MAX_LENGTH ? body : digestBody(body);
  const built = buildRfReference(base);
  if (!built.ok) throw new Error(`RF reference from a checked base failed: ${built.message}`);
  return built.value;
}

function digestBody(body: string): string {
  const digest = BigInt(`0x${createHash('sha256').update(body).digest('hex')}`);
  return digest.toString(36).toUpperCase().padStart(RF_BODY_MAX_LENGTH, '0').slice(0, RF_BODY_MAX_LENGTH);
}
