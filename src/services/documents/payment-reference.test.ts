import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isValidRfReference } from '../../domain/payment-qr/index.ts';
import { invoicePaymentReference } from './payment-reference.ts';

describe('invoicePaymentReference', () => {
  it('carries the invoice number with its ISO 11649 check digits (worked by hand: 98 − INV00042RF00 mod 97 = 82)', () => {
    expect(invoicePaymentReference('INV-00042')).toBe('RF82INV00042');
    expect(isValidRfReference(invoicePaymentReference('INV-00042')!)).toBe(true);
  });

  it('is the same for the same number and differs between numbers', () => {
    expect(invoicePaymentReference('CN-00001')).toBe(invoicePaymentReference('CN-00001'));
    expect(invoicePaymentReference('INV-00001')).not.toBe(invoicePaymentReference('INV-00002'));
  });

  it('has none for a draft or a number without letters or digits', () => {
    expect(invoicePaymentReference(null)).toBeNull();
    expect(invoicePaymentReference('—/—')).toBeNull();
  });

  it('replaces a number too long for a reference by a digest, never by a cut that two numbers could share', () => {
    const a = invoicePaymentReference('PROJECT-2025-CUSTOMER-000001')!;
    const b = invoicePaymentReference('PROJECT-2025-CUSTOMER-000002')!;
    expect(a).toMatch(/^RF\d{2}[0-9A-Z]{21}$/);
    expect(a).not.toBe(b);
    expect(isValidRfReference(a)).toBe(true);
  });

  it('is always a valid reference for any number with a letter or digit', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 80 }).filter((s) => /[0-9A-Za-z]/.test(s)), (number) => {
        expect(isValidRfReference(invoicePaymentReference(number)!)).toBe(true);
      }),
    );
  });
});
