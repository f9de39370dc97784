import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Temporal } from '../dates.ts';
import { ceiFiguresFromLedger, collectionEffectivenessIndex, type CeiFigures } from './cei.ts';
import { invoice, ledgerOf } from './test-support.ts';

describe('collection effectiveness index', () => {
  it('reproduces the CRF worked example for January to March: 55.9 %', () => {
    // creditguru.com sample aged trial balance (whole currency units, here × 100 as minor units):
    //   sales Jan 3 390, Feb 3 610, Mar 3 890 → 10 890 over N = 3 months
    //   beginning receivables 6 200 (the January balance), ending total 6 340, ending current 3 590 (March)
    // S/N = 3 630. Numerator 6 200 + 3 630 − 6 340 = 3 490; denominator 6 200 + 3 630 − 3 590 = 6 240.
    // 3 490 ÷ 6 240 = 0.559295 → 5 593 basis points = 55.93 %, shown as 55.9 %.
    const figures: CeiFigures = {
      beginningReceivables: 620_000,
      creditSales: 1_089_000,
      months: 3,
      endingTotalReceivables: 634_000,
      endingCurrentReceivables: 359_000,
    };
    const result = collectionEffectivenessIndex(figures);
    expect(result.ok && result.value).toBe(5593);
  });

  it('does not round S/N before dividing', () => {
    // B 0, S 10 over 3 months: S/N = 3.333…; E total 2, E current 0.
    // (3.333 − 2) ÷ 3.333 = 0.4 exactly → 4 000 bp (rounding S/N to 3 would give 1 ÷ 3 = 3 333 bp).
    const result = collectionEffectivenessIndex({ beginningReceivables: 0, creditSales: 10, months: 3, endingTotalReceivables: 2, endingCurrentReceivables: 0 });
    expect(result.ok && result.value).toBe(4000);
  });

  it.each([
    [{ endingCurrentReceivables: 700_000 }, 'CURRENT_EXCEEDS_TOTAL', 'endingCurrentReceivables'],
    [{ months: 0 }, 'INVALID_CEI_MONTHS', 'months'],
    [{ months: 1.5 }, 'INVALID_CEI_MONTHS', 'months'],
    [{ creditSales: -1 }, 'INVALID_AMOUNT', 'creditSales'],
    [{ beginningReceivables: Number.POSITIVE_INFINITY }, 'INVALID_AMOUNT', 'beginningReceivables'],
    [{ beginningReceivables: 0, creditSales: 0, endingCurrentReceivables: 0, endingTotalReceivables: 0 }, 'CEI_UNDEFINED', undefined],
  ] as const)('refuses %j', (change, code, field) => {
    const base: CeiFigures = { beginningReceivables: 620_000, creditSales: 1_089_000, months: 3, endingTotalReceivables: 634_000, endingCurrentReceivables: 359_000 };
    const result = collectionEffectivenessIndex({ ...base, ...change });
    expect(result.ok || [result.code, result.field]).toEqual([code, field]);
  });

  it('lies between 0 and 100 % when the figures are consistent', () => {
    // Consistent: current ≤ total ≤ B + S/N (AR cannot end above what was there plus what was billed).
    const consistent = fc
      .record({ b: fc.integer({ min: 0, max: 1e12 }), s: fc.integer({ min: 0, max: 1e12 }), n: fc.integer({ min: 1, max: 12 }), t: fc.double({ min: 0, max: 1, noNaN: true }), c: fc.double({ min: 0, max: 1, noNaN: true }) })
      .map(({ b, s, n, t, c }) => {
        const total = Math.floor((b + Math.floor(s / n)) * t);
        return { beginningReceivables: b, creditSales: s, months: n, endingTotalReceivables: total, endingCurrentReceivables: Math.floor(total * c) };
      });
    fc.assert(
      fc.property(consistent, (figures) => {
        const result = collectionEffectivenessIndex(figures);
        if (!result.ok) {
          expect(result.code).toBe('CEI_UNDEFINED');
          return;
        }
        expect(result.value).toBeGreaterThanOrEqual(0);
        expect(result.value).toBeLessThanOrEqual(10_000);
      }),
    );
  });
});

describe('CEI figures from the ledger', () => {
  const ledger = ledgerOf([
    invoice('X0', 'k', '2024-12-15', '2025-01-14', 100_000),
    invoice('X1', 'k', '2025-01-10', '2025-02-09', 300_000, [['payment', '2025-02-20', 300_000]]),
    invoice('X2', 'm', '2025-02-15', '2025-03-17', 200_000),
    invoice('X3', 'm', '2025-03-20', '2025-04-19', 410_000),
  ]);

  it('takes opening AR, the period sales, and closing total and current AR', () => {
    // February: open at close of 31 Jan X0 + X1 = 400 000; sales X2 200 000; close 28 Feb X0 + X2 = 300 000,
    // of which X2 (due 17 Mar) is current. CEI = (400 000 + 200 000 − 300 000) ÷ (400 000 + 200 000 − 200 000) = 75 %.
    const figures = ceiFiguresFromLedger(ledger, Temporal.PlainYearMonth.from('2025-02'), 1);
    if (!figures.ok) throw new Error(figures.message);
    expect(figures.value).toEqual({ beginningReceivables: 400_000, creditSales: 200_000, months: 1, endingTotalReceivables: 300_000, endingCurrentReceivables: 200_000 });
    const cei = collectionEffectivenessIndex(figures.value);
    expect(cei.ok && cei.value).toBe(7500);
  });

  it('reports a negative CEI as it is', () => {
    // Feb–Mar: B 400 000; S 610 000 / 2 = 305 000; E 710 000; current 410 000.
    // (400 000 + 305 000 − 710 000) ÷ (400 000 + 305 000 − 410 000) = −5 000 ÷ 295 000 = −1.69 % → −169 bp.
    const figures = ceiFiguresFromLedger(ledger, Temporal.PlainYearMonth.from('2025-02'), 2);
    if (!figures.ok) throw new Error(figures.message);
    const cei = collectionEffectivenessIndex(figures.value);
    expect(cei.ok && cei.value).toBe(-169);
  });

  it('refuses a bad month count', () => {
    const result = ceiFiguresFromLedger(ledger, Temporal.PlainYearMonth.from('2025-02'), 0);
    expect(result.ok || result.code).toBe('INVALID_CEI_MONTHS');
  });
});
