import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareDates, date } from '../../domain/dates.ts';
import { nextOccurrence, occurrencesBetween, parseRecurrenceRule, type Recurrence } from './recurrence.ts';

const of = (frequency: Recurrence['frequency'], start: string, extra: Partial<Recurrence> = {}): Recurrence => ({ frequency, rrule: null, start: date(start), end: null, ...extra });
const days = (list: readonly { toString(): string }[]) => list.map((d) => d.toString());

describe('fixed frequencies', () => {
  it('keeps the 31st where a month has one and takes the last day elsewhere', () => {
    expect(days(occurrencesBetween(of('monthly', '2025-01-31'), null, date('2025-05-31')))).toEqual(['2025-01-31', '2025-02-28', '2025-03-31', '2025-04-30', '2025-05-31']);
  });

  it('counts weeks, fortnights, quarters and years from the start date', () => {
    expect(days(occurrencesBetween(of('weekly', '2025-01-06'), null, date('2025-01-27')))).toEqual(['2025-01-06', '2025-01-13', '2025-01-20', '2025-01-27']);
    expect(days(occurrencesBetween(of('biweekly', '2025-01-06'), null, date('2025-02-03')))).toEqual(['2025-01-06', '2025-01-20', '2025-02-03']);
    expect(days(occurrencesBetween(of('quarterly', '2024-11-30'), null, date('2025-08-31')))).toEqual(['2024-11-30', '2025-02-28', '2025-05-30', '2025-08-30']);
    expect(days(occurrencesBetween(of('yearly', '2024-02-29'), null, date('2028-03-01')))).toEqual(['2024-02-29', '2025-02-28', '2026-02-28', '2027-02-28', '2028-02-29']);
  });

  it('lists only the days after `after`, through `through`, and stops at the end date', () => {
    const r = of('monthly', '2025-01-15', { end: date('2025-04-15') });
    expect(days(occurrencesBetween(r, date('2025-02-15'), date('2025-12-31')))).toEqual(['2025-03-15', '2025-04-15']);
    expect(nextOccurrence(r, date('2025-03-20'))?.toString()).toBe('2025-04-15');
    expect(nextOccurrence(r, date('2025-04-15'))).toBeNull();
    expect(nextOccurrence(r, null)?.toString()).toBe('2025-01-15');
  });

  it('agrees with itself: the next occurrence is the first listed one (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('weekly', 'biweekly', 'monthly', 'quarterly', 'yearly' as const),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 2000 }),
        (frequency, startOffset, afterOffset) => {
          const r = of(frequency, '2020-01-01');
          const start = r.start.add({ days: startOffset });
          const shifted = { ...r, start };
          const after = start.add({ days: afterOffset });
          const listed = occurrencesBetween(shifted, after, after.add({ years: 2 }));
          expect(listed[0]?.toString()).toBe(nextOccurrence(shifted, after)?.toString());
          for (const [i, d] of listed.entries()) if (i > 0) expect(compareDates(listed[i - 1]!, d)).toBeLessThan(0);
        },
      ),
    );
  });
});

describe('RFC 5545 rules', () => {
  it('expands a rule from the schedule start', () => {
    const rule = parseRecurrenceRule('RRULE:FREQ=MONTHLY;BYMONTHDAY=-1', date('2025-01-10'));
    expect(rule).toEqual({ ok: true, value: 'FREQ=MONTHLY;BYMONTHDAY=-1' });
    const r: Recurrence = { frequency: 'rrule', rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1', start: date('2025-01-10'), end: null };
    expect(days(occurrencesBetween(r, null, date('2025-04-30')))).toEqual(['2025-01-31', '2025-02-28', '2025-03-31', '2025-04-30']);
    expect(days(occurrencesBetween(r, date('2025-02-28'), date('2025-04-01')))).toEqual(['2025-03-31']);
    expect(nextOccurrence(r, date('2025-03-31'))?.toString()).toBe('2025-04-30');
  });

  it('honours COUNT and UNTIL', () => {
    const counted: Recurrence = { frequency: 'rrule', rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=2', start: date('2025-01-01'), end: null };
    expect(days(occurrencesBetween(counted, null, date('2025-12-31')))).toEqual(['2025-01-06', '2025-01-13']);
    expect(nextOccurrence(counted, date('2025-01-13'))).toBeNull();
    const until: Recurrence = { frequency: 'rrule', rrule: 'FREQ=DAILY;UNTIL=20250103T000000Z', start: date('2025-01-01'), end: null };
    expect(days(occurrencesBetween(until, null, date('2025-01-31')))).toEqual(['2025-01-01', '2025-01-02', '2025-01-03']);
  });

  it.each([
    ['', 'RRULE_INVALID'],
    ['FREQ=HOURLY', 'RRULE_INVALID'],
    ['FREQ=SECONDLY;INTERVAL=1', 'RRULE_INVALID'],
    ['FREQ=MONTHLY;FOO=1', 'RRULE_INVALID'],
    ['DTSTART=20250101;FREQ=DAILY', 'RRULE_INVALID'],
    ['FREQ=DAILY\nEXDATE:20250102', 'RRULE_INVALID'],
    ['FREQ=DAILY;INTERVAL=0', 'RRULE_INVALID'],
    ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', 'RRULE_NEVER_OCCURS'],
    ['<script>alert(1)</script>', 'RRULE_INVALID'],
    ['FREQ=DAILY;'.repeat(60), 'RRULE_INVALID'],
  ])('refuses %j with %s', (text, code) => {
    const result = parseRecurrenceRule(text, date('2025-01-01'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect([result.code, result.field]).toEqual([code, 'rrule']);
  });
});
