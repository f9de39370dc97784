import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { date } from '../../domain/dates.ts';
import { matchTransactions, type OpenInvoice } from '../../domain/matching/index.ts';
import { parseCamt053 } from './camt053.ts';

// Parsed statement lines are what the matcher takes, with no mapping in between.
describe('a parsed CAMT.053 statement fed to the matcher', () => {
  it('settles the invoices its lines name and leaves the bank fee alone', () => {
    const parsed = parseCamt053(readFileSync(new URL('./fixtures/camt053-v02-ro.xml', import.meta.url)));
    if (!parsed.ok) throw new Error(parsed.message);
    const invoice = (id: string, number: string, balanceMinor: number, extra: Partial<OpenInvoice> = {}): OpenInvoice => ({
      id, number, customerId: `c-${id}`, customerName: `Customer ${id}`, customerIbans: [], currency: 'RON', balanceMinor, dueDate: date('2025-03-10'), ...extra,
    });
    const invoices = [
      invoice('1', 'INV-2025-0001', 119_000),
      invoice('2', 'INV-2025-0002', 80_000),
      invoice('3', 'INV-2025-0003', 25_000),
      invoice('4', 'INV-2025-0099', 25_000, { rfReference: 'RF18 5390 0754 7034' }),
    ];
    const results = matchTransactions(parsed.statements[0]?.transactions ?? [], invoices);
    expect(results.map((r) => [r.status, r.reason, r.allocations])).toEqual([
      ['sure', 'PAID_IN_FULL', [{ invoiceId: '1', amountMinor: 119_000 }]],
      // 500.00 against 800.00 owed
      ['sure', 'PARTIAL_PAYMENT', [{ invoiceId: '2', amountMinor: 50_000 }]],
      ['sure', 'PAID_IN_FULL', [{ invoiceId: '3', amountMinor: 25_000 }]],
      ['unmatched', 'NOT_A_CREDIT', []],
      ['sure', 'PAID_IN_FULL', [{ invoiceId: '4', amountMinor: 25_000 }]],
    ]);
  });
});
