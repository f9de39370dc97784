import { crc16CcittFalse } from './crc16.ts';
import { foldVietnameseToAscii } from './ascii-fold.ts';
import { fail, type PaymentQrFailure } from './failure.ts';
import { success, type Success } from '../result.ts';

// VietQR: the NAPAS profile of the EMVCo merchant-presented QR, for a transfer to a bank account (IBFT).
// TLV fields are a 2-digit ID, a 2-digit length and the value; lengths count characters, so every value is
// kept to printable ASCII, where characters and bytes agree.
export const VIETQR_NOTE_MAX_LENGTH = 25;
export const VIETQR_MAX_AMOUNT_VND = 9_999_999_999_999;

const NAPAS_GUID = 'A000000727';
const TRANSFER_TO_ACCOUNT = 'QRIBFTTA';
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

export interface VietQrTransfer {
  /** The bank's 6-digit NAPAS BIN, e.g. 970436 for Vietcombank. */
  readonly bankBin: string;
  /** Account number, up to 19 letters or digits. */
  readonly accountNumber: string;
  /** Whole VND. Present: a dynamic (one-time) QR; absent: a static, reusable one. */
  readonly amountVnd?: number;
  /** Transfer note (tag 62.08), ≤25 characters after Vietnamese diacritics are stripped. */
  readonly note?: string;
}

export function buildVietQrPayload(transfer: VietQrTransfer): Success<string> | PaymentQrFailure {
  if (!/^\d{6}$/.test(transfer.bankBin)) return fail('BANK_BIN_MALFORMED', 'bankBin', 'A bank BIN has 6 digits');
  if (!/^[0-9A-Za-z]{1,19}$/.test(transfer.accountNumber)) {
    return fail('ACCOUNT_MALFORMED', 'accountNumber', 'An account number has 1 to 19 letters or digits');
  }
  const amount = transfer.amountVnd;
  if (amount !== undefined && (!Number.isSafeInteger(amount) || amount < 1 || amount > VIETQR_MAX_AMOUNT_VND)) {
    return fail('AMOUNT_OUT_OF_RANGE', 'amountVnd', 'A VietQR amount is a whole number of dong from 1 to 13 digits');
  }
  const note = vietQrNote(transfer.note ?? '');
  if (!PRINTABLE_ASCII.test(note)) {
    return fail('NOTE_INVALID_CHARACTERS', 'note', 'A transfer note holds Vietnamese or ASCII letters, digits and punctuation only');
  }
  if (note.length > VIETQR_NOTE_MAX_LENGTH) {
    return fail('NOTE_TOO_LONG', 'note', `A transfer note holds at most ${VIETQR_NOTE_MAX_LENGTH} characters, not ${note.length}`);
  }

  const beneficiary = tlv('00', transfer.bankBin) + tlv('01', transfer.accountNumber);
  const merchantAccount = tlv('00', NAPAS_GUID) + tlv('01', beneficiary) + tlv('02', TRANSFER_TO_ACCOUNT);
  const body =
    tlv('00', '01') +
    tlv('01', amount === undefined ? '11' : '12') +
    tlv('38', merchantAccount) +
    tlv('53', '704') +
    (amount === undefined ? '' : tlv('54', String(amount))) +
    tlv('58', 'VN') +
    (note === '' ? '' : tlv('62', tlv('08', note)));
  return success(withCrc(body));
}

/** The note as the payload will carry it: diacritics stripped, trimmed. */
function vietQrNote(text: string): string {
  return foldVietnameseToAscii(text).trim();
}

/** True when the text can be a transfer note as it is, so a caller can pick another note instead. */
export function fitsVietQrNote(text: string): boolean {
  const note = vietQrNote(text);
  return note.length <= VIETQR_NOTE_MAX_LENGTH && PRINTABLE_ASCII.test(note);
}

/** Appends tag 63: the CRC covers everything before it including "6304", and is always 4 uppercase hex digits. */
export function withCrc(body: string): string {
  const covered = `${body}6304`;
  return covered + crc16CcittFalse(covered).toString(16).toUpperCase().padStart(4, '0');
}

function tlv(id: string, value: string): string {
  if (value.length > 99) throw new RangeError(`TLV value for ${id} is longer than 99 characters`);
  return `${id}${String(value.length).padStart(2, '0')}${value}`;
}
