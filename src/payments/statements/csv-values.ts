import { parseDate, type PlainDate } from '../../domain/dates.ts';
import { parseAmount } from '../../domain/money.ts';
import type { CsvDateFormat, CsvMapping } from './csv-mapping.ts';

const DATE_SHAPES: Readonly<Record<CsvDateFormat, RegExp>> = {
  'YYYY-MM-DD': /^(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2})/,
  'DD.MM.YYYY': /^(?<d>\d{1,2})\.(?<m>\d{1,2})\.(?<y>\d{4})/,
  'DD/MM/YYYY': /^(?<d>\d{1,2})\/(?<m>\d{1,2})\/(?<y>\d{4})/,
  'MM/DD/YYYY': /^(?<m>\d{1,2})\/(?<d>\d{1,2})\/(?<y>\d{4})/,
};

/** A date cell in the mapped format, optionally followed by a time ("15.03.2025 10:22:05"). */
export function parseCsvDate(text: string, format: CsvDateFormat): PlainDate | null {
  const cell = text.trim();
  const m = DATE_SHAPES[format].exec(cell);
  if (!m?.groups) return null;
  const rest = cell.slice(m[0].length);
  if (rest !== '' && !/^[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(rest)) return null;
  const { y = '', m: month = '', d = '' } = m.groups;
  return parseDate(`${y}-${month.padStart(2, '0')}-${d.padStart(2, '0')}`);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * An amount cell written the bank's way ("1.234,56", "5,000,000", "1 234,56", "(12.50)", "100,00-")
 * as signed minor units, or null. Thousands groups must be groups of three, and the decimal separator is
 * the only one allowed, so "1.234" in a file that says decimals are commas is refused, not read as 1.234.
 */
export function parseCsvAmount(text: string, currency: string, format: Pick<CsvMapping, 'decimalSeparator' | 'thousandsSeparator'>): number | null {
  let cell = text.trim().replace(/[\u00A0\u202F]/g, ' ').replace(/\u2212/g, '-');
  let negative = false;
  if (cell.startsWith('(') && cell.endsWith(')')) {
    negative = true;
    cell = cell.slice(1, -1).trim();
  }
  if (cell.startsWith('-') || cell.startsWith('+')) {
    negative = negative !== cell.startsWith('-');
    cell = cell.slice(1).trim();
  } else if (cell.endsWith('-')) {
    negative = !negative;
    cell = cell.slice(0, -1).trim();
  }
  const decimal = escape(format.decimalSeparator);
  const thousands = format.thousandsSeparator ? escape(format.thousandsSeparator) : '';
  const grouped = thousands ? new RegExp(`^\\d{1,3}(?:${thousands}\\d{3})+(?:${decimal}\\d+)?$`) : null;
  const plain = new RegExp(`^\\d+(?:${decimal}\\d+)?$`);
  if (!plain.test(cell) && !grouped?.test(cell)) return null;
  const digits = (thousands ? cell.split(format.thousandsSeparator as string).join('') : cell).replace(format.decimalSeparator, '.');
  return parseAmount(negative ? `-${digits}` : digits, currency);
}
