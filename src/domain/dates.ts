import { Temporal } from 'temporal-polyfill';

export { Temporal };
export type PlainDate = Temporal.PlainDate;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Parse "YYYY-MM-DD" strictly (no overflow clamping: 2025-02-30 is refused). Returns null when invalid. */
export function parseDate(text: string): PlainDate | null {
  if (!ISO_DATE.test(text)) return null;
  try {
    return Temporal.PlainDate.from(text, { overflow: 'reject' });
  } catch {
    return null;
  }
}

export function date(text: string): PlainDate {
  const d = parseDate(text);
  if (!d) throw new RangeError(`Invalid date ${text}`);
  return d;
}

export function compareDates(a: PlainDate, b: PlainDate): number {
  return Temporal.PlainDate.compare(a, b);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: PlainDate, to: PlainDate): number {
  return from.until(to, { largestUnit: 'day' }).days;
}

export function addDays(d: PlainDate, days: number): PlainDate {
  return d.add({ days });
}

export function maxDate(a: PlainDate, b: PlainDate): PlainDate {
  return compareDates(a, b) >= 0 ? a : b;
}
