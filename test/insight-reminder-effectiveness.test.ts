import { describe, expect, it } from 'vitest';
import { newId } from '../src/db/ids.ts';
import { dunningHistory } from '../src/db/schema/index.ts';
import { tenant, useApi } from './support/app.ts';

// Reminder effectiveness: per dunning step, the share of reminded invoices paid in full within N days. The
// sends are the dunning history as the tick writes it; today is 2025-06-15.
const suite = useApi('2025-06-15T09:00:00Z');

async function ok(method: 'GET' | 'POST', url: string, body?: unknown) {
  const r = await suite.t.call(method, url, body);
  expect(r.statusCode, `${method} ${url}: ${r.body}`).toBeLessThan(300);
  return r.json();
}

describe('reminder effectiveness', () => {
  it('counts, per step, invoices paid within the window, still pending, and reminders sent after payment', async () => {
    const c = (await ok('POST', '/api/v1/customers', { name: 'Remind Me SRL', currency: 'EUR' })).id as string;
    const invoice = async (issueDate: string, dueDate: string) =>
      (await ok('POST', '/api/v1/invoices', { customerId: c, issueDate, dueDate, issue: true, lines: [{ description: 'x', quantity: 1, unitPrice: 10_000, taxRateBp: 0 }] })).id as string;
    const pay = (invoiceId: string, receivedOn: string) => ok('POST', '/api/v1/payments', { customerId: c, amount: 10_000, currency: 'EUR', receivedOn, method: 'card', allocations: [{ invoiceId, amount: 10_000 }] });
    const a = await invoice('2025-04-01', '2025-05-01');
    const b = await invoice('2025-04-01', '2025-05-01');
    const pending = await invoice('2025-05-11', '2025-06-10');
    const early = await invoice('2025-04-01', '2025-05-01');
    await pay(a, '2025-05-05');
    await pay(b, '2025-05-20');
    await pay(early, '2025-05-01');
    let n = 0;
    const sent = (invoiceId: string, stepId: string, on: string, released = false) => ({
      orgId: suite.t.orgId, id: newId(), invoiceId, customerId: c, policyId: 'default', stepId, occurrence: 1, on, outcome: 'sent', reason: 'DUE_TODAY',
      channel: 'email', messageKey: `k${n++}`, released, createdAt: new Date('2025-05-02T08:00:00Z'),
    });
    await suite.database.db.insert(dunningHistory).values([
      sent(a, 'overdue_1', '2025-05-02'),
      sent(b, 'overdue_1', '2025-05-02'),
      sent(pending, 'overdue_1', '2025-06-11'),
      sent(b, 'overdue_7', '2025-05-08'),
      sent(early, 'overdue_7', '2025-05-08'),
      sent(pending, 'overdue_7', '2025-06-14', true),
      { ...sent(a, 'overdue_14', '2025-05-03'), outcome: 'skipped' },
    ]);

    const report = await ok('GET', '/api/v1/insight/reminder-effectiveness?windowDays=7');
    expect(report).toMatchObject({ asOf: '2025-06-15', windowDays: 7 });
    expect(report.currencies).toEqual([
      {
        currency: 'EUR',
        steps: [
          { stepId: 'overdue_1', reminded: 2, paidWithinWindow: 1, paidWithinWindowShareBp: 5000, pending: 1, sentAfterPayment: 0 },
          { stepId: 'overdue_7', reminded: 1, paidWithinWindow: 0, paidWithinWindowShareBp: 0, pending: 0, sentAfterPayment: 1 },
        ],
      },
    ]);
    const wider = await ok('GET', '/api/v1/insight/reminder-effectiveness?windowDays=20');
    expect(wider.currencies[0].steps[0]).toMatchObject({ stepId: 'overdue_1', reminded: 2, paidWithinWindow: 2, paidWithinWindowShareBp: 10_000 });

    const csv = await suite.t.call('GET', '/api/v1/insight/reminder-effectiveness?format=csv');
    expect(csv.body).toContain('EUR,overdue_1,2,1,50,1,0');
    expect((await suite.t.call('GET', '/api/v1/insight/reminder-effectiveness?windowDays=91')).statusCode).toBe(400);
    const other = await tenant(suite.database, suite.app, suite.clock, { name: 'Quiet Co' });
    expect((await other.call('GET', '/api/v1/insight/reminder-effectiveness')).json().currencies).toEqual([]);
  });
});
