import { describe, expect, it } from 'vitest';
import type { LateFeePolicy } from '../../domain/fees/index.ts';
import { money } from '../../domain/money.ts';
import { LOCALES } from '../templates/index.ts';
import { lateFeeTermsText } from './late-fee-terms.ts';

const base: LateFeePolicy = { charge: null, compensation: null, graceDays: 0, minimumOverdue: {}, caps: { absolute: {}, percentOfInvoiceBp: null }, chargeMode: 'once' };

describe('late-fee policy as printed terms', () => {
  it('states each kind of charge with its figure, in every language', () => {
    for (const locale of LOCALES) {
      const interest = lateFeeTermsText({ ...base, charge: { kind: 'interest', annualRateBp: 1250 } }, 'EUR', locale);
      expect(interest).toMatch(/12[.,]5\s?%/u);
      const percent = lateFeeTermsText({ ...base, charge: { kind: 'percent', rateBp: 500 } }, 'EUR', locale);
      expect(percent).toMatch(/5\s?%/u);
      const fixed = lateFeeTermsText({ ...base, charge: { kind: 'fixed', amounts: { EUR: 2_500 } } }, 'EUR', locale);
      expect(fixed).toMatch(/25[.,]00/u);
      const statutory = lateFeeTermsText({ ...base, charge: { kind: 'statutory_interest', jurisdiction: 'EU' }, compensation: { kind: 'fixed', amount: money(4_000, 'EUR') } }, 'EUR', locale);
      expect(statutory).toMatch(/40[.,]00/u);
      expect(new Set([interest, percent, fixed, statutory]).size).toBe(4);
    }
  });

  it('names the jurisdiction and the grace period the way each language says it', () => {
    const policy: LateFeePolicy = { ...base, charge: { kind: 'statutory_interest', jurisdiction: 'RO' }, graceDays: 21 };
    expect(lateFeeTermsText(policy, 'RON', 'ro')).toContain('dobânda legală penalizatoare (România)');
    expect(lateFeeTermsText(policy, 'RON', 'ro')).toContain('după 21 de zile de la scadență');
    expect(lateFeeTermsText({ ...policy, graceDays: 5 }, 'RON', 'ro')).toContain('după 5 zile');
    expect(lateFeeTermsText({ ...policy, graceDays: 1 }, 'RON', 'ro')).toContain('după 1 zi ');
    expect(lateFeeTermsText(policy, 'RUB', 'ru')).toContain('по истечении 21 дня');
    expect(lateFeeTermsText({ ...policy, graceDays: 5 }, 'RUB', 'ru')).toContain('по истечении 5 дней');
    expect(lateFeeTermsText({ ...policy, graceDays: 1 }, 'USD', 'en')).toContain('from 1 day after');
    expect(lateFeeTermsText({ ...policy, charge: { kind: 'statutory_interest', jurisdiction: 'UK' } }, 'GBP', 'en')).toContain('(United Kingdom)');
  });

  it('leaves out a fixed fee that has no amount in the invoice currency, and says nothing when nothing applies', () => {
    expect(lateFeeTermsText({ ...base, charge: { kind: 'fixed', amounts: { EUR: 2_500 } }, graceDays: 5 }, 'VND', 'vi')).toBe('');
    expect(lateFeeTermsText({ ...base, compensation: { kind: 'uk_bands' } }, 'GBP', 'en')).toBe('The fixed statutory compensation for recovery costs is due on each overdue invoice.');
  });
});
