import { failure, type Failure, type Success } from '../result.ts';

// Every code the fees module can return, so the HTTP layer can map them exhaustively. Each failure names
// the input field it is about.
export type FeesErrorCode =
  | 'REFERENCE_RATE_UNKNOWN'
  | 'RATE_TABLE_MALFORMED'
  | 'POLICY_EMPTY'
  | 'GRACE_DAYS_INVALID'
  | 'RATE_INVALID'
  | 'AMOUNT_INVALID'
  | 'CURRENCY_UNKNOWN'
  | 'JURISDICTION_UNKNOWN'
  | 'DAY_COUNT_UNKNOWN'
  | 'CHARGE_MODE_UNKNOWN'
  | 'CHARGE_KIND_UNKNOWN'
  | 'COMPENSATION_KIND_UNKNOWN'
  | 'FEE_AMOUNT_MISSING_FOR_CURRENCY'
  | 'EXCHANGE_QUOTE_REQUIRED'
  | 'EARLY_TERMS_MALFORMED'
  | 'EARLY_TERMS_RATE_OUT_OF_RANGE'
  | 'EARLY_TERMS_DAYS_OUT_OF_RANGE';

export interface FeesFailure extends Failure {
  readonly code: FeesErrorCode;
  readonly field: string;
}

export function fail(code: FeesErrorCode, field: string, message: string): FeesFailure {
  return { ...failure(code, message, field), code, field };
}

export type FeesResult<T> = Success<T> | FeesFailure;
