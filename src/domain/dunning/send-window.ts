import { epochDay, type PlainDate, Temporal } from '../dates.ts';
import { failure, type Failure, type Result, success } from '../result.ts';

export interface SendWindow {
  /** Local wall-clock time the window opens, included. */
  readonly start: Temporal.PlainTime;
  /** Local wall-clock time it closes, excluded; later than start (a window never spans midnight). */
  readonly end: Temporal.PlainTime;
  /** ISO weekdays, 1 = Monday … 7 = Sunday; DEFAULT_WORKING_DAYS when absent. */
  readonly workingDays?: readonly number[];
  /** The organization's non-working dates (public holidays, closures), read as the customer's local dates. */
  readonly nonWorkingDates?: readonly PlainDate[];
}

export const DEFAULT_WORKING_DAYS: readonly number[] = [1, 2, 3, 4, 5];
/** A window that opens on no day of the coming year is a configuration error, not a reason to loop. */
export const MAX_SEARCH_DAYS = 366;

export type SendWindowErrorCode = 'TIME_ZONE_INVALID' | 'SEND_WINDOW_INVALID' | 'WORKING_DAYS_INVALID' | 'NO_SENDING_DAY';

export interface SendWindowError extends Failure {
  readonly code: SendWindowErrorCode;
  readonly field: string;
}

function windowError(code: SendWindowErrorCode, message: string, field: string): SendWindowError {
  return failure(code, message, field) as SendWindowError;
}

/**
 * Whether Temporal knows the zone. Asked of Temporal itself rather than of Intl.supportedValuesOf, whose list
 * (ICU 78 in Node 20) holds only legacy canonical names: it has Asia/Saigon but not Asia/Ho_Chi_Minh.
 */
function isKnownTimeZone(timeZone: string): boolean {
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The customer's calendar date at an instant: the "today" the dunning planner takes. */
export function localDate(instant: Temporal.Instant, timeZone: string): PlainDate {
  const key = `${timeZone}|${instant.epochMilliseconds}`;
  let date = localDates.get(key);
  if (!date) {
    date = instant.toZonedDateTimeISO(timeZone).toPlainDate();
    if (localDates.size >= ANSWERS_PER_WINDOW) localDates.clear();
    localDates.set(key, date);
  }
  return date;
}

// A tick asks it for every customer at one instant: one conversion per time zone instead of per customer.
const localDates = new Map<string, PlainDate>();

/**
 * The first instant on a local day at or after a wall-clock time. When a DST change skips that time (clocks
 * jump from 03:00 to 04:00 and the window opens at 03:30), it is the moment the clocks jump, 04:00 local: the
 * earliest instant whose wall-clock time is not before the opening.
 */
function opening(day: PlainDate, timeZone: string, start: Temporal.PlainTime): Temporal.ZonedDateTime {
  const at = day.toZonedDateTime({ timeZone, plainTime: start });
  if (at.toPlainTime().equals(start)) return at;
  const beforeGap = day.toPlainDateTime(start).toZonedDateTime(timeZone, { disambiguation: 'earlier' });
  return beforeGap.getTimeZoneTransition('next') ?? at;
}

/**
 * When to send a message due on `day` to a customer: the first instant inside the business-hours window, in
 * the customer's time zone, on a working weekday that is not a non-working date, on or after `day`, and not
 * before `now` when given (a tick running at 15:00 sends at once if the window is open, and tomorrow
 * morning if it has closed). Wall-clock times are the customer's, so across a DST change 09:00 stays 09:00
 * local while its UTC instant moves by an hour.
 */
export function sendInstant(args: SendInstantArgs): Result<Temporal.ZonedDateTime> {
  let known = answers.get(args.window);
  if (!known) answers.set(args.window, (known = new Map()));
  const key = `${args.timeZone}|${epochDay(args.day)}|${args.now?.epochMilliseconds ?? ''}`;
  const hit = known.get(key);
  if (hit) return hit;
  const answer = findSendInstant(args);
  if (known.size >= ANSWERS_PER_WINDOW) known.clear();
  known.set(key, answer);
  return answer;
}

export interface SendInstantArgs {
  readonly day: PlainDate;
  readonly timeZone: string;
  readonly window: SendWindow;
  readonly now?: Temporal.Instant;
}

// A tick asks the same question for every customer of a time zone (same window, same day, same instant), and
// the answer costs dozens of Temporal time-zone conversions. Answers are kept per window object (a tick's
// settings; they go with it) and are immutable values, so sharing them changes nothing.
const answers = new WeakMap<SendWindow, Map<string, Result<Temporal.ZonedDateTime>>>();
const ANSWERS_PER_WINDOW = 10_000;

function findSendInstant(args: SendInstantArgs): Result<Temporal.ZonedDateTime> {
  const { day, timeZone, window, now } = args;
  if (!isKnownTimeZone(timeZone)) return windowError('TIME_ZONE_INVALID', `Unknown time zone ${timeZone}`, 'timeZone');
  if (Temporal.PlainTime.compare(window.start, window.end) >= 0) {
    return windowError('SEND_WINDOW_INVALID', 'The window must open before it closes on the same day', 'window.end');
  }
  const workingDays = window.workingDays ?? DEFAULT_WORKING_DAYS;
  if (workingDays.length === 0 || workingDays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
    return windowError('WORKING_DAYS_INVALID', 'Working days are ISO weekdays 1 (Monday) to 7 (Sunday)', 'window.workingDays');
  }
  const closed = new Set((window.nonWorkingDates ?? []).map((d) => d.toString()));
  const localNow = now?.toZonedDateTimeISO(timeZone);
  let candidate = localNow && Temporal.PlainDate.compare(localNow.toPlainDate(), day) > 0 ? localNow.toPlainDate() : day;
  for (let i = 0; i < MAX_SEARCH_DAYS; i++, candidate = candidate.add({ days: 1 })) {
    if (!workingDays.includes(candidate.dayOfWeek) || closed.has(candidate.toString())) continue;
    const open = opening(candidate, timeZone, window.start);
    if (!open.toPlainDate().equals(candidate) || Temporal.PlainTime.compare(open.toPlainTime(), window.end) >= 0) continue;
    if (!localNow || Temporal.ZonedDateTime.compare(localNow, open) <= 0) return success(open);
    if (localNow.toPlainDate().equals(candidate) && Temporal.PlainTime.compare(localNow.toPlainTime(), window.end) < 0) return success(localNow);
  }
  return windowError('NO_SENDING_DAY', `No working day with an open window within ${MAX_SEARCH_DAYS} days`, 'window');
}
