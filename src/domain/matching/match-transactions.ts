import { assertSafe } from '../money.ts';
import { epochDay } from './epoch-day.ts';
import { InvoiceLedger } from './invoice-ledger.ts';
import { AmountDateIndex, matchByAmountNearDueDate } from './match-by-amount-date.ts';
import { CustomerBalances, matchByPayerAmount } from './match-by-payer-amount.ts';
import { matchByReference } from './match-by-reference.ts';
import { PayerIndex } from './payer-index.ts';
import { ReferenceIndex } from './reference-index.ts';
import type { CreditToMatch, MatchOptions, MatchResult, OpenInvoice } from './types.ts';

export const DEFAULT_DATE_WINDOW_DAYS = 30;
export const DEFAULT_MAX_CANDIDATES = 5;

const unmatched = (reason: MatchResult['reason']): MatchResult => ({ status: 'unmatched', allocations: [], overpaymentMinor: 0, rule: 'NONE', reason });

/**
 * Match the credits of bank statements to open invoices. Returns one result per transaction, in input
 * order (results[i] is for transactions[i]).
 *
 * The rules run as three passes over all lines, strongest evidence first, so a line that names its
 * invoice is never beaten to that balance by a line that merely has the same amount:
 *   (a) an RF reference or invoice number in the text → sure (partial, split or overpaid as the amount says);
 *   (b) payer recognized by account or name and the amount settles one of its balances or its oldest
 *       few → sure;
 *   (c) the amount equals balances due within the date window → review, with ranked candidates.
 * Within a pass, lines are taken in input order (pass them in booking order so earlier money settles
 * first). Every allocation is taken from a running balance, so no invoice receives more than it owes
 * and no balance is used by two lines.
 *
 * Complexity, for T transactions and I invoices: building the indexes is O(I log I); each line then
 * costs O(r · s) for the reference scan (r words in its text, s ≤ 8 words per reference), O(w · k + 64)
 * for the payer rule and O(log I + candidates) for the amount rule: O((T + I) log I) overall, with no
 * scan of all invoices per line.
 */
export function matchTransactions(
  transactions: readonly CreditToMatch[],
  invoices: readonly OpenInvoice[],
  options: MatchOptions = {},
): MatchResult[] {
  const window = options.dateWindowDays ?? DEFAULT_DATE_WINDOW_DAYS;
  const limit = options.maxCandidates ?? DEFAULT_MAX_CANDIDATES;
  const ledger = new InvoiceLedger(invoices);
  const references = new ReferenceIndex();
  for (let p = 0; p < ledger.size; p++) {
    const invoice = ledger.invoice(p);
    references.add(p, invoice.number, invoice.rfReference);
  }

  const results: (MatchResult | null)[] = transactions.map((credit) => {
    assertSafe(credit.amountMinor);
    if (credit.amountMinor <= 0) return unmatched('NOT_A_CREDIT');
    if (credit.reversal === true) return unmatched('REVERSAL');
    return null;
  });
  const bookingDays = transactions.map((credit) => epochDay(credit.bookingDate));
  const open = (i: number) => results[i] === null;

  transactions.forEach((credit, i) => {
    if (open(i)) results[i] = matchByReference(credit, bookingDays[i] as number, ledger, references);
  });

  const payers = new PayerIndex(ledger.invoices);
  const balances = new CustomerBalances(ledger);
  transactions.forEach((credit, i) => {
    if (open(i)) results[i] = matchByPayerAmount(credit, payers.customersOf(credit), balances, ledger);
  });

  const byAmount = new AmountDateIndex(ledger);
  transactions.forEach((credit, i) => {
    if (open(i)) results[i] = matchByAmountNearDueDate(credit, bookingDays[i] as number, byAmount, window, limit);
  });

  return results.map((result) => result ?? unmatched('NO_MATCH'));
}
