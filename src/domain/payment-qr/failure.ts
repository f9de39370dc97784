import { failure, type Failure } from '../result.ts';

// Every code a payment-QR builder can return, so the HTTP layer and bank settings can map them exhaustively.
// Each failure also names the input field it is about.
export type PaymentQrErrorCode =
  | 'IBAN_MALFORMED'
  | 'IBAN_LENGTH'
  | 'IBAN_CHECKSUM'
  | 'RF_BASE_EMPTY'
  | 'RF_BASE_TOO_LONG'
  | 'RF_MALFORMED'
  | 'RF_CHECKSUM'
  | 'BIC_MALFORMED'
  | 'BANK_BIN_MALFORMED'
  | 'ACCOUNT_MALFORMED'
  | 'CORRESPONDENT_ACCOUNT_MALFORMED'
  | 'INN_MALFORMED'
  | 'KPP_MALFORMED'
  | 'AMOUNT_OUT_OF_RANGE'
  | 'REMITTANCE_REQUIRED'
  | 'REMITTANCE_CONFLICT'
  | 'PAYLOAD_TOO_LONG'
  | 'MANDATORY_BLOCK_TOO_LONG'
  | 'SEPARATOR_UNAVAILABLE'
  | 'CURRENCY_UNKNOWN'
  | 'ACCOUNT_DETAILS_MISSING'
  | `${TextFieldCode}_${'REQUIRED' | 'TOO_LONG' | 'INVALID_CHARACTERS'}`;

export type TextFieldCode = 'NAME' | 'BANK_NAME' | 'BANK_DETAIL' | 'TEXT' | 'PURPOSE' | 'NOTE' | 'DOC_NO';

export interface PaymentQrFailure extends Failure {
  readonly code: PaymentQrErrorCode;
  readonly field: string;
}

export function fail(code: PaymentQrErrorCode, field: string, message: string): PaymentQrFailure {
  return { ...failure(code, message, field), code, field };
}
