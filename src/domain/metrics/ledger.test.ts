import { describe, expect, it } from 'vitest';
import { date } from '../dates.ts';
import { balanceAsOf, buildLedger, isCurrentOn, settlementAsOf } from './ledger.ts';
import { invoice } from './test-support.ts';

describe('buildLedger', () => {
  const good = invoice('a', 'c', '2025-01-01', '2025-01-31', 1000, [['payment', '2025-01-10', 400]]);

  it('accepts invoices of its one currency', () => {
    const result = buildLedger('EUR', [good]);
    expect(result.ok && result.value.invoices).toEqual([good]);
    expect(buildLedger('VND', []).ok).toBe(true);
  });

  it.each([
    ['an unknown currency', 'XXX', [good], 'UNKNOWN_CURRENCY', 'currency'],
    ['another currency', 'USD', [good], 'CURRENCY_MISMATCH', 'invoices[0].currency'],
    ['a duplicate id', 'EUR', [good, good], 'DUPLICATE_INVOICE', 'invoices[1].id'],
    ['a negative total', 'EUR', [{ ...good, total: -1 }], 'INVALID_AMOUNT', 'invoices[0].total'],
    ['a fractional total', 'EUR', [{ ...good, total: 10.5 }], 'INVALID_AMOUNT', 'invoices[0].total'],
    ['an unsafe total', 'EUR', [{ ...good, total: 2 ** 53 }], 'INVALID_AMOUNT', 'invoices[0].total'],
    ['a due date before issue', 'EUR', [{ ...good, dueDate: date('2024-12-31') }], 'DUE_BEFORE_ISSUE', 'invoices[0].dueDate'],
    ['a zero allocation', 'EUR', [invoice('a', 'c', '2025-01-01', '2025-01-31', 1000, [['payment', '2025-01-10', 0]])], 'INVALID_AMOUNT', 'invoices[0].allocations[0].amount'],
    ['a NaN allocation', 'EUR', [invoice('a', 'c', '2025-01-01', '2025-01-31', 1000, [['credit', '2025-01-10', Number.NaN]])], 'INVALID_AMOUNT', 'invoices[0].allocations[0].amount'],
    ['an allocation before issue', 'EUR', [invoice('a', 'c', '2025-01-01', '2025-01-31', 1000, [['payment', '2024-12-31', 10]])], 'ALLOCATION_BEFORE_ISSUE', 'invoices[0].allocations[0].date'],
    ['allocations above the total', 'EUR', [invoice('a', 'c', '2025-01-01', '2025-01-31', 1000, [['payment', '2025-01-02', 600], ['credit', '2025-01-03', 401]])], 'OVER_ALLOCATED', 'invoices[0].allocations'],
  ] as const)('refuses %s', (_, currency, invoices, code, field) => {
    const result = buildLedger(currency, invoices);
    expect(result.ok).toBe(false);
    if (!result.ok) expect([result.code, result.field]).toEqual([code, field]);
  });
});

describe('balances and settlement', () => {
  const inv = invoice('a', 'c', '2025-01-01', '2025-01-31', 1000, [
    ['payment', '2025-01-10', 400],
    ['credit', '2025-02-01', 100],
    ['payment', '2025-02-05', 500],
  ]);

  it('counts allocations up to and including asOf, and nothing before issue', () => {
    expect(balanceAsOf(inv, date('2024-12-31'))).toBe(0);
    expect(balanceAsOf(inv, date('2025-01-09'))).toBe(1000);
    expect(balanceAsOf(inv, date('2025-01-10'))).toBe(600);
    expect(balanceAsOf(inv, date('2025-02-01'))).toBe(500);
    expect(balanceAsOf(inv, date('2025-02-05'))).toBe(0);
  });

  it('is current through its due date', () => {
    expect(isCurrentOn(inv, date('2025-01-31'))).toBe(true);
    expect(isCurrentOn(inv, date('2025-02-01'))).toBe(false);
  });

  it('is paid on its last payment, weighted by payments only', () => {
    expect(settlementAsOf(inv, date('2025-02-04'))).toBeNull();
    const s = settlementAsOf(inv, date('2025-03-01'));
    expect(s && [s.paidOn.toString(), s.amountPaid]).toEqual(['2025-02-05', 900]);
  });

  it('takes the last payment as paid date even when a credit closes the invoice later', () => {
    const closedByCredit = invoice('b', 'c', '2025-01-01', '2025-01-31', 1000, [['payment', '2025-01-20', 900], ['credit', '2025-03-01', 100]]);
    expect(settlementAsOf(closedByCredit, date('2025-03-01'))?.paidOn.toString()).toBe('2025-01-20');
  });

  it('never calls an invoice closed only by credits paid', () => {
    const writtenOff = invoice('w', 'c', '2025-01-01', '2025-01-31', 1000, [['credit', '2025-06-30', 1000]]);
    expect(settlementAsOf(writtenOff, date('2025-07-01'))).toBeNull();
  });
});
