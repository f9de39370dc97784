import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, date, type PlainDate, Temporal } from '../dates.ts';
import { localDate, sendInstant, type SendWindow } from './send-window.ts';

const time = (text: string) => Temporal.PlainTime.from(text);
const instant = (text: string) => Temporal.Instant.from(text);
const OFFICE: SendWindow = { start: time('09:00'), end: time('17:00') };

function at(args: Parameters<typeof sendInstant>[0]): string {
  const result = sendInstant(args);
  if (!result.ok) throw new Error(result.code);
  return result.value.toInstant().toString();
}

describe('sendInstant: worked examples', () => {
  it('Asia/Ho_Chi_Minh (UTC+7, no DST): 09:00 local is 02:00 UTC', () => {
    // Tuesday 8 April 2025, 09:00 ICT − 7 h = 02:00 UTC
    expect(at({ day: date('2025-04-08'), timeZone: 'Asia/Ho_Chi_Minh', window: OFFICE })).toBe('2025-04-08T02:00:00Z');
  });

  it('sends at once when the tick runs inside the window, tomorrow morning when it has closed', () => {
    // 05:30 UTC = 12:30 ICT: open → now
    expect(at({ day: date('2025-04-08'), timeZone: 'Asia/Ho_Chi_Minh', window: OFFICE, now: instant('2025-04-08T05:30:00Z') })).toBe('2025-04-08T05:30:00Z');
    // 10:00 UTC = 17:00 ICT: the end is excluded → Wednesday 09:00 ICT = 02:00 UTC
    expect(at({ day: date('2025-04-08'), timeZone: 'Asia/Ho_Chi_Minh', window: OFFICE, now: instant('2025-04-08T10:00:00Z') })).toBe('2025-04-09T02:00:00Z');
    // 00:30 UTC = 07:30 ICT: before opening → 09:00 ICT the same day
    expect(at({ day: date('2025-04-08'), timeZone: 'Asia/Ho_Chi_Minh', window: OFFICE, now: instant('2025-04-08T00:30:00Z') })).toBe('2025-04-08T02:00:00Z');
  });

  it('starts from the local date of now when the day is long past', () => {
    // A reminder due more than a year ago, sent by a tick at 12:30 ICT on 8 April 2025: at once
    expect(at({ day: date('2024-01-01'), timeZone: 'Asia/Ho_Chi_Minh', window: OFFICE, now: instant('2025-04-08T05:30:00Z') })).toBe('2025-04-08T05:30:00Z');
  });

  it('Asia/Jakarta: skips the weekend and the organization’s holidays', () => {
    // Good Friday 18 April 2025 is a holiday, then the weekend → Monday 21 April 09:00 WIB = 02:00 UTC
    const window = { ...OFFICE, nonWorkingDates: [date('2025-04-18')] };
    expect(at({ day: date('2025-04-18'), timeZone: 'Asia/Jakarta', window })).toBe('2025-04-21T02:00:00Z');
    expect(at({ day: date('2025-04-19'), timeZone: 'Asia/Jakarta', window: OFFICE })).toBe('2025-04-21T02:00:00Z');
  });

  it('Asia/Jakarta: honours a six-day week', () => {
    // Saturday 19 April with Monday–Saturday working → Saturday 09:00 WIB = 02:00 UTC
    expect(at({ day: date('2025-04-19'), timeZone: 'Asia/Jakarta', window: { ...OFFICE, workingDays: [1, 2, 3, 4, 5, 6] } })).toBe('2025-04-19T02:00:00Z');
  });

  it('Europe/Moscow: a tick in the middle of the local night waits for the morning of the local day', () => {
    // 22:30 UTC on Monday 7 April = 01:30 MSK on Tuesday 8 April → 09:00 MSK = 06:00 UTC on the 8th
    expect(at({ day: date('2025-04-07'), timeZone: 'Europe/Moscow', window: OFFICE, now: instant('2025-04-07T22:30:00Z') })).toBe('2025-04-08T06:00:00Z');
  });

  it('Europe/Bucharest: 09:00 stays 09:00 local across the spring DST change', () => {
    // Friday 28 March, EET (+02:00): 07:00 UTC. Clocks go 03:00 → 04:00 on Sunday 30 March.
    expect(at({ day: date('2025-03-28'), timeZone: 'Europe/Bucharest', window: OFFICE })).toBe('2025-03-28T07:00:00Z');
    // Saturday 29 March → Monday 31 March, EEST (+03:00): 06:00 UTC
    expect(at({ day: date('2025-03-29'), timeZone: 'Europe/Bucharest', window: OFFICE })).toBe('2025-03-31T06:00:00Z');
    // Autumn: clocks go 04:00 → 03:00 on Sunday 26 October; Monday 27 October, EET: 07:00 UTC
    expect(at({ day: date('2025-10-25'), timeZone: 'Europe/Bucharest', window: OFFICE })).toBe('2025-10-27T07:00:00Z');
  });

  it('Europe/Bucharest: a window opening inside the skipped hour opens when the clocks jump', () => {
    // 03:30 does not exist on 30 March; the first instant at or after it is 04:00 EEST = 01:00 UTC
    const sunday = { start: time('03:30'), end: time('05:00'), workingDays: [7] };
    expect(at({ day: date('2025-03-30'), timeZone: 'Europe/Bucharest', window: sunday })).toBe('2025-03-30T01:00:00Z');
    // 03:00 itself is skipped too: also 04:00 EEST
    expect(at({ day: date('2025-03-30'), timeZone: 'Europe/Bucharest', window: { ...sunday, start: time('03:00') } })).toBe('2025-03-30T01:00:00Z');
    // A window wholly inside the skipped hour does not open that day: next Sunday 03:10 EEST = 00:10 UTC
    const swallowed = { start: time('03:10'), end: time('03:50'), workingDays: [7] };
    expect(at({ day: date('2025-03-30'), timeZone: 'Europe/Bucharest', window: swallowed })).toBe('2025-04-06T00:10:00Z');
  });

  it('Europe/Bucharest: in the repeated hour of autumn, opens at the first 03:00 and stays open in the second', () => {
    const sunday = { start: time('03:00'), end: time('03:45'), workingDays: [7] };
    // first 03:00 is EEST (+03:00) = 00:00 UTC
    expect(at({ day: date('2025-10-26'), timeZone: 'Europe/Bucharest', window: sunday })).toBe('2025-10-26T00:00:00Z');
    // 01:10 UTC = 03:10 EET, the second pass: inside the window → now
    expect(at({ day: date('2025-10-26'), timeZone: 'Europe/Bucharest', window: sunday, now: instant('2025-10-26T01:10:00Z') })).toBe('2025-10-26T01:10:00Z');
  });
});

describe('sendInstant: refusals', () => {
  const day = date('2025-04-08');
  it('names the field of a bad configuration', () => {
    expect(sendInstant({ day, timeZone: 'Mars/Olympus', window: OFFICE })).toMatchObject({ ok: false, code: 'TIME_ZONE_INVALID', field: 'timeZone' });
    expect(sendInstant({ day, timeZone: '', window: OFFICE })).toMatchObject({ ok: false, code: 'TIME_ZONE_INVALID' });
    expect(sendInstant({ day, timeZone: 'Asia/Jakarta', window: { start: time('17:00'), end: time('09:00') } })).toMatchObject({ code: 'SEND_WINDOW_INVALID', field: 'window.end' });
    expect(sendInstant({ day, timeZone: 'Asia/Jakarta', window: { start: time('09:00'), end: time('09:00') } })).toMatchObject({ code: 'SEND_WINDOW_INVALID' });
    for (const workingDays of [[], [0], [8], [1.5]]) {
      expect(sendInstant({ day, timeZone: 'Asia/Jakarta', window: { ...OFFICE, workingDays } })).toMatchObject({ code: 'WORKING_DAYS_INVALID', field: 'window.workingDays' });
    }
  });

  it('gives up after a year without an open working day instead of looping', () => {
    // Mondays only, and every Monday of the coming year closed
    const mondays = Array.from({ length: 60 }, (_, i) => addDays(date('2025-04-07'), 7 * i));
    expect(sendInstant({ day, timeZone: 'Asia/Jakarta', window: { ...OFFICE, workingDays: [1], nonWorkingDates: mondays } })).toMatchObject({ ok: false, code: 'NO_SENDING_DAY' });
  });
});

describe('localDate', () => {
  it('is the customer’s calendar date at an instant', () => {
    // 22:30 UTC on 7 April is already 8 April in Moscow (+3) and Jakarta (+7), still 7 April in London (+1)
    expect(localDate(instant('2025-04-07T22:30:00Z'), 'Europe/Moscow')).toEqual(date('2025-04-08'));
    expect(localDate(instant('2025-04-07T22:30:00Z'), 'Asia/Jakarta')).toEqual(date('2025-04-08'));
    expect(localDate(instant('2025-04-07T22:30:00Z'), 'Europe/London')).toEqual(date('2025-04-07'));
  });
});

describe('sendInstant: properties', () => {
  const zones = ['Asia/Ho_Chi_Minh', 'Asia/Jakarta', 'Europe/Moscow', 'Europe/Bucharest'];
  it('lands inside the window, on a working day, not before the day or now, and at the earliest such instant', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 730 }),
        fc.constantFrom(...zones),
        fc.integer({ min: 6, max: 12 }),
        fc.integer({ min: 13, max: 20 }),
        fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 }),
        fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 5 }),
        fc.option(fc.integer({ min: -3 * 86_400, max: 3 * 86_400 }), { nil: undefined }),
        (dayIndex, timeZone, startHour, endHour, workingDays, holidayOffsets, nowOffsetSeconds) => {
          const day = addDays(date('2025-01-01'), dayIndex);
          const nonWorkingDates = holidayOffsets.map((o) => addDays(day, o));
          const window: SendWindow = { start: new Temporal.PlainTime(startHour), end: new Temporal.PlainTime(endHour), workingDays, nonWorkingDates };
          const now = nowOffsetSeconds === undefined ? undefined : day.toZonedDateTime({ timeZone, plainTime: new Temporal.PlainTime(12) }).toInstant().add({ seconds: nowOffsetSeconds });
          const result = sendInstant({ day, timeZone, window, ...(now && { now }) });
          if (!result.ok) throw new Error(result.code);
          const z = result.value;
          const open = (d: PlainDate) => workingDays.includes(d.dayOfWeek) && !nonWorkingDates.some((h) => h.equals(d));
          expect(z.hour).toBeGreaterThanOrEqual(startHour);
          expect(z.hour).toBeLessThan(endHour);
          expect(open(z.toPlainDate())).toBe(true);
          expect(Temporal.PlainDate.compare(z.toPlainDate(), day)).toBeGreaterThanOrEqual(0);
          if (now) expect(Temporal.Instant.compare(z.toInstant(), now)).toBeGreaterThanOrEqual(0);
          // Earliest: every local date before the result (from the first possible one) is closed or its window has passed.
          const localNow = now?.toZonedDateTimeISO(timeZone);
          const first = localNow && Temporal.PlainDate.compare(localNow.toPlainDate(), day) > 0 ? localNow.toPlainDate() : day;
          for (let d = first; Temporal.PlainDate.compare(d, z.toPlainDate()) < 0; d = addDays(d, 1)) {
            const passed = localNow !== undefined && d.equals(localNow.toPlainDate()) && localNow.hour >= endHour;
            expect(!open(d) || passed).toBe(true);
          }
          const opening = z.toPlainDate().toZonedDateTime({ timeZone, plainTime: window.start });
          const expected = localNow && Temporal.ZonedDateTime.compare(localNow, opening) > 0 ? localNow : opening;
          expect(z.toInstant().equals(expected.toInstant())).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
