import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { supportedCurrencies } from '../../domain/currency.ts';
import { fromStripeAmount, stripeDecimals, toStripeAmount } from './amounts.ts';

describe('Stripe amounts', () => {
  it('sends two-decimal currencies as they are, IDR included (two decimals for Stripe as for ISO)', () => {
    expect(toStripeAmount(12_345, 'EUR')).toEqual({ ok: true, value: 12_345 });
    expect(toStripeAmount(150_000_00, 'IDR')).toEqual({ ok: true, value: 150_000_00 });
    expect(toStripeAmount(99_00, 'RON')).toEqual({ ok: true, value: 99_00 });
  });

  it('sends zero-decimal currencies whole: VND 500,000 is 500000', () => {
    expect(stripeDecimals('VND')).toBe(0);
    expect(toStripeAmount(500_000, 'VND')).toEqual({ ok: true, value: 500_000 });
    expect(toStripeAmount(1_000, 'JPY')).toEqual({ ok: true, value: 1_000 });
  });

  it('sends three-decimal currencies in thousandths ending in 0, and refuses other amounts', () => {
    expect(toStripeAmount(12_340, 'KWD')).toEqual({ ok: true, value: 12_340 });
    expect(toStripeAmount(12_345, 'KWD')).toMatchObject({ ok: false, code: 'AMOUNT_NOT_CHARGEABLE' });
  });

  it('refuses currencies we do not know', () => {
    expect(toStripeAmount(100, 'XXX')).toMatchObject({ ok: false, code: 'INVALID_CURRENCY' });
    expect(fromStripeAmount(100, 'XXX')).toBeNull();
    expect(fromStripeAmount(1.5, 'EUR')).toBeNull();
  });

  it('round-trips every chargeable amount of every supported currency', () => {
    fc.assert(
      fc.property(fc.constantFrom(...supportedCurrencies()), fc.integer({ min: 1, max: 10 ** 12 }), (currency, amount) => {
        const sent = toStripeAmount(amount, currency);
        if (sent.ok) expect(fromStripeAmount(sent.value, currency)).toBe(amount);
      }),
    );
  });
});
