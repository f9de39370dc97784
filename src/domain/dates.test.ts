import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, compareDates, date, daysBetween, epochDay, fromEpochDay, parseDate, Temporal } from './dates.ts';

// The integer day arithmetic must agree with Temporal's own, everywhere a business date can fall.
const anyDate = fc.date({ min: new Date('1600-01-01T00:00:00Z'), max: new Date('2400-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => Temporal.PlainDate.from(d.toISOString().slice(0, 10)));

describe('day arithmetic', () => {
  it('counts days from 1970-01-01, leap years included', () => {
    expect(epochDay(date('1970-01-01'))).toBe(0);
    expect(epochDay(date('2000-03-01'))).toBe(11_017);
    expect(fromEpochDay(-1).toString()).toBe('1969-12-31');
    expect(addDays(date('2024-02-28'), 1).toString()).toBe('2024-02-29');
    expect(addDays(date('2100-02-28'), 1).toString()).toBe('2100-03-01');
    expect(daysBetween(date('2025-01-31'), date('2025-03-01'))).toBe(29);
  });

  it('agrees with Temporal for adding, counting and comparing', () => {
    fc.assert(
      fc.property(anyDate, anyDate, fc.integer({ min: -40_000, max: 40_000 }), (a, b, n) => {
        expect(addDays(a, n).toString()).toBe(a.add({ days: n }).toString());
        expect(daysBetween(a, b)).toBe(a.until(b, { largestUnit: 'day' }).days);
        expect(Math.sign(compareDates(a, b))).toBe(Temporal.PlainDate.compare(a, b));
        expect(fromEpochDay(epochDay(a)).equals(a)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('parses strictly, and the same text twice gives the same answer', () => {
    expect(parseDate('2025-02-30')).toBeNull();
    expect(parseDate('2025-02-30')).toBeNull();
    expect(parseDate('2025-2-3')).toBeNull();
    expect(parseDate('2024-02-29')?.toString()).toBe('2024-02-29');
    expect(parseDate('2024-02-29')?.toString()).toBe('2024-02-29');
  });
});
