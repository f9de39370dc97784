export { matchTransactions, DEFAULT_DATE_WINDOW_DAYS, DEFAULT_MAX_CANDIDATES } from './match-transactions.ts';
export { isValidRfReference, normalizeRfReference } from './rf-reference.ts';
export { nameKey, accountKey } from './payer-keys.ts';
export type {
  Allocation,
  CreditToMatch,
  MatchCandidate,
  MatchOptions,
  MatchReason,
  MatchResult,
  MatchRule,
  MatchStatus,
  OpenInvoice,
} from './types.ts';
