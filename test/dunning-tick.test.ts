import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../src/services/context.ts';
import type { TestClock } from './support/app.ts';
import { testDatabase } from './support/database.ts';
import { at, dunningCustomer, dunningInvoice, dunningOrg, eventsOf, historyRows, outboxRows, sentSteps, taskRows, tick } from './support/dunning.ts';

let database: Awaited<ReturnType<typeof testDatabase>>;
let clock: TestClock;

beforeAll(async () => {
  database = await testDatabase();
  clock = fixedClock('2025-06-02T05:00:00Z');
});
afterAll(async () => {
  await database.dispose();
});

describe('the dunning tick, end to end', () => {
  it('sends the built-in schedule day by day: emails, a text, a call task, a final notice', async () => {
    const ctx = await dunningOrg(database, clock);
    const customer = await dunningCustomer(ctx);
    // due Thursday 5 June 2025
    const invoice = await dunningInvoice(ctx, customer, '2025-06-05');
    for (let d = 0; d < 40; d++) {
      at(clock, `2025-06-${String(1 + d).padStart(2, '0')}`.length === 10 && d < 30 ? `2025-06-${String(1 + d).padStart(2, '0')}` : `2025-07-${String(d - 29).padStart(2, '0')}`);
      await tick(ctx);
    }
    const rows = await outboxRows(ctx);
    expect(sentSteps(rows)).toEqual(['before_due@2025-06-02', 'overdue_1@2025-06-06', 'overdue_7@2025-06-12', 'overdue_14_sms@2025-06-19', 'final_30@2025-07-07']);
    expect(rows.map((r) => r.channel)).toEqual(['email', 'email', 'email', 'sms', 'email']);
    const tasks = await taskRows(ctx);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ kind: 'call', dueOn: '2025-06-26', phone: '+40721000001', invoiceIds: [invoice] });
    expect((await historyRows(ctx)).map((h) => `${h.stepId}:${h.outcome}`)).toHaveLength(6);
    expect((await eventsOf(ctx, invoice)).some((e) => e.action === 'dunning.late_fee_due')).toBe(true);
  });
});
