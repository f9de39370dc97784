import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { date } from '../dates.ts';
import type { SendAction } from './actions.ts';
import { BATCH_TEMPLATE_KEY, batchReminders } from './batch-reminders.ts';
import { batchReminderKey, singleReminderKey } from './idempotency-key.ts';
import { DUNNING_CHANNELS } from './policy.ts';

const today = date('2025-04-08');

function send(overrides: Partial<SendAction> = {}): SendAction {
  return {
    kind: 'send',
    invoiceId: 'inv-1',
    customerId: 'cus-1',
    stepId: 'after7',
    occurrence: 1,
    installment: null,
    channel: 'email',
    tone: 'firm',
    templateKey: 'overdue_7',
    dueOn: today,
    paymentDueDate: date('2025-04-01'),
    currency: 'EUR',
    amountMinor: 10_000,
    reason: 'DUE_TODAY',
    ...overrides,
  };
}

describe('batchReminders', () => {
  it('sends a lone reminder as itself, keyed by invoice, step and occurrence', () => {
    const { messages, deferred } = batchReminders([send()], today);
    expect(deferred).toEqual([]);
    expect(messages).toEqual([
      {
        idempotencyKey: 'reminder/invoice/inv-1/after7/1',
        customerId: 'cus-1',
        channel: 'email',
        on: today,
        kind: 'single',
        templateKey: 'overdue_7',
        tone: 'firm',
        items: [expect.objectContaining({ invoiceId: 'inv-1', stepId: 'after7', amountMinor: 10_000 })],
        totals: [{ currency: 'EUR', amountMinor: 10_000 }],
      },
    ]);
  });

  it('lists a customer’s invoices of the day in one message per channel, keyed by customer, channel and day', () => {
    const sends = [
      send({ invoiceId: 'inv-2', paymentDueDate: date('2025-04-05'), tone: 'final', amountMinor: 5_000 }),
      send({ invoiceId: 'inv-1', tone: 'friendly' }),
      send({ invoiceId: 'inv-3', currency: 'USD', amountMinor: 700 }),
      send({ invoiceId: 'inv-4', channel: 'sms' }),
      send({ invoiceId: 'inv-5', customerId: 'cus-2' }),
    ];
    const { messages } = batchReminders(sends, today);
    expect(messages.map((m) => [m.customerId, m.channel, m.kind, m.idempotencyKey])).toEqual([
      ['cus-1', 'email', 'batch', 'reminder/customer/cus-1/email/2025-04-08'],
      ['cus-1', 'sms', 'single', 'reminder/invoice/inv-4/after7/1'],
      ['cus-2', 'email', 'single', 'reminder/invoice/inv-5/after7/1'],
    ]);
    const batch = messages[0];
    // Earliest payment due date first: inv-1 and inv-3 (1 April, by id), then inv-2 (5 April).
    expect(batch?.items.map((i) => i.invoiceId)).toEqual(['inv-1', 'inv-3', 'inv-2']);
    expect(batch?.templateKey).toBe(BATCH_TEMPLATE_KEY);
    // The firmest tone wins: friendly, firm, final → final.
    expect(batch?.tone).toBe('final');
    // EUR 100.00 + 50.00 = 150.00; USD 7.00 apart.
    expect(batch?.totals).toEqual([
      { currency: 'EUR', amountMinor: 15_000 },
      { currency: 'USD', amountMinor: 700 },
    ]);
  });

  it('defers what a customer would receive on a channel already used today', () => {
    const sends = [send({ invoiceId: 'inv-1' }), send({ invoiceId: 'inv-2', channel: 'sms' })];
    const { messages, deferred } = batchReminders(sends, today, [{ customerId: 'cus-1', channel: 'email' }]);
    expect(messages.map((m) => m.channel)).toEqual(['sms']);
    expect(deferred).toEqual([sends[0]]);
  });

  // The planner sends at most one reminder per invoice and tick, so invoice ids are unique here.
  it('puts every send in exactly one message or the deferred list, one message per customer and channel', () => {
    const sendArb = fc.record({
      invoiceId: fc.constantFrom('a', 'b', 'c', 'd/e', 'f:g', 'h', 'i', 'j'),
      customerId: fc.constantFrom('c1', 'c2', 'c 3'),
      channel: fc.constantFrom(...DUNNING_CHANNELS),
      stepId: fc.constantFrom('s1', 's2'),
    });
    fc.assert(
      fc.property(fc.uniqueArray(sendArb, { selector: (s) => s.invoiceId }), fc.subarray(['c1', 'c2']), (parts, messagedEmail) => {
        const sends = parts.map((p) => send(p));
        const { messages, deferred } = batchReminders(sends, today, messagedEmail.map((customerId) => ({ customerId, channel: 'email' })));
        const groups = messages.map((m) => `${m.customerId}|${m.channel}`);
        expect(new Set(groups).size).toBe(groups.length);
        expect(new Set(messages.map((m) => m.idempotencyKey)).size).toBe(messages.length);
        expect(messages.reduce((n, m) => n + m.items.length, 0) + deferred.length).toBe(sends.length);
        for (const m of messages) expect(m.kind).toBe(m.items.length === 1 ? 'single' : 'batch');
        for (const d of deferred) expect(d.channel === 'email' && messagedEmail.includes(d.customerId)).toBe(true);
      }),
    );
  });
});

describe('idempotency keys', () => {
  it('are stable, readable strings', () => {
    expect(singleReminderKey('inv-1', { stepId: 'after7', occurrence: 2, installment: null })).toBe('reminder/invoice/inv-1/after7/2');
    expect(singleReminderKey('inv-1', { stepId: 'installment_due', occurrence: 1, installment: 3 })).toBe('reminder/invoice/inv-1/installment/3/installment_due/1');
    expect(batchReminderKey('cus-1', 'sms', date('2025-04-08'))).toBe('reminder/customer/cus-1/sms/2025-04-08');
  });

  it('cannot be forged by ids holding separators', () => {
    expect(singleReminderKey('a/b', { stepId: 'c', occurrence: 1, installment: null })).not.toBe(singleReminderKey('a', { stepId: 'b/c', occurrence: 1, installment: null }));
    expect(batchReminderKey('x/email/2025-01-01', 'sms', today)).toBe('reminder/customer/x%2Femail%2F2025-01-01/sms/2025-04-08');
  });

  it('map distinct references to distinct keys', () => {
    const ref = fc.record({
      invoiceId: fc.string({ minLength: 1, maxLength: 6 }),
      stepId: fc.string({ minLength: 1, maxLength: 6 }),
      occurrence: fc.integer({ min: 1, max: 5 }),
      installment: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
    });
    fc.assert(
      fc.property(ref, ref, (a, b) => {
        const same = a.invoiceId === b.invoiceId && a.stepId === b.stepId && a.occurrence === b.occurrence && a.installment === b.installment;
        expect(singleReminderKey(a.invoiceId, a) === singleReminderKey(b.invoiceId, b)).toBe(same);
      }),
      { numRuns: 2000 },
    );
  });
});
