import type { InvoiceLedger } from './invoice-ledger.ts';
import type { ReferenceIndex } from './reference-index.ts';
import type { Allocation, CreditToMatch, MatchResult } from './types.ts';

/**
 * Rule (a): the payer named the invoice, by RF reference or invoice number. That is sure whatever the
 * amount: several referenced invoices are settled oldest due date first (the usual imputation to the
 * oldest debt), an amount short of the balances is a partial payment, and money left after every
 * referenced balance is settled is an overpayment. Returns null when the text references nothing.
 */
export function matchByReference(
  credit: CreditToMatch,
  bookingDay: number,
  ledger: InvoiceLedger,
  references: ReferenceIndex,
): MatchResult | null {
  const text = [credit.creditorReference, credit.remittanceText, credit.endToEndId].filter((t) => t !== undefined).join(' ');
  const hits = references.find(text);
  if (hits.length === 0) return null;

  const inCurrency = (position: number) => ledger.invoice(position).currency === credit.currency;
  const positions: number[] = [];
  const ambiguous: number[] = [];
  const otherCurrency: number[] = [];
  for (const hit of hits) {
    const same = hit.entries.filter(inCurrency);
    if (same.length === 0) otherCurrency.push(...hit.entries);
    else if (same.length === 1) positions.push(same[0] as number);
    else ambiguous.push(...same);
  }
  const rule = hits.some((hit) => hit.viaRf) ? 'RF_REFERENCE' : 'INVOICE_NUMBER';
  const listed = (list: readonly number[]) => [...new Set(list)].map((p) => ledger.candidate(p, bookingDay));

  if (ambiguous.length > 0) {
    return { status: 'review', allocations: [], overpaymentMinor: 0, rule, candidates: listed([...positions, ...ambiguous]), reason: 'AMBIGUOUS_REFERENCE' };
  }
  if (positions.length === 0) {
    return { status: 'unmatched', allocations: [], overpaymentMinor: 0, rule, candidates: listed(otherCurrency), reason: 'CURRENCY_MISMATCH' };
  }

  const ordered = [...new Set(positions)].sort((a, b) => (ledger.dueDay[a] ?? 0) - (ledger.dueDay[b] ?? 0));
  if (ordered.every((p) => ledger.remainingOf(p) === 0)) {
    return { status: 'review', allocations: [], overpaymentMinor: 0, rule, candidates: listed(ordered), reason: 'ALREADY_SETTLED' };
  }

  let left = credit.amountMinor;
  const allocations: Allocation[] = [];
  for (const position of ordered) {
    const allocation = ledger.take(position, left);
    if (!allocation) continue;
    allocations.push(allocation);
    left -= allocation.amountMinor;
  }
  const stillOwed = ordered.some((p) => ledger.remainingOf(p) > 0);
  const reason = left > 0 ? 'OVERPAYMENT' : stillOwed ? 'PARTIAL_PAYMENT' : 'PAID_IN_FULL';
  return { status: 'sure', allocations, overpaymentMinor: left, rule, reason };
}
