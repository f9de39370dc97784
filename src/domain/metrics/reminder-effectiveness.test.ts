import { describe, expect, it } from 'vitest';
import { date } from '../dates.ts';
import { type ReminderSend, reminderEffectiveness } from './reminder-effectiveness.ts';
import { HISTORY_AS_OF, historyLedger } from './test-support.ts';

const send = (invoiceId: string, stepId: string, sentOn: string): ReminderSend => ({ invoiceId, stepId, sentOn: date(sentOn) });

// Window 7 days. Paid dates from the shared history: K1 31 Jan, K2 13 Mar, K3 30 Apr; K5 and K6 unpaid at 30 Jun.
const sends = [
  send('K2', 'd+1', '2025-03-04'), // paid 13 Mar = 9 days later → not within 7
  send('K2', 'd+1', '2025-03-05'), // a repeat of the same step: only the first send counts
  send('K3', 'd+1', '2025-04-01'), // paid 29 days later → not within
  send('K6', 'd+1', '2025-06-01'), // window ended 8 Jun, still unpaid → not within
  send('K1', 'd+1', '2025-02-01'), // K1 was paid on 31 Jan: sent after payment
  send('K5', 'd+1', '2025-06-28'), // window ends 5 Jul, after asOf: pending
  send('K2', 'd+7', '2025-03-10'), // paid 3 days later → within
  send('K3', 'd+7', '2025-04-07'), // paid 23 days later → not within
  send('K3', 'd+30', '2025-04-30'), // paid the same day → within
  send('ZZ', 'd+30', '2025-04-30'), // not in this ledger: ignored
  send('K6', 'd+30', '2025-07-01'), // after asOf: ignored
];

describe('reminder effectiveness', () => {
  it('gives, per step, the share of reminded invoices paid within the window', () => {
    const result = reminderEffectiveness(historyLedger, sends, HISTORY_AS_OF, 7);
    expect(result.ok && result.value).toEqual([
      // K2, K3, K6 reminded and none paid within 7 days: 0 ÷ 3
      { stepId: 'd+1', reminded: 3, paidWithinWindow: 0, paidWithinWindowShareBp: 0, pending: 1, sentAfterPayment: 1 },
      // K3 paid on the send day: 1 ÷ 1
      { stepId: 'd+30', reminded: 1, paidWithinWindow: 1, paidWithinWindowShareBp: 10_000, pending: 0, sentAfterPayment: 0 },
      // K2 within, K3 not: 1 ÷ 2
      { stepId: 'd+7', reminded: 2, paidWithinWindow: 1, paidWithinWindowShareBp: 5_000, pending: 0, sentAfterPayment: 0 },
    ]);
  });

  it('widens with the window', () => {
    // 30 days: K2 (9 days) and K3 (29 days) are now within for d+1: 2 ÷ 2. K6's window (1 Jun + 30 = 1 Jul)
    // has not ended by 30 Jun, so K6 joins K5 as pending.
    const result = reminderEffectiveness(historyLedger, sends, HISTORY_AS_OF, 30);
    expect(result.ok && result.value[0]).toMatchObject({ stepId: 'd+1', reminded: 2, paidWithinWindow: 2, paidWithinWindowShareBp: 10_000, pending: 2 });
  });

  it('has no share while every window is still open', () => {
    const result = reminderEffectiveness(historyLedger, [send('K5', 'd+1', '2025-06-28')], HISTORY_AS_OF);
    expect(result.ok && result.value).toEqual([{ stepId: 'd+1', reminded: 0, paidWithinWindow: 0, paidWithinWindowShareBp: null, pending: 1, sentAfterPayment: 0 }]);
  });

  it.each([-1, 91, 2.5])('refuses a window of %d days', (windowDays) => {
    const result = reminderEffectiveness(historyLedger, sends, HISTORY_AS_OF, windowDays);
    expect(result.ok || [result.code, result.field]).toEqual(['INVALID_WINDOW', 'windowDays']);
  });
});
