import { describe, expect, it } from 'vitest';
import { crc16CcittFalse } from './crc16.ts';

describe('CRC-16/CCITT-FALSE', () => {
  it('gives the standard check value for "123456789"', () => {
    expect(crc16CcittFalse('123456789')).toBe(0x29b1);
    expect(crc16CcittFalse(new TextEncoder().encode('123456789'))).toBe(0x29b1);
  });

  it('leaves the initial value for no data, and is not a plain sum', () => {
    expect(crc16CcittFalse('')).toBe(0xffff);
    expect(crc16CcittFalse('AB')).not.toBe(crc16CcittFalse('BA'));
  });

  it('matches the tag 63 of a published VietQR string', () => {
    const body = '00020101021138540010A00000072701240006970423011000999999990208QRIBFTTA53037045802VN6304';
    expect(crc16CcittFalse(body)).toBe(0xcbb4);
  });
});
