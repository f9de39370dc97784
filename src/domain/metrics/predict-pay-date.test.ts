import { describe, expect, it } from 'vitest';
import { DEFAULT_PREDICTION_OPTIONS, predictPayDates, weightedMedian } from './predict-pay-date.ts';
import { HISTORY_AS_OF, historyLedger, invoice, ledgerOf } from './test-support.ts';

describe('weighted median', () => {
  it('is the first value at which half the weight is reached', () => {
    // Sorted −5 (60), 0 (100), 10 (300), 30 (50); total 510, half 255. Running 60, 160, 460 ≥ 255 → 10.
    expect(weightedMedian([{ daysAfterDue: 30, weight: 50 }, { daysAfterDue: 10, weight: 300 }, { daysAfterDue: -5, weight: 60 }, { daysAfterDue: 0, weight: 100 }])).toBe(10);
    // Two equal weights: the lower one, a value that really occurred.
    expect(weightedMedian([{ daysAfterDue: 10, weight: 1 }, { daysAfterDue: 0, weight: 1 }])).toBe(0);
    // One heavy invoice outweighs many light ones.
    expect(weightedMedian([{ daysAfterDue: 2, weight: 1 }, { daysAfterDue: 3, weight: 1 }, { daysAfterDue: 40, weight: 10 }])).toBe(40);
  });
});

describe('predicted pay dates', () => {
  const byId = (options = DEFAULT_PREDICTION_OPTIONS) => new Map(predictPayDates(historyLedger, HISTORY_AS_OF, options).map((p) => [p.invoiceId, p]));

  it('uses the customer history, then the organization, and never a day before today', () => {
    const predictions = byId();
    // K has 3 paid invoices: days after due 0 (100 000), 10 (300 000), 30 (50 000); half of 450 000 is reached at 10.
    // K5 due 27 Jun + 10 = 7 Jul.
    expect(predictions.get('K5')).toMatchObject({
      predictedPayDate: HISTORY_AS_OF.add({ days: 7 }),
      basis: { kind: 'customer', sampleSize: 3, medianDaysAfterDue: 10 },
      clampedToToday: false,
      openBalance: 70_000,
    });
    // K6 due 31 May + 10 = 10 Jun, already past: today.
    expect(predictions.get('K6')).toMatchObject({ predictedPayDate: HISTORY_AS_OF, clampedToToday: true, openBalance: 40_000 });
    // L has one paid invoice (< 3): the organization's K1, K2, K3, L1 — weights 100 000, 300 000, 50 000, 60 000;
    // sorted −5, 0, 10, 30, running 60 000, 160 000, 460 000 ≥ 255 000 → 10. L2 due 20 Jul → 30 Jul.
    expect(predictions.get('L2')).toMatchObject({ predictedPayDate: HISTORY_AS_OF.add({ days: 30 }), basis: { kind: 'organization', sampleSize: 4, medianDaysAfterDue: 10 } });
    // M is new: the organization as well. M1 due 10 Jul → 20 Jul.
    expect(predictions.get('M1')?.predictedPayDate.toString()).toBe('2025-07-20');
    expect([...predictions.keys()].sort()).toEqual(['K5', 'K6', 'L2', 'M1']);
  });

  it('lists the soonest first', () => {
    const order = predictPayDates(historyLedger, HISTORY_AS_OF).map((p) => p.invoiceId);
    // K6 30 Jun, K5 7 Jul, M1 20 Jul, L2 30 Jul
    expect(order).toEqual(['K6', 'K5', 'M1', 'L2']);
  });

  it('looks at the most recent paid invoices only', () => {
    // Window 1: K's latest is K3 (paid 30 Apr, 30 days after due) → K5 27 Jun + 30 = 27 Jul.
    const predictions = byId({ customerWindow: 1, organizationWindow: 250, minHistory: 1 });
    expect(predictions.get('K5')?.predictedPayDate.toString()).toBe('2025-07-27');
    // L's own single invoice, paid 5 days early: L2 due 20 Jul − 5 = 15 Jul.
    expect(predictions.get('L2')).toMatchObject({ basis: { kind: 'customer', sampleSize: 1, medianDaysAfterDue: -5 } });
    expect(predictions.get('L2')?.predictedPayDate.toString()).toBe('2025-07-15');
  });

  it('falls back to the due date without enough history anywhere', () => {
    const predictions = byId({ ...DEFAULT_PREDICTION_OPTIONS, minHistory: 5 });
    expect(predictions.get('L2')).toMatchObject({ basis: { kind: 'none', sampleSize: 0, medianDaysAfterDue: 0 } });
    expect(predictions.get('L2')?.predictedPayDate.toString()).toBe('2025-07-20');
    const fresh = predictPayDates(ledgerOf([invoice('n', 'N', '2025-06-01', '2025-06-15', 100)]), HISTORY_AS_OF);
    expect(fresh.map((p) => [p.predictedPayDate.toString(), p.basis.kind, p.clampedToToday])).toEqual([['2025-06-30', 'none', true]]);
  });

  it('treats nonsense options as a bug', () => {
    expect(() => predictPayDates(historyLedger, HISTORY_AS_OF, { ...DEFAULT_PREDICTION_OPTIONS, customerWindow: 0 })).toThrow(RangeError);
  });
});
