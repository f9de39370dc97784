import { describe, expect, it } from 'vitest';
import { parsePercent } from './percent.ts';

describe('percent', () => {
  it('parses the ways people write rates in spreadsheets', () => {
    expect(parsePercent('19')).toBe(1900);
    expect(parsePercent('8.5')).toBe(850);
    expect(parsePercent('5,25 %')).toBe(525);
    expect(parsePercent('0')).toBe(0);
    expect(parsePercent('100%')).toBe(10_000);
  });

  it('refuses the rest', () => {
    for (const bad of ['', '-5', '101', '1.234', 'abc', '1e2', '19%%', '0x10']) expect(parsePercent(bad)).toBeNull();
  });
});
