import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectStatementFormat } from './detect-format.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

describe('detectStatementFormat', () => {
  it.each([
    ['camt053-v02-ro.xml', 'camt053'],
    ['camt053-v08-de.xml', 'camt053'],
    ['mt940-de.sta', 'mt940'],
    ['mt940-nl.sta', 'mt940'],
    ['csv-ro-bt.csv', 'csv'],
    ['csv-ru-sber-1251.csv', 'csv'],
  ])('%s is %s', (name, format) => {
    expect(detectStatementFormat(fixture(name))).toBe(format);
  });

  it('looks past a BOM and leading blank lines', () => {
    expect(detectStatementFormat('\uFEFF\n\n<?xml version="1.0"?><Document/>')).toBe('camt053');
    expect(detectStatementFormat('\r\n:20:STARTUMS\r\n:25:X')).toBe('mt940');
  });
});
