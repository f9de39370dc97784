import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { money } from '../money.ts';
import { compensationDue, EU_COMPENSATION, type ExchangeQuote } from './compensation.ts';

const uk = (pence: number, currency = 'GBP', exchange?: ExchangeQuote) => {
  const r = compensationDue({ kind: 'uk_bands' }, money(pence, currency), exchange);
  return r.ok ? r.value.amount.amount : r.code;
};

describe('compensationDue', () => {
  it('EU: 40 EUR on a EUR invoice, whatever its size', () => {
    expect(compensationDue(EU_COMPENSATION, money(1, 'EUR'))).toEqual({
      ok: true,
      value: { amount: money(4_000, 'EUR'), statedAmount: money(4_000, 'EUR') },
    });
  });

  it('EU: "or its equivalent" through the caller\'s quote, rounded half-up once', () => {
    // 100.00 EUR = 497.70 RON → 40.00 EUR = 4 000 × 49 770 ÷ 10 000 = 19 908 bani = 199.08 RON
    const quote = { reference: money(10_000, 'EUR'), invoice: money(49_770, 'RON') };
    expect(compensationDue(EU_COMPENSATION, money(50_000, 'RON'), quote)).toMatchObject({ ok: true, value: { amount: money(19_908, 'RON') } });
    // 1.00 EUR = 26 115 VND (zero-decimal) → 40 × 26 115 = 1 044 600 VND
    const vnd = { reference: money(100, 'EUR'), invoice: money(26_115, 'VND') };
    expect(compensationDue(EU_COMPENSATION, money(5_000_000, 'VND'), vnd)).toMatchObject({ ok: true, value: { amount: money(1_044_600, 'VND') } });
    // Half-up: 100.00 EUR = 86.25 GBP; a stated 3.00 EUR → 300 × 8 625 ÷ 10 000 = 258.75 → 259 pence.
    const gbp = { reference: money(10_000, 'EUR'), invoice: money(8_625, 'GBP') };
    expect(compensationDue({ kind: 'fixed', amount: money(300, 'EUR') }, money(10_000, 'GBP'), gbp)).toMatchObject({ ok: true, value: { amount: money(259, 'GBP') } });
  });

  it('UK: £40 under £1,000, £70 to £9,999.99, £100 from £10,000', () => {
    expect(uk(99_999)).toBe(4_000);
    expect(uk(100_000)).toBe(7_000);
    expect(uk(999_999)).toBe(7_000);
    expect(uk(1_000_000)).toBe(10_000);
    expect(uk(1)).toBe(4_000);
  });

  it('UK: sizes a foreign-currency debt in sterling exactly, with no rounding at the band edge', () => {
    // 100.00 GBP = 117.00 EUR. 1,170.00 EUR is exactly £1,000 → £70 → 70 × 1.17 = 81.90 EUR.
    // 1,169.99 EUR is £999.9914… (116 999 × 10 000 ÷ 11 700 pence) → £40 → 40 × 1.17 = 46.80 EUR.
    const quote = { reference: money(10_000, 'GBP'), invoice: money(11_700, 'EUR') };
    expect(uk(117_000, 'EUR', quote)).toBe(8_190);
    expect(uk(116_999, 'EUR', quote)).toBe(4_680);
  });

  it('asks for a quote in the right currencies', () => {
    expect(compensationDue(EU_COMPENSATION, money(100, 'RON'))).toMatchObject({ ok: false, code: 'EXCHANGE_QUOTE_REQUIRED', field: 'exchange' });
    const usd = { reference: money(100, 'USD'), invoice: money(460, 'RON') };
    expect(compensationDue(EU_COMPENSATION, money(100, 'RON'), usd)).toMatchObject({ ok: false, code: 'EXCHANGE_QUOTE_REQUIRED' });
    const wrongSide = { reference: money(100, 'EUR'), invoice: money(460, 'BGN') };
    expect(compensationDue(EU_COMPENSATION, money(100, 'RON'), wrongSide)).toMatchObject({ ok: false, code: 'EXCHANGE_QUOTE_REQUIRED' });
    const zero = { reference: money(0, 'EUR'), invoice: money(460, 'RON') };
    expect(compensationDue(EU_COMPENSATION, money(100, 'RON'), zero)).toMatchObject({ ok: false, code: 'AMOUNT_INVALID', field: 'exchange.reference.amount' });
    const negative = { reference: money(100, 'EUR'), invoice: money(-460, 'RON') };
    expect(compensationDue(EU_COMPENSATION, money(100, 'RON'), negative)).toMatchObject({ ok: false, code: 'AMOUNT_INVALID', field: 'exchange.invoice.amount' });
  });

  it('UK bands never decrease as the debt grows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 1e6 }), (a, extra) => {
        expect(uk(a + extra)).toBeGreaterThanOrEqual(uk(a) as number);
      }),
    );
  });
});
