import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, date } from '../../domain/dates.ts';
import { fingerprintStatements, type TransactionDraft } from './fingerprint.ts';

const line = (overrides: Partial<TransactionDraft> = {}): TransactionDraft => ({
  bookingDate: date('2025-03-14'), amountMinor: 5_000, currency: 'EUR', remittanceText: 'INV-1', reversal: false, ...overrides,
});

const prints = (accountKey: string, transactions: TransactionDraft[]) =>
  fingerprintStatements([{ accountKey, currency: 'EUR', transactions }])[0]?.transactions.map((t) => t.fingerprint) ?? [];

describe('fingerprintStatements', () => {
  it('is a sha256 hex digest, the same for the same line', () => {
    const [a] = prints('DE89', [line()]);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(prints('DE89', [line()])).toEqual([a]);
  });

  it('changes with each identifying field', () => {
    const [base] = prints('DE89', [line()]);
    const variants = [
      prints('DE90', [line()]),
      prints('DE89', [line({ bookingDate: date('2025-03-15') })]),
      prints('DE89', [line({ amountMinor: 5_001 })]),
      prints('DE89', [line({ currency: 'RON' })]),
      prints('DE89', [line({ bankReference: 'B1' })]),
      prints('DE89', [line({ endToEndId: 'E1' })]),
      prints('DE89', [line({ remittanceText: 'INV-2' })]),
    ].map(([p]) => p);
    expect(new Set([base, ...variants]).size).toBe(8);
  });

  it('tells identical lines apart by their ordinal, so both are imported', () => {
    const [first, second] = prints('DE89', [line(), line()]);
    expect(first).not.toBe(second);
    expect(prints('DE89', [line()])).toEqual([first]);
  });

  it('gives every line of a file its own fingerprint, whatever the lines', () => {
    const drafts = fc.array(
      fc.record({ day: fc.nat(3), amount: fc.integer({ min: -3, max: 3 }), text: fc.constantFrom('', 'a', 'b') }).map((r) =>
        line({ bookingDate: addDays(date('2025-01-01'), r.day), amountMinor: r.amount, remittanceText: r.text }),
      ),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(drafts, (transactions) => {
        const all = prints('X', transactions);
        expect(new Set(all).size).toBe(transactions.length);
        expect(prints('X', transactions)).toEqual(all);
      }),
    );
  });
});
