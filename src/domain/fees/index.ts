export type { FeesErrorCode, FeesFailure, FeesResult } from './failure.ts';
export {
  DEFAULT_REFERENCE_RATES,
  REFERENCE_RATE_SERIES,
  rateInForce,
  type RateChange,
  type RateInForce,
  type ReferenceRateSeries,
  type ReferenceRateSeriesId,
  type ReferenceRateTable,
} from './reference-rates.ts';
export { parseReferenceRateTable } from './parse-reference-rates.ts';
export {
  isJurisdiction,
  JURISDICTIONS,
  STATUTORY_RULES,
  statutoryRate,
  type Jurisdiction,
  type ReferenceRule,
  type StatutoryRate,
  type StatutoryRule,
} from './statutory-rate.ts';
export {
  computeInterest,
  DAY_COUNT_BASES,
  type BalanceChange,
  type DayCountBasis,
  type InterestInput,
  type InterestLine,
  type InterestRateSource,
  type InterestResult,
  type InterestState,
  type Rational,
} from './interest.ts';
export {
  compensationDue,
  EU_COMPENSATION,
  UK_COMPENSATION_BANDS,
  type Compensation,
  type CompensationDue,
  type ExchangeQuote,
} from './compensation.ts';
export {
  MAX_ANNUAL_RATE_BP,
  MAX_GRACE_DAYS,
  validateLateFeePolicy,
  type ChargeMode,
  type LateFeeCaps,
  type LateFeeCharge,
  type LateFeePolicy,
  type PerCurrency,
} from './late-fee-policy.ts';
export {
  computeLateFee,
  type ChargedLateFee,
  type InvoiceFacts,
  type LateFeeAssessment,
  type LateFeeComponent,
  type LateFeeLine,
  type LateFeeReason,
  type LateFeeReasonCode,
} from './compute-late-fee.ts';
export {
  checkEarlyPaymentTerms,
  earlyPaymentOffer,
  evaluateEarlyPayment,
  formatEarlyPaymentTerms,
  parseEarlyPaymentTerms,
  type EarlyPaymentDecision,
  type EarlyPaymentOffer,
  type EarlyPaymentTerms,
  type Settlement,
} from './early-payment-discount.ts';
