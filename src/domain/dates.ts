import { Temporal } from 'temporal-polyfill';

export { Temporal };
export type PlainDate = Temporal.PlainDate;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

// Day arithmetic runs millions of times in a dunning tick (every step of every open invoice), and the
// Temporal polyfill's general-purpose add/until/from cost microseconds each. Days are therefore counted as
// integers since 1970-01-01 (Howard Hinnant's civil-calendar algorithms), and the PlainDate of each day is
// made once and shared: PlainDate is immutable, and a tick touches only a few thousand distinct days.

const byEpochDay = new Map<number, PlainDate>();
const byText = new Map<string, PlainDate | null>();
const CACHE_LIMIT = 50_000;

/** Days since 1970-01-01 of a proleptic Gregorian date. */
export function epochDay(d: PlainDate): number {
  return epochDayOf(d.year, d.month, d.day);
}

function epochDayOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The date `n` days after 1970-01-01. */
export function fromEpochDay(n: number): PlainDate {
  const cached = byEpochDay.get(n);
  if (cached) return cached;
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const result = new Temporal.PlainDate(yoe + era * 400 + (month <= 2 ? 1 : 0), month, day);
  if (byEpochDay.size >= CACHE_LIMIT) byEpochDay.clear();
  byEpochDay.set(n, result);
  return result;
}

/** Parse "YYYY-MM-DD" strictly (no overflow clamping: 2025-02-30 is refused). Returns null when invalid. */
export function parseDate(text: string): PlainDate | null {
  const cached = byText.get(text);
  if (cached !== undefined) return cached;
  let result: PlainDate | null = null;
  if (ISO_DATE.test(text)) {
    try {
      result = Temporal.PlainDate.from(text, { overflow: 'reject' });
    } catch {
      result = null;
    }
  }
  if (byText.size >= CACHE_LIMIT) byText.clear();
  byText.set(text, result);
  return result;
}

export function date(text: string): PlainDate {
  const d = parseDate(text);
  if (!d) throw new RangeError(`Invalid date ${text}`);
  return d;
}

export function compareDates(a: PlainDate, b: PlainDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: PlainDate, to: PlainDate): number {
  return epochDay(to) - epochDay(from);
}

export function addDays(d: PlainDate, days: number): PlainDate {
  return fromEpochDay(epochDay(d) + days);
}

export function maxDate(a: PlainDate, b: PlainDate): PlainDate {
  return compareDates(a, b) >= 0 ? a : b;
}
