import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CsvMapping } from './csv-mapping.ts';
import { parseCsvAmount, parseCsvDate } from './csv-values.ts';

const comma: Pick<CsvMapping, 'decimalSeparator' | 'thousandsSeparator'> = { decimalSeparator: ',', thousandsSeparator: '.' };
const point: Pick<CsvMapping, 'decimalSeparator' | 'thousandsSeparator'> = { decimalSeparator: '.', thousandsSeparator: ',' };

describe('parseCsvAmount', () => {
  it.each([
    ['1.234,56', 'RON', comma, 123_456],
    ['-12,50', 'RON', comma, -1_250],
    ['12,5', 'RON', comma, 1_250],
    ['100,00-', 'RON', comma, -10_000],
    ['(1.000,00)', 'RON', comma, -100_000],
    ['+7', 'RON', comma, 700],
    ['5,000,000', 'VND', point, 5_000_000],
    ['1,234.56', 'USD', point, 123_456],
    ['1 250 000,00', 'RUB', { decimalSeparator: ',', thousandsSeparator: ' ' }, 125_000_000],
    ['1\u00A0250\u00A0000,00', 'RUB', { decimalSeparator: ',', thousandsSeparator: ' ' }, 125_000_000],
    ["1'234.50", 'CHF', { decimalSeparator: '.', thousandsSeparator: "'" }, 123_450],
    ['\u22125.00', 'EUR', { decimalSeparator: '.' }, -500],
  ] as const)('%s %s → %i', (text, currency, format, expected) => {
    expect(parseCsvAmount(text, currency, format)).toBe(expected);
  });

  it.each([
    ['1.234', 'RON', { decimalSeparator: ',' }, 'a point where decimals are commas and there are no thousands groups'],
    ['1.23,00', 'RON', comma, 'a thousands group that is not three digits'],
    ['12,345', 'VND', { decimalSeparator: '.' }, 'a comma with no thousands separator configured'],
    ['10,005', 'EUR', comma, 'more decimals than the currency has'],
    ['5.000,5', 'VND', comma, 'decimals on a currency without minor units'],
    ['99999999999999999999', 'EUR', comma, 'an amount beyond a safe integer'],
    ['', 'EUR', comma, 'nothing'],
    ['12 EUR', 'EUR', comma, 'a currency code in the cell'],
    ['--5', 'EUR', comma, 'two signs'],
  ] as const)('refuses %s (%s %s: %s)', (text, currency, format, _why) => {
    expect(parseCsvAmount(text, currency, format)).toBeNull();
  });

  it('reads back any amount written with grouped thousands and a decimal comma', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (minor) => {
        const units = Math.trunc(Math.abs(minor) / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
        const text = `${minor < 0 ? '-' : ''}${units},${String(Math.abs(minor) % 100).padStart(2, '0')}`;
        expect(parseCsvAmount(text, 'EUR', comma)).toBe(minor);
      }),
    );
  });
});

describe('parseCsvDate', () => {
  it.each([
    ['2025-03-14', 'YYYY-MM-DD', '2025-03-14'],
    ['14.03.2025', 'DD.MM.YYYY', '2025-03-14'],
    ['4.3.2025', 'DD.MM.YYYY', '2025-03-04'],
    ['14/03/2025', 'DD/MM/YYYY', '2025-03-14'],
    ['03/14/2025', 'MM/DD/YYYY', '2025-03-14'],
    ['14.03.2025 09:41:12', 'DD.MM.YYYY', '2025-03-14'],
    ['2025-03-14T09:41', 'YYYY-MM-DD', '2025-03-14'],
  ] as const)('%s as %s → %s', (text, format, expected) => {
    expect(parseCsvDate(text, format)?.toString()).toBe(expected);
  });

  it.each([
    ['30.02.2025', 'DD.MM.YYYY'],
    ['14/03/2025', 'MM/DD/YYYY'],
    ['14.03.25', 'DD.MM.YYYY'],
    ['14.03.2025 Total', 'DD.MM.YYYY'],
    ['Итого', 'DD.MM.YYYY'],
  ] as const)('refuses %s as %s', (text, format) => {
    expect(parseCsvDate(text, format)).toBeNull();
  });
});
