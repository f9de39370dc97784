import { beforeAll, describe, expect, it } from 'vitest';
import { tenant, useApi } from './support/app.ts';

// The customer page's one timeline, and the collections facts (promises, disputes, tasks) that feed risk,
// the dashboard counts and the customer list's next action.
const suite = useApi('2025-06-15T09:00:00Z');
let customerId: string;
let invoiceId: string;
let otherInvoiceId: string;

async function ok(method: 'GET' | 'POST', url: string, body?: unknown) {
  const r = await suite.t.call(method, url, body);
  expect(r.statusCode, `${method} ${url}: ${r.body}`).toBeLessThan(300);
  return r.json();
}

beforeAll(async () => {
  customerId = (await ok('POST', '/api/v1/customers', { name: 'Timeline SRL', currency: 'EUR', creditLimit: 0, contacts: [{ name: 'Ana', email: 'ana@timeline.ro' }] })).id;
  invoiceId = (await ok('POST', '/api/v1/invoices', { customerId, issueDate: '2025-05-01', dueDate: '2025-05-31', issue: true, lines: [{ description: 'Audit', quantity: 1, unitPrice: 40_000, taxRateBp: 0 }] })).id;
  otherInvoiceId = (await ok('POST', '/api/v1/invoices', { customerId, issueDate: '2025-05-10', dueDate: '2025-06-09', issue: true, lines: [{ description: 'Support', quantity: 1, unitPrice: 10_000, taxRateBp: 0 }] })).id;
  await ok('POST', '/api/v1/payments', { customerId, amount: 15_000, currency: 'EUR', receivedOn: '2025-06-10', method: 'bank_transfer', allocations: [{ invoiceId, amount: 15_000 }] });
  await ok('POST', `/api/v1/customers/${customerId}/notes`, { body: 'Called Ana: the rest is coming on Friday.' });
  await ok('POST', `/api/v1/invoices/${invoiceId}/promises`, { promisedDate: '2025-06-15', amount: 25_000, promisedBy: 'Ana', channel: 'phone' });
  await ok('POST', `/api/v1/invoices/${otherInvoiceId}/disputes`, { reasonCode: 'quality', description: 'Support hours disputed' });
  await ok('POST', '/api/v1/tasks', { customerId, title: 'Call Ana about the support invoice', dueOn: '2025-06-16', invoiceIds: [otherInvoiceId] });
});

describe('the customer timeline', () => {
  it('holds invoices, payments, notes, promises, disputes and tasks, newest first, each fact once', async () => {
    const { data, nextCursor } = await ok('GET', `/api/v1/insight/customers/${customerId}/timeline?limit=100`);
    expect(nextCursor).toBeNull();
    const actions = data.map((e: { action: string }) => e.action);
    for (const action of ['customer.created', 'invoice.issued', 'payment.recorded', 'invoice.payment_applied', 'note.added', 'promise.recorded', 'dispute.opened', 'task.created'])
      expect(actions, action).toContain(action);
    // Logged on the customer and on its invoice, shown once.
    expect(actions.filter((a: string) => a === 'promise.recorded')).toHaveLength(1);
    expect(actions.filter((a: string) => a === 'dispute.opened')).toHaveLength(1);
    const times = data.map((e: { at: string }) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    const note = data.find((e: { action: string }) => e.action === 'note.added');
    expect(note.after.body).toBe('Called Ana: the rest is coming on Friday.');
    const issued = data.find((e: { action: string; entityId: string }) => e.action === 'invoice.issued' && e.entityId === invoiceId);
    expect(issued.invoiceNumber).toBe('INV-00001');
  });

  it('pages through with a cursor, losing and repeating nothing', async () => {
    const all = (await ok('GET', `/api/v1/insight/customers/${customerId}/timeline?limit=500`)).data.map((e: { id: string }) => e.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: { id: string }[]; nextCursor: string | null } = await ok('GET', `/api/v1/insight/customers/${customerId}/timeline?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.data.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    expect(all.length).toBeGreaterThan(8);
  });

  it('exports as CSV and refuses bad cursors and other organizations', async () => {
    const csv = await suite.t.call('GET', `/api/v1/insight/customers/${customerId}/timeline?format=csv`);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body).toContain('note.added');
    for (const cursor of ['nonsense', Buffer.from("2025-01-01T00:00:00.000000Z|'; drop table events; --").toString('base64url')]) {
      const bad = await suite.t.call('GET', `/api/v1/insight/customers/${customerId}/timeline?cursor=${cursor}`);
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toMatchObject({ code: 'INVALID_CURSOR', field: 'cursor' });
    }
    const other = await tenant(suite.database, suite.app, suite.clock, { name: 'Elsewhere' });
    const r = await other.call('GET', `/api/v1/insight/customers/${customerId}/timeline`);
    expect(r.statusCode).toBe(404);
  });
});

describe('collections facts in the insight', () => {
  it('counts promises due today and open disputes on the dashboard', async () => {
    const summary = await ok('GET', '/api/v1/insight/summary');
    expect(summary.collections).toEqual({ promisesDueToday: 1, brokenPromises: 0, openDisputes: 1 });
  });

  it('scores open disputes and overdue money without credit into the risk, and shows the next task', async () => {
    const c = await ok('GET', `/api/v1/insight/customers/${customerId}`);
    expect(c.risk.reasons).toEqual([
      { code: 'NO_HISTORY', value: 0, points: 0 },
      { code: 'OVERDUE_WITHOUT_CREDIT', value: 35_000, points: 15 },
      { code: 'OPEN_DISPUTES', value: 1, points: 5 },
    ]);
    expect(c.risk.score).toBe(20);
    expect(c.work).toMatchObject({ nextTask: { title: 'Call Ana about the support invoice', dueOn: '2025-06-16' } });
  });
});
