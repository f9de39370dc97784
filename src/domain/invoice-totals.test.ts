import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invoiceTotals } from './invoice-totals.ts';
import { parseQuantity } from './quantity.ts';

describe('invoice totals', () => {
  it('computes tax once per rate on the summed nets', () => {
    // Three lines of 0.33 EUR at 19 %: per-line tax would be 3 × 0.06 = 0.18; per rate 0.99 × 19 % = 0.1881 → 0.19.
    const line = { quantity: parseQuantity('1')!, unitPrice: 33, taxRateBp: 1900, discountBp: 0 };
    const t = invoiceTotals([line, line, line]);
    expect(t.netTotal).toBe(99);
    expect(t.taxBreakdown).toEqual([{ taxCategory: 'S', taxRateBp: 1900, taxableAmount: 99, taxAmount: 19 }]);
    expect(t.total).toBe(118);
  });

  it('applies quantity, discount and several rates', () => {
    // 1.5 h × 120.00 = 180.00, 10 % off = 162.00 at 21 %; 2 × 9.99 = 19.98 at 9 %.
    const t = invoiceTotals([
      { quantity: parseQuantity('1.5')!, unitPrice: 12_000, taxRateBp: 2100, discountBp: 1000 },
      { quantity: parseQuantity('2')!, unitPrice: 999, taxRateBp: 900, discountBp: 0 },
    ]);
    expect(t.subtotal).toBe(19_998);
    expect(t.discountTotal).toBe(1_800);
    expect(t.taxBreakdown).toEqual([
      { taxCategory: 'S', taxRateBp: 900, taxableAmount: 1_998, taxAmount: 180 },
      { taxCategory: 'S', taxRateBp: 2100, taxableAmount: 16_200, taxAmount: 3_402 },
    ]);
    expect(t.total).toBe(18_198 + 3_582);
  });

  it('keeps one breakdown row per VAT category and rate, with the reason of the untaxed ones', () => {
    const one = parseQuantity('1')!;
    const t = invoiceTotals([
      { quantity: one, unitPrice: 10_000, taxRateBp: 0, discountBp: 0 },
      { quantity: one, unitPrice: 20_000, taxRateBp: 0, discountBp: 0, taxCategory: 'AE', taxExemptionCode: 'VATEX-EU-AE' },
      { quantity: one, unitPrice: 5_000, taxRateBp: 0, discountBp: 0, taxCategory: 'AE', taxExemptionCode: 'VATEX-EU-AE' },
      { quantity: one, unitPrice: 3_000, taxRateBp: 0, discountBp: 0, taxCategory: 'E', taxExemptionCode: null, taxExemptionReason: 'Art. 292 Cod fiscal' },
      { quantity: one, unitPrice: 1_000, taxRateBp: 1900, discountBp: 0 },
    ]);
    expect(t.taxBreakdown).toEqual([
      { taxCategory: 'Z', taxRateBp: 0, taxableAmount: 10_000, taxAmount: 0 },
      { taxCategory: 'E', taxRateBp: 0, taxExemptionReason: 'Art. 292 Cod fiscal', taxableAmount: 3_000, taxAmount: 0 },
      { taxCategory: 'AE', taxRateBp: 0, taxExemptionCode: 'VATEX-EU-AE', taxableAmount: 25_000, taxAmount: 0 },
      { taxCategory: 'S', taxRateBp: 1900, taxableAmount: 1_000, taxAmount: 190 },
    ]);
    expect(t.taxTotal).toBe(190);
  });

  it('totals equal the sum of lines plus the sum of tax rows', () => {
    const lineArb = fc.record({
      quantity: fc.integer({ min: 1, max: 10_000_000 }),
      unitPrice: fc.integer({ min: 0, max: 100_000_000 }),
      taxRateBp: fc.constantFrom(0, 500, 800, 900, 1000, 1900, 2100),
      discountBp: fc.integer({ min: 0, max: 10_000 }),
    });
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 30 }), (lines) => {
        const t = invoiceTotals(lines);
        expect(t.netTotal).toBe(t.lines.reduce((s, l) => s + l.net, 0));
        expect(t.subtotal - t.discountTotal).toBe(t.netTotal);
        expect(t.taxTotal).toBe(t.taxBreakdown.reduce((s, r) => s + r.taxAmount, 0));
        expect(t.total).toBe(t.netTotal + t.taxTotal);
        expect(t.taxBreakdown.reduce((s, r) => s + r.taxableAmount, 0)).toBe(t.netTotal);
        for (const l of t.lines) expect(l.net).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
