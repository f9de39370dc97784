export const INVOICE_STATUSES = ['draft', 'open', 'partially_paid', 'paid', 'void', 'written_off', 'uncollectible'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** Statuses set by a decision of the team; the others follow from the balance. */
const TERMINAL: ReadonlySet<InvoiceStatus> = new Set(['draft', 'void', 'written_off']);

/**
 * The status after the balance changed. Uncollectible stays uncollectible until it is paid in full
 * (a late payment on a doubtful debt is good news, and the invoice is then simply paid).
 */
export function statusAfterBalanceChange(current: InvoiceStatus, total: number, balance: number): InvoiceStatus {
  if (TERMINAL.has(current)) return current;
  if (balance <= 0) return 'paid';
  if (current === 'uncollectible') return current;
  return balance < total ? 'partially_paid' : 'open';
}

/** An invoice can receive money (payment, credit, credit note) only in these states. */
export function acceptsMoney(status: InvoiceStatus): boolean {
  return status === 'open' || status === 'partially_paid' || status === 'uncollectible';
}

export function isReceivable(status: InvoiceStatus): boolean {
  return acceptsMoney(status);
}
