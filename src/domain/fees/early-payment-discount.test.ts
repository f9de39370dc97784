import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { date } from '../dates.ts';
import { money } from '../money.ts';
import {
  checkEarlyPaymentTerms,
  earlyPaymentOffer,
  type EarlyPaymentTerms,
  evaluateEarlyPayment,
  formatEarlyPaymentTerms,
  parseEarlyPaymentTerms,
} from './early-payment-discount.ts';

const parsed = (text: string) => {
  const r = parseEarlyPaymentTerms(text);
  return r.ok ? r.value : r.code;
};

describe('parseEarlyPaymentTerms', () => {
  it('reads the common written forms', () => {
    const twoTenNet30 = { discountBp: 200, discountDays: 10, netDays: 30 };
    for (const text of ['2/10 net 30', '2% 10 net 30', '2%/10 n/30', '2/10, n/30', ' 2 / 10 NET 30 ', '2/10 net30', '2/10 days net 30 days', '02/10 net 30'])
      expect(parsed(text), text).toEqual(twoTenNet30);
    expect(parsed('1.5/10 net 30')).toEqual({ discountBp: 150, discountDays: 10, netDays: 30 });
    expect(parsed('1,5% 10 net 30')).toEqual({ discountBp: 150, discountDays: 10, netDays: 30 });
    expect(parsed('0.25/5 net 45')).toEqual({ discountBp: 25, discountDays: 5, netDays: 45 });
    expect(parsed('99.99/0 net 365')).toEqual({ discountBp: 9_999, discountDays: 0, netDays: 365 });
  });

  it('refuses what it cannot read', () => {
    const bad = [
      '', 'net 30', '2/10', '2/10 net', '2 10 net 30', '-2/10 net 30', '2/10 net 30 extra', '2.555/10 net 30', '100/10 net 30',
      '2/1000 net 30', '١/10 net 30', '2/10 net 3O', '2/10 net 30'.padEnd(1_000, ' x'), '2/10\nnet 30\n2/10 net 30', 'Infinity/10 net 30',
    ];
    for (const text of bad) expect(parsed(text), text).toBe('EARLY_TERMS_MALFORMED');
  });

  it('refuses terms that make no sense', () => {
    expect(parsed('0/10 net 30')).toBe('EARLY_TERMS_RATE_OUT_OF_RANGE');
    expect(parsed('0.00/10 net 30')).toBe('EARLY_TERMS_RATE_OUT_OF_RANGE');
    expect(parsed('2/30 net 30')).toBe('EARLY_TERMS_DAYS_OUT_OF_RANGE');
    expect(parsed('2/40 net 30')).toBe('EARLY_TERMS_DAYS_OUT_OF_RANGE');
    expect(parsed('2/10 net 0')).toBe('EARLY_TERMS_DAYS_OUT_OF_RANGE');
    expect(parsed('2/10 net 366')).toBe('EARLY_TERMS_DAYS_OUT_OF_RANGE');
    expect(checkEarlyPaymentTerms({ discountBp: 200, discountDays: 1.5, netDays: 30 })).toMatchObject({ ok: false, field: 'earlyPaymentTerms.discountDays' });
    expect(checkEarlyPaymentTerms({ discountBp: 10_000, discountDays: 1, netDays: 30 })).toMatchObject({ ok: false, code: 'EARLY_TERMS_RATE_OUT_OF_RANGE' });
  });

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 100 }), (text) => void parseEarlyPaymentTerms(text)));
  });

  it('reads back what it prints', () => {
    const terms: fc.Arbitrary<EarlyPaymentTerms> = fc
      .record({ discountBp: fc.integer({ min: 1, max: 9_999 }), discountDays: fc.integer({ min: 0, max: 364 }), netDays: fc.integer({ min: 1, max: 365 }) })
      .filter((t) => t.discountDays < t.netDays);
    fc.assert(
      fc.property(terms, (t) => {
        expect(parsed(formatEarlyPaymentTerms(t))).toEqual(t);
      }),
    );
    expect(formatEarlyPaymentTerms({ discountBp: 150, discountDays: 10, netDays: 30 })).toBe('1.5/10 net 30');
    expect(formatEarlyPaymentTerms({ discountBp: 205, discountDays: 10, netDays: 30 })).toBe('2.05/10 net 30');
  });
});

describe('earlyPaymentOffer and evaluateEarlyPayment', () => {
  const terms = { discountBp: 200, discountDays: 10, netDays: 30 };
  const offer = earlyPaymentOffer(date('2025-03-01'), money(100_000, 'EUR'), terms);
  const pay = (day: string, amount: number) => ({ date: date(day), amount });

  it('2/10 net 30 on 1,000.00 issued 1 March: 980.00 by 11 March, otherwise 1,000.00 by 31 March', () => {
    expect(offer).toEqual({
      deadline: date('2025-03-11'),
      netDueDate: date('2025-03-31'),
      total: money(100_000, 'EUR'),
      discount: money(2_000, 'EUR'),
      discountedAmount: money(98_000, 'EUR'),
    });
  });

  it('rounds the discount half-up once', () => {
    // 2 % of 10.25 = 0.205 → 0.21; 10.25 − 0.21 = 10.04
    expect(earlyPaymentOffer(date('2025-03-01'), money(1_025, 'EUR'), terms).discountedAmount).toEqual(money(1_004, 'EUR'));
    // Whole dong: 2 % of 1 234 567 VND = 24 691.34 → 24 691
    expect(earlyPaymentOffer(date('2025-03-01'), money(1_234_567, 'VND'), terms).discount).toEqual(money(24_691, 'VND'));
  });

  it('the discounted amount on the deadline earns the discount as a credit', () => {
    expect(evaluateEarlyPayment(offer, [pay('2025-03-11', 98_000)], date('2025-03-11'))).toEqual({ eligible: true, credit: money(2_000, 'EUR') });
  });

  it('one day late, no discount', () => {
    expect(evaluateEarlyPayment(offer, [pay('2025-03-12', 98_000)], date('2025-03-12'))).toEqual({
      eligible: false, code: 'DISCOUNT_EXPIRED', paidByDeadline: money(0, 'EUR'),
    });
  });

  it('part payments count towards the discounted amount but earn nothing alone', () => {
    const first = [pay('2025-03-05', 50_000)];
    expect(evaluateEarlyPayment(offer, first, date('2025-03-06'))).toEqual({
      eligible: false, code: 'PAYMENT_SHORT', paidByDeadline: money(50_000, 'EUR'), shortBy: money(48_000, 'EUR'),
    });
    expect(evaluateEarlyPayment(offer, [...first, pay('2025-03-10', 48_000)], date('2025-03-10'))).toEqual({ eligible: true, credit: money(2_000, 'EUR') });
    expect(evaluateEarlyPayment(offer, [...first, pay('2025-03-20', 48_000)], date('2025-03-20'))).toMatchObject({ eligible: false, code: 'DISCOUNT_EXPIRED' });
    expect(evaluateEarlyPayment(offer, first, date('2025-03-12'))).toMatchObject({ eligible: false, code: 'DISCOUNT_EXPIRED' });
  });

  it('a little more than the discounted amount gets the credit that closes the invoice', () => {
    expect(evaluateEarlyPayment(offer, [pay('2025-03-08', 99_000)], date('2025-03-08'))).toEqual({ eligible: true, credit: money(1_000, 'EUR') });
  });

  it('the full total in time needs no credit', () => {
    expect(evaluateEarlyPayment(offer, [pay('2025-03-02', 100_000)], date('2025-03-02'))).toMatchObject({ eligible: false, code: 'ALREADY_SETTLED' });
  });

  it('a granted credit never exceeds the discount and always closes the invoice exactly', () => {
    const day = fc.integer({ min: 0, max: 30 }).map((n) => date('2025-03-01').add({ days: n }));
    const payments = fc.array(fc.record({ date: day, amount: fc.integer({ min: 1, max: 60_000 }) }), { maxLength: 4 });
    fc.assert(
      fc.property(payments, day, (list, asOf) => {
        const decision = evaluateEarlyPayment(offer, list, asOf);
        if (!decision.eligible) return;
        const paidInTime = list.filter((p) => p.date.until(offer.deadline).days >= 0 && p.date.until(asOf).days >= 0).reduce((s, p) => s + p.amount, 0);
        expect(decision.credit.amount).toBeGreaterThan(0);
        expect(decision.credit.amount).toBeLessThanOrEqual(offer.discount.amount);
        expect(paidInTime + decision.credit.amount).toBe(offer.total.amount);
      }),
    );
  });
});
