import { describe, expect, it } from 'vitest';
import { accountKey, nameKey } from './payer-keys.ts';

describe('nameKey', () => {
  it.each([
    ['S.C. ACME Trading S.R.L.', 'acme trading srl'],
    ['CÔNG TY TNHH THƯƠNG MẠI ĐẠI PHÁT', 'CONG TY TNHH THUONG MAI DAI PHAT'],
    ['Công ty Cổ phần Sao Mai', 'SAO MAI JSC'],
    ['ООО «Ромашка»', 'РОМАШКА ООО'],
    ['PT Sinar Jaya Abadi Tbk', 'SINAR JAYA ABADI'],
    ['CV Maju Bersama', 'MAJU BERSAMA'],
    ['Acme, L.L.C.', 'ACME LLC'],
    ['Brașov Lemn SA', 'BRASOV LEMN'],
  ])('%s and %s compare equal', (a, b) => {
    expect(nameKey(a)).toBe(nameKey(b));
    expect(nameKey(a)).not.toBe('');
  });

  it('keeps names apart that differ in a real word', () => {
    expect(nameKey('Acme Trading SRL')).not.toBe(nameKey('Acme Logistics SRL'));
  });

  it('keeps "Cong" as a given name when it is not followed by "ty"', () => {
    expect(nameKey('Nguyễn Thành Công')).toBe('cong nguyen thanh');
  });

  it('is empty for a name made only of legal forms', () => {
    expect(nameKey('S.R.L.')).toBe('');
  });
});

describe('accountKey', () => {
  it('drops spaces and case', () => {
    expect(accountKey('ro49 aaaa 1b31 0075 9384 0000')).toBe('RO49AAAA1B31007593840000');
    expect(accountKey('40702810 9000 0000 1234')).toBe('40702810900000001234');
  });

  it('refuses fragments too short to be an account', () => {
    expect(accountKey('12-34')).toBeNull();
  });
});
