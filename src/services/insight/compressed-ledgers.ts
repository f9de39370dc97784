import { date } from '../../domain/dates.ts';
import { buildLedger, type Ledger, type LedgerInvoice } from '../../domain/metrics/index.ts';
import type { InvoiceGroupRow, MovementGroupRow } from '../../db/repositories/insight.ts';

/**
 * One ledger per currency from the database's compressed groups (see compressedLedger): each group is one
 * stand-in invoice whose movements are 'credit' allocations. Only balances, "current" and sales are true on
 * the report dates, so these ledgers serve aging totals, DSO and CEI — never payment behaviour.
 */
export function ledgersFromGroups(groups: { invoices: readonly InvoiceGroupRow[]; movements: readonly MovementGroupRow[] }): Map<string, Ledger> {
  const key = (g: { currency: string; issueDate: string; dueDate: string }) => `${g.currency} ${g.issueDate} ${g.dueDate}`;
  const allocations = new Map<string, { kind: 'credit'; date: ReturnType<typeof date>; amount: number }[]>();
  for (const m of groups.movements) {
    const list = allocations.get(key(m)) ?? [];
    list.push({ kind: 'credit', date: date(m.on), amount: m.amount });
    allocations.set(key(m), list);
  }
  const byCurrency = new Map<string, LedgerInvoice[]>();
  for (const g of groups.invoices) {
    const list = byCurrency.get(g.currency) ?? [];
    list.push({ id: key(g), customerId: '', currency: g.currency, issueDate: date(g.issueDate), dueDate: date(g.dueDate), total: g.total, allocations: allocations.get(key(g)) ?? [] });
    byCurrency.set(g.currency, list);
  }
  return new Map([...byCurrency].sort(([a], [b]) => (a < b ? -1 : 1)).map(([currency, invoices]) => [currency, checked(currency, invoices)]));
}

function checked(currency: string, invoices: readonly LedgerInvoice[]): Ledger {
  const ledger = buildLedger(currency, invoices);
  // The groups come from rows the database keeps consistent (balance ≥ 0); a failure here is a bug.
  if (!ledger.ok) throw new Error(`Compressed ledger for ${currency}: ${ledger.code} ${ledger.message}`);
  return ledger.value;
}

/** A ledger with no invoices: lets the domain validate report options before any query runs. */
export function emptyLedger(): Ledger {
  return checked('EUR', []);
}
