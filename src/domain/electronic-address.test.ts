import { describe, expect, it } from 'vitest';
import { checkElectronicAddress, EAS_SCHEMES, isPeppolScheme } from './electronic-address.ts';

const code = (scheme: string, value: string) => checkElectronicAddress({ scheme, value }, 'x.')?.code ?? null;

describe('electronic addresses', () => {
  it('accept real identifiers with their check digits (GS1 GLN, Brønnøysund, KBO, Bolagsverket, ATO)', () => {
    expect(code('0088', '5790000435975')).toBeNull();
    expect(code('0192', '974760673')).toBeNull();
    expect(code('0208', '0477472701')).toBeNull();
    expect(code('0007', '5560360793')).toBeNull();
    expect(code('0151', '51824753556')).toBeNull();
    expect(code('0184', 'DK12345678')).toBeNull();
    expect(code('9930', 'DE123456789')).toBeNull();
    expect(code('0204', '04011000-1234512345-06')).toBeNull();
    expect(code('EM', 'ar@fabrica.example')).toBeNull();
  });

  it('refuse a wrong check digit, a malformed number and an unknown scheme, naming the field', () => {
    for (const [scheme, value] of <[string, string][]>[['0088', '5790000435976'], ['0192', '974760674'], ['0208', '0477472702'], ['0007', '5560360794'], ['0151', '51824753557'], ['0184', '12345678'], ['0088', '579000043597']])
      expect(checkElectronicAddress({ scheme, value }, 'x.'), `${scheme}:${value}`).toMatchObject({ code: 'INVALID_ELECTRONIC_ADDRESS', field: 'x.electronicAddress.value' });
    expect(checkElectronicAddress({ scheme: 'ZZ', value: '1' })).toMatchObject({ code: 'INVALID_ELECTRONIC_ADDRESS_SCHEME', field: 'electronicAddress.scheme' });
    expect(code('em', 'ar@fabrica.example')).toBe('INVALID_ELECTRONIC_ADDRESS_SCHEME');
  });

  it('refuse empty, spaced, overlong and hostile identifiers', () => {
    expect(code('9930', '')).toBe('INVALID_ELECTRONIC_ADDRESS');
    expect(code('9930', '   ')).toBe('INVALID_ELECTRONIC_ADDRESS');
    expect(code('9930', 'DE 123456789')).toBe('INVALID_ELECTRONIC_ADDRESS');
    expect(code('9930', 'D'.repeat(101))).toBe('INVALID_ELECTRONIC_ADDRESS');
    expect(code('9930', '<x/>')).toBe('INVALID_ELECTRONIC_ADDRESS');
    expect(code('9930', 'DE1\u202E')).toBe('INVALID_ELECTRONIC_ADDRESS');
    expect(code('EM', 'not an address')).toBe('INVALID_ELECTRONIC_ADDRESS');
  });

  it('offer only Peppol schemes, except e-mail', () => {
    expect(EAS_SCHEMES.filter((s) => !isPeppolScheme(s.code)).map((s) => s.code)).toEqual(['EM']);
    expect(new Set(EAS_SCHEMES.map((s) => s.code)).size).toBe(EAS_SCHEMES.length);
  });
});
