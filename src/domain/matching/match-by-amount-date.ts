import type { InvoiceLedger } from './invoice-ledger.ts';
import type { CreditToMatch, MatchCandidate, MatchResult } from './types.ts';

/**
 * Open invoices grouped by (currency, exact balance), each group sorted by due date. Built after the sure
 * rules have run, from what is still owed; rule (c) only proposes, so the index never changes afterwards.
 */
export class AmountDateIndex {
  private readonly groups = new Map<string, number[]>();

  constructor(private readonly ledger: InvoiceLedger) {
    for (let p = 0; p < ledger.size; p++) {
      const owed = ledger.remainingOf(p);
      if (owed === 0) continue;
      const key = `${ledger.invoice(p).currency}|${owed}`;
      const group = this.groups.get(key);
      if (group) group.push(p);
      else this.groups.set(key, [p]);
    }
    const due = ledger.dueDay;
    for (const group of this.groups.values()) group.sort((a, b) => (due[a] ?? 0) - (due[b] ?? 0) || a - b);
  }

  /**
   * Up to `limit` invoices of exactly this balance due within `window` days of the booking day, nearest
   * first (on a tie, the one already overdue first). A binary search finds the booking day in the group,
   * then two cursors walk outwards: O(log g + limit) for a group of g invoices.
   */
  nearest(currency: string, amount: number, bookingDay: number, window: number, limit: number): MatchCandidate[] {
    const group = this.groups.get(`${currency}|${amount}`);
    if (!group) return [];
    const due = (i: number) => this.ledger.dueDay[group[i] as number] ?? 0;
    let lo = 0;
    let hi = group.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (due(mid) < bookingDay) lo = mid + 1;
      else hi = mid;
    }
    let before = lo - 1;
    let after = lo;
    const found: MatchCandidate[] = [];
    while (found.length < limit) {
      const gapBefore = before >= 0 ? bookingDay - due(before) : Infinity;
      const gapAfter = after < group.length ? due(after) - bookingDay : Infinity;
      const gap = Math.min(gapBefore, gapAfter);
      if (gap > window) break;
      const index = gapBefore <= gapAfter ? before-- : after++;
      found.push(this.ledger.candidate(group[index] as number, bookingDay));
    }
    return found;
  }
}

/** Rule (c): only the amount fits. Never sure, since any customer may owe that amount; a person picks. */
export function matchByAmountNearDueDate(
  credit: CreditToMatch,
  bookingDay: number,
  index: AmountDateIndex,
  window: number,
  limit: number,
): MatchResult | null {
  const candidates = index.nearest(credit.currency, credit.amountMinor, bookingDay, window, limit);
  if (candidates.length === 0) return null;
  return { status: 'review', allocations: [], overpaymentMinor: 0, rule: 'AMOUNT_NEAR_DUE_DATE', candidates, reason: 'AMOUNT_MATCHES_OPEN_INVOICES' };
}
