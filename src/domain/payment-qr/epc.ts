import { fail, type PaymentQrFailure } from './failure.ts';
import { validateIban } from './iban.ts';
import { validateRfReference } from './rf-reference.ts';
import { optionalText, requiredText, utf8Length } from './text-field.ts';
import { formatAmount } from '../money.ts';
import { success, type Success } from '../result.ts';

// EPC069-12 "BCD" payload, version 002, UTF-8, SEPA credit transfer in EUR only.
export const EPC_MAX_BYTES = 331;
export const EPC_MIN_AMOUNT_CENTS = 1;
export const EPC_MAX_AMOUNT_CENTS = 99_999_999_999;

const BIC_SHAPE = /^[A-Z]{4}[A-Z]{2}[0-9A-Z]{2}(?:[0-9A-Z]{3})?$/;

export interface EpcTransfer {
  readonly beneficiaryName: string;
  /** With or without spaces; the payload carries the electronic form. */
  readonly iban: string;
  /** 8 or 11 characters; optional in version 002 inside the EEA. */
  readonly bic?: string;
  /** EUR cents. */
  readonly amountMinor: number;
  /** ISO 11649 RF creditor reference; give exactly one of reference and text. */
  readonly reference?: string;
  /** Unstructured remittance information, ≤140 characters. */
  readonly text?: string;
}

/**
 * Lines: BCD, 002, 1 (UTF-8), SCT, BIC, name, IBAN, EUR amount, purpose (empty), structured reference,
 * unstructured text, joined with LF; trailing empty lines are left out, as the standard allows.
 */
export function buildEpcPayload(transfer: EpcTransfer): Success<string> | PaymentQrFailure {
  const name = requiredText(transfer.beneficiaryName, { code: 'NAME', field: 'beneficiaryName', max: 70 });
  if (!name.ok) return name;
  const iban = validateIban(transfer.iban);
  if (!iban.ok) return iban;
  const bic = (transfer.bic ?? '').replace(/\s+/g, '').toUpperCase();
  if (bic !== '' && !BIC_SHAPE.test(bic)) return fail('BIC_MALFORMED', 'bic', 'A BIC has 8 or 11 letters and digits');
  const amount = transfer.amountMinor;
  if (!Number.isSafeInteger(amount) || amount < EPC_MIN_AMOUNT_CENTS || amount > EPC_MAX_AMOUNT_CENTS) {
    return fail('AMOUNT_OUT_OF_RANGE', 'amountMinor', 'An EPC QR amount is between EUR 0.01 and EUR 999999999.99');
  }
  const remittance = remittanceLines(transfer);
  if (!remittance.ok) return remittance;

  const lines = ['BCD', '002', '1', 'SCT', bic, name.value, iban.value, `EUR${formatAmount(amount, 'EUR')}`, '', ...remittance.value];
  while (lines.at(-1) === '') lines.pop();
  const payload = lines.join('\n');
  const bytes = utf8Length(payload);
  if (bytes > EPC_MAX_BYTES) return fail('PAYLOAD_TOO_LONG', 'payload', `An EPC QR payload holds at most ${EPC_MAX_BYTES} bytes, not ${bytes}`);
  return success(payload);
}

/** Lines 10 and 11: exactly one of the structured RF reference and the unstructured text. */
function remittanceLines(transfer: EpcTransfer): Success<[string, string]> | PaymentQrFailure {
  const text = optionalText(transfer.text, { code: 'TEXT', field: 'text', max: 140 });
  if (!text.ok) return text;
  const hasReference = (transfer.reference ?? '').trim() !== '';
  if (hasReference && text.value !== undefined) {
    return fail('REMITTANCE_CONFLICT', 'reference', 'Give either a creditor reference or a text, not both');
  }
  if (hasReference) {
    const reference = validateRfReference(transfer.reference ?? '');
    return reference.ok ? success([reference.value, '']) : reference;
  }
  if (text.value === undefined) return fail('REMITTANCE_REQUIRED', 'reference', 'Give a creditor reference or a text');
  return success(['', text.value]);
}
