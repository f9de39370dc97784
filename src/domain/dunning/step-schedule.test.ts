import { describe, expect, it } from 'vitest';
import { addDays, compareDates } from '../dates.ts';
import { planDunning } from './plan-dunning.ts';
import { nextOccurrenceOn } from './step-schedule.ts';
import { done, doneThrough, DUE, dueDay, dunningInput, STANDARD_POLICY } from './test-fixtures.ts';

const steps = STANDARD_POLICY.steps;

describe('nextOccurrenceOn', () => {
  it('is the first step day when nothing is done', () => {
    // first step −5: 31 March − 5 = 26 March
    expect(nextOccurrenceOn(steps, DUE, null, [])).toEqual(dueDay(-5));
  });

  it('is the first step not yet done, even when it fell earlier (owed)', () => {
    expect(nextOccurrenceOn(steps, DUE, null, doneThrough(1))).toEqual(dueDay(7));
    expect(nextOccurrenceOn(steps, DUE, null, [done('before', dueDay(-5))])).toEqual(DUE);
  });

  it('counts a repeat from the day the previous occurrence was done, and ends after the last repeat', () => {
    // after30 done on +31 (a day late): the repeat falls 14 days after that, on +45
    const history = [...doneThrough(14), done('after30', dueDay(31))];
    expect(nextOccurrenceOn(steps, DUE, null, history)).toEqual(dueDay(45));
    // maxRepeats 3: occurrences 1 to 4, then nothing more
    const finished = [...doneThrough(14), ...[1, 2, 3, 4].map((n) => done('after30', dueDay(30 + 14 * (n - 1)), n))];
    expect(nextOccurrenceOn(steps, DUE, null, finished)).toBeNull();
  });

  it('reads only the rows of its own installment', () => {
    const history = [done('before', dueDay(-5), 1, 2)];
    expect(nextOccurrenceOn(steps, DUE, null, history)).toEqual(dueDay(-5));
    expect(nextOccurrenceOn(steps, DUE, 2, history)).toEqual(DUE);
  });

  it('never lies after a day on which the planner would act', () => {
    // For every history of a daily tick and every later day before the bound, the planner finds nothing owed.
    for (let last = -6; last <= 60; last++) {
      const history = doneThrough(last);
      const bound = nextOccurrenceOn(steps, DUE, null, history);
      for (let day = addDays(dueDay(last), 1); bound && compareDates(day, bound) < 0; day = addDays(day, 1)) {
        expect(planDunning(dunningInput(day, { history })).actions).toEqual([]);
      }
      if (bound) expect(planDunning(dunningInput(bound, { history })).actions.length).toBeGreaterThan(0);
    }
  });
});
