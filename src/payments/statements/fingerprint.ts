import { createHash } from 'node:crypto';
import type { Statement, StatementTransaction } from './statement.ts';

export type TransactionDraft = Omit<StatementTransaction, 'fingerprint'>;

export interface StatementDraft extends Omit<Statement, 'transactions'> {
  /** The account the lines belong to as the file names it (IBAN, or ":25:" text), "" when unknown. */
  readonly accountKey: string;
  readonly transactions: readonly TransactionDraft[];
}

// Bump when the identifying fields change: old fingerprints would no longer match and a re-import of an
// old file would then record its lines again.
const SCHEME = 'statement-line/v1';

/**
 * Give every line a sha256 fingerprint of what identifies it: account, booking date, amount, currency,
 * bank reference, end-to-end id and remittance text, plus its ordinal among identical lines in the file
 * (two identical 50.00 transfers on one day are two payments). The same file imported twice, or two
 * files covering the same whole days, yield the same fingerprints.
 */
export function fingerprintStatements(drafts: readonly StatementDraft[]): Statement[] {
  const seen = new Map<string, number>();
  return drafts.map(({ accountKey, transactions, ...statement }) => ({
    ...statement,
    transactions: transactions.map((t) => {
      const identity = JSON.stringify([
        SCHEME, accountKey, t.bookingDate.toString(), t.amountMinor, t.currency, t.bankReference ?? '', t.endToEndId ?? '', t.remittanceText,
      ]);
      const ordinal = seen.get(identity) ?? 0;
      seen.set(identity, ordinal + 1);
      const fingerprint = createHash('sha256').update(`${identity}#${ordinal}`).digest('hex');
      return { ...t, fingerprint };
    }),
  }));
}
