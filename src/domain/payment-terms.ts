import { addDays, type PlainDate, Temporal } from './dates.ts';

// Payment terms as a customer contract states them. The invoice always stores and prints the exact due
// date computed here, never only the rule.
export type PaymentTerms =
  | { readonly kind: 'net'; readonly days: number }
  | { readonly kind: 'end_of_month'; readonly days: number }
  | { readonly kind: 'due_on_receipt' }
  | { readonly kind: 'fixed_date'; readonly date: string };

export const MAX_TERM_DAYS = 365;

/**
 * net N: issue date + N days. end_of_month + N: the last day of the issue month, then + N days
 * (so 31 Jan EOM+10 → 10 Feb, and 15 Feb 2024 EOM+0 → 29 Feb 2024). Due on receipt: the issue date.
 * Fixed date: that date, which may not precede the issue date.
 */
export function dueDate(issueDate: PlainDate, terms: PaymentTerms): PlainDate {
  switch (terms.kind) {
    case 'net':
      return addDays(issueDate, terms.days);
    case 'end_of_month':
      return addDays(issueDate.with({ day: issueDate.daysInMonth }), terms.days);
    case 'due_on_receipt':
      return issueDate;
    case 'fixed_date':
      return Temporal.PlainDate.from(terms.date);
  }
}

/** Describe terms in a stable, language-neutral code for storage and display ("net_30", "eom_10"…). */
export function termsCode(terms: PaymentTerms): string {
  switch (terms.kind) {
    case 'net':
      return `net_${terms.days}`;
    case 'end_of_month':
      return `eom_${terms.days}`;
    case 'due_on_receipt':
      return 'due_on_receipt';
    case 'fixed_date':
      return `fixed_${terms.date}`;
  }
}

const TERMS_CODE = /^(?:net_(\d{1,3})|eom_(\d{1,3})|due_on_receipt|fixed_(\d{4}-\d{2}-\d{2}))$/;

/** Parse a stored terms code back into terms; null when malformed or out of range. */
export function parseTermsCode(code: string): PaymentTerms | null {
  const m = TERMS_CODE.exec(code);
  if (!m) return null;
  if (m[1] !== undefined) return Number(m[1]) <= MAX_TERM_DAYS ? { kind: 'net', days: Number(m[1]) } : null;
  if (m[2] !== undefined) return Number(m[2]) <= MAX_TERM_DAYS ? { kind: 'end_of_month', days: Number(m[2]) } : null;
  if (m[3] !== undefined) return Temporal.PlainDate.from(m[3], { overflow: 'constrain' }).toString() === m[3] ? { kind: 'fixed_date', date: m[3] } : null;
  return { kind: 'due_on_receipt' };
}
