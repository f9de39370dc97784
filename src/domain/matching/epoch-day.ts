import type { PlainDate } from '../dates.ts';

/**
 * Days since 1970-01-01 for a calendar date, so the matcher can sort and binary-search due dates as plain
 * integers (Temporal arithmetic is far too slow to run inside a loop over 100,000 invoices).
 * Proleptic Gregorian "days from civil" (Howard Hinnant's algorithm).
 */
export function epochDay(d: PlainDate): number {
  const y = d.month <= 2 ? d.year - 1 : d.year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (d.month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + d.day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
