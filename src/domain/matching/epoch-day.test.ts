import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Temporal, date, daysBetween } from '../dates.ts';
import { epochDay } from './epoch-day.ts';

describe('epochDay', () => {
  it('counts from 1970-01-01', () => {
    expect(epochDay(date('1970-01-01'))).toBe(0);
    expect(epochDay(date('1969-12-31'))).toBe(-1);
    // 2000-01-01 is 30·365 + 7 leap days (1972 … 1996) = 10957; + 31 (Jan) + 29 (Feb 2000) = 11017
    expect(epochDay(date('2000-03-01'))).toBe(11_017);
  });

  it('agrees with Temporal for any date', () => {
    const origin = date('1970-01-01');
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (offset) => {
        const d = origin.add({ days: offset });
        expect(epochDay(d)).toBe(daysBetween(origin, d));
        expect(Temporal.PlainDate.compare(d, origin)).toBe(Math.sign(offset));
      }),
    );
  });
});
