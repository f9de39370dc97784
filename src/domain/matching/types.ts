import type { PlainDate } from '../dates.ts';

/** An invoice that still has money owed on it, with what the matcher needs to recognize its payment. */
export interface OpenInvoice {
  readonly id: string;
  readonly number: string;
  readonly customerId: string;
  readonly customerName: string;
  /** Accounts the customer has paid from before or registered (IBAN or domestic account number). */
  readonly customerIbans: readonly string[];
  readonly currency: string;
  /** What is still owed, in minor units of `currency`; invoices with nothing owed are ignored. */
  readonly balanceMinor: number;
  readonly dueDate: PlainDate;
  /** ISO 11649 creditor reference printed on the invoice, if any. */
  readonly rfReference?: string;
}

/** The parts of a bank-statement line the matcher reads (a parsed StatementTransaction fits). */
export interface CreditToMatch {
  readonly bookingDate: PlainDate;
  /** Positive for money received; debits and zero are never matched. */
  readonly amountMinor: number;
  readonly currency: string;
  readonly counterpartyName?: string;
  readonly counterpartyIban?: string;
  readonly remittanceText: string;
  /** Structured creditor reference (CAMT Strd/CdtrRefInf/Ref), searched like the remittance text. */
  readonly creditorReference?: string;
  readonly endToEndId?: string;
  /** A booking that undoes an earlier one: money coming back is not a customer paying. */
  readonly reversal?: boolean;
}

export type MatchStatus = 'sure' | 'review' | 'unmatched';

export type MatchRule = 'RF_REFERENCE' | 'INVOICE_NUMBER' | 'PAYER_AMOUNT' | 'AMOUNT_NEAR_DUE_DATE' | 'NONE';

export type MatchReason =
  /** Allocations settle every matched invoice and use the whole amount. */
  | 'PAID_IN_FULL'
  /** The amount is less than the referenced balances; the rest stays owed. */
  | 'PARTIAL_PAYMENT'
  /** The referenced balances are settled and money is left over (kept as the customer's credit). */
  | 'OVERPAYMENT'
  /** Every referenced invoice was already settled by earlier lines of this run: paid twice? */
  | 'ALREADY_SETTLED'
  /** A reference in the text belongs to more than one open invoice. */
  | 'AMBIGUOUS_REFERENCE'
  /** Only the amount fits: open invoices of that exact balance fall due near the booking date. */
  | 'AMOUNT_MATCHES_OPEN_INVOICES'
  /** The text references invoices, but only ones in another currency. */
  | 'CURRENCY_MISMATCH'
  | 'NOT_A_CREDIT'
  | 'REVERSAL'
  | 'NO_MATCH';

export interface Allocation {
  readonly invoiceId: string;
  readonly amountMinor: number;
}

export interface MatchCandidate {
  readonly invoiceId: string;
  /** Booking date minus due date: positive when the money came after the due date. */
  readonly daysFromDueDate: number;
}

export interface MatchResult {
  readonly status: MatchStatus;
  /** Only sure matches allocate; a review or unmatched line allocates nothing until a person decides. */
  readonly allocations: readonly Allocation[];
  readonly overpaymentMinor: number;
  readonly rule: MatchRule;
  /** Invoices a person should look at, best first (review lines, and the invoices behind a refusal). */
  readonly candidates?: readonly MatchCandidate[];
  readonly reason: MatchReason;
}

export interface MatchOptions {
  /** How far (in days, either side) the booking date may be from the due date for an amount-only match. */
  readonly dateWindowDays?: number;
  /** How many ranked candidates an amount-only match lists. */
  readonly maxCandidates?: number;
}
