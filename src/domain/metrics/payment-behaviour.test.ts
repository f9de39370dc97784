import { describe, expect, it } from 'vitest';
import { date } from '../dates.ts';
import { paymentBehaviour } from './payment-behaviour.ts';
import { HISTORY_AS_OF, historyLedger } from './test-support.ts';

describe('payment behaviour', () => {
  it('summarises paid invoices per customer', () => {
    expect(paymentBehaviour(historyLedger, HISTORY_AS_OF)).toEqual([
      {
        customerId: 'K',
        // K1, K2, K3 (K4 was credited, K5 and K6 are open at 30 Jun)
        paidInvoices: 3,
        paidLate: 2,
        // 2 ÷ 3 = 6 666.67 bp → 6 667
        paidLateShareBp: 6667,
        // (0 + 10 + 30) ÷ 3 = 13.33 → 13.3
        averageDaysLateTenths: 133,
        // (0 × 100 000 + 10 × 300 000 + 30 × 50 000) ÷ 450 000 = 4 500 000 ÷ 450 000 = 10.0
        weightedAverageDaysLateTenths: 100,
        // (30 + 40 + 60) ÷ 3 = 43.33 → 43.3
        averageDaysToPayTenths: 433,
      },
      // L1 paid 5 days early: counts as 0 days late, not −5.
      { customerId: 'L', paidInvoices: 1, paidLate: 0, paidLateShareBp: 0, averageDaysLateTenths: 0, weightedAverageDaysLateTenths: 0, averageDaysToPayTenths: 250 },
    ]);
  });

  it('forgets invoices paid before paidSince', () => {
    // Only K3 (paid 30 Apr) and L1 (paid 26 May) remain.
    const recent = paymentBehaviour(historyLedger, HISTORY_AS_OF, { paidSince: date('2025-04-01') });
    expect(recent[0]).toEqual({
      customerId: 'K',
      paidInvoices: 1,
      paidLate: 1,
      paidLateShareBp: 10_000,
      averageDaysLateTenths: 300,
      weightedAverageDaysLateTenths: 300,
      averageDaysToPayTenths: 600,
    });
  });

  it('sees only what was paid by asOf', () => {
    // On 12 Mar only K1 is paid; K2's last payment is on 13 Mar.
    const early = paymentBehaviour(historyLedger, date('2025-03-12'));
    expect(early.map((b) => [b.customerId, b.paidInvoices])).toEqual([['K', 1]]);
  });
});
