import { addDays, compareDates, type PlainDate } from '../dates.ts';
import type { DoneStep } from './actions.ts';
import type { DunningStep } from './policy.ts';

export interface Occurrence {
  readonly step: DunningStep;
  readonly occurrence: number;
  readonly installment: number | null;
  readonly dueOn: PlainDate;
  /** A later step of the same schedule is already done, so sending this one now would step back. */
  readonly superseded: boolean;
}

/**
 * The next occurrence of a step. The first falls on anchor + offset. A repeat of the last step falls
 * `repeatEveryDays` after the day the previous occurrence was done, not on a grid from the due date: after
 * downtime or a pause the repeat goes out once and the rhythm restarts from there, so the customer never
 * gets two repeats in a row to make up for lost days.
 */
function nextOccurrence(step: DunningStep, anchor: PlainDate, done: readonly DoneStep[]): { occurrence: number; dueOn: PlainDate } | null {
  if (done.length === 0) return { occurrence: 1, dueOn: addDays(anchor, step.offsetDays) };
  if (step.repeatEveryDays === undefined) return null;
  const last = done.reduce((a, b) => (b.occurrence > a.occurrence ? b : a));
  if (step.maxRepeats !== undefined && last.occurrence > step.maxRepeats) return null;
  return { occurrence: last.occurrence + 1, dueOn: addDays(last.on, step.repeatEveryDays) };
}

/**
 * Occurrences of a schedule (a policy's steps anchored at the invoice's due date, or installment steps
 * anchored at an installment's due date) that are due on or before `today` and not done yet, earliest first.
 * `history` may hold the whole invoice's history: only the rows of this schedule's installment count.
 */
export function owedOccurrences(
  steps: readonly DunningStep[],
  anchor: PlainDate,
  installment: number | null,
  history: readonly DoneStep[],
  today: PlainDate,
): Occurrence[] {
  const doneByStep = new Map<string, DoneStep[]>();
  for (const d of history) {
    if ((d.installment ?? null) !== installment) continue;
    const list = doneByStep.get(d.stepId);
    if (list) list.push(d);
    else doneByStep.set(d.stepId, [d]);
  }
  const lastDoneIndex = steps.findLastIndex((s) => doneByStep.has(s.id));
  const owed: Occurrence[] = [];
  steps.forEach((step, i) => {
    const next = nextOccurrence(step, anchor, doneByStep.get(step.id) ?? []);
    if (!next || compareDates(next.dueOn, today) > 0) return;
    owed.push({ step, installment, ...next, superseded: i < lastDoneIndex });
  });
  return owed.sort((a, b) => compareDates(a.dueOn, b.dueOn));
}

/**
 * The earliest day on which a step of this schedule not yet done falls (it may be today or earlier when owed),
 * or null when every step is done for good. A caller that stores when to look at an invoice again uses it:
 * nothing in this schedule can become owed before that day.
 */
export function nextOccurrenceOn(
  steps: readonly DunningStep[],
  anchor: PlainDate,
  installment: number | null,
  history: readonly DoneStep[],
): PlainDate | null {
  let earliest: PlainDate | null = null;
  for (const step of steps) {
    const done = history.filter((d) => d.stepId === step.id && (d.installment ?? null) === installment);
    const next = nextOccurrence(step, anchor, done);
    if (next && (earliest === null || compareDates(next.dueOn, earliest) < 0)) earliest = next.dueOn;
  }
  return earliest;
}
