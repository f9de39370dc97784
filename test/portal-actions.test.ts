import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inOrg } from '../src/db/connection.ts';
import { queryRows } from '../src/db/raw.ts';
import { enqueueMessages } from '../src/db/repositories/outbox.ts';
import type { Tenant } from './support/app.ts';
import { newCustomer, newInvoice, portalCall, portalToken, usePortal } from './support/portal.ts';

const suite = usePortal();

/** A reminder waiting in the outbox for the invoice, as the dunning tick leaves it. */
async function pendingReminder(t: Tenant, customerId: string, invoiceId: string): Promise<string> {
  const [row] = await inOrg(suite.database.db, t.orgId, (tx) =>
    enqueueMessages(tx, t.orgId, new Date('2025-06-15T08:00:00Z'), [
      { idempotencyKey: `test-reminder:${invoiceId}`, kind: 'reminder', channel: 'email', recipient: 'lan@saomai.example', customerId, invoiceIds: [invoiceId], subject: 'Reminder', bodyText: 'Please pay' },
    ]),
  );
  return row!.id;
}

async function outboxStatus(orgId: string, id: string): Promise<string> {
  const [row] = await queryRows<{ status: string }>(suite.database.db, sql`select status from outbox where org_id = ${orgId} and id = ${id}`);
  return row!.status;
}

async function actions(t: Tenant, entityId: string): Promise<string[]> {
  const r = await t.call('GET', `/api/v1/events?entityId=${entityId}&limit=100`);
  return r.json().data.map((e: { action: string }) => e.action);
}

async function setup(name: string, amount = 30_000) {
  const c = await newCustomer(suite.t, { name, contacts: [{ name: 'Lan Nguyen', email: `${name.replace(/\W/g, '').toLowerCase()}@example.com` }] });
  const invoice = await newInvoice(suite.t, c.id, amount);
  const token = await portalToken(suite.t, c.id, { contactId: c.contacts[0]!.id });
  const reminder = await pendingReminder(suite.t, c.id, invoice.id);
  return { c, invoice, token, reminder };
}

describe('"I already paid"', () => {
  it('pauses reminders for a few days and gives the team a task to find the money', async () => {
    const { invoice, token, reminder } = await setup('Claimant Ltd');
    const r = await portalCall(suite.app, token, 'POST', `/invoices/${invoice.id}/already-paid`, { paidOn: '2025-06-12', reference: 'TRX-889911', message: 'Paid from our Vietcombank account' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ until: '2025-06-20' });
    expect(await outboxStatus(suite.t.orgId, reminder)).toBe('cancelled');
    expect(await actions(suite.t, invoice.id)).toEqual(expect.arrayContaining(['payment_claim.recorded', 'task.created', 'dunning.reminder_cancelled']));
    const [task] = await queryRows<{ title: string; note: string; due_on: string }>(suite.database.db, sql`select title, note, due_on::text from collection_tasks where id = ${r.json().taskId}`);
    expect(task).toMatchObject({ title: `Lan Nguyen says ${invoice.number} was paid on 2025-06-12 (reference TRX-889911): find the money`, note: 'Paid from our Vietcombank account', due_on: '2025-06-15' });
    const overview = (await portalCall(suite.app, token, 'GET', '/overview')).json();
    expect(overview.documents[0].holds).toEqual([{ kind: 'claim', until: '2025-06-20' }]);
  });

  it('refuses a payment date in the future and malformed input, leaving nothing behind', async () => {
    const { invoice, token, reminder } = await setup('Careful Claimant');
    const cases: [unknown, number, string][] = [
      [{ paidOn: '2025-06-16', reference: 'X' }, 422, 'PAID_ON_IN_FUTURE'],
      [{ paidOn: '2025-02-30', reference: 'X' }, 400, 'INVALID_DATE'],
      [{ paidOn: '2025-06-01' }, 400, 'VALIDATION_FAILED'],
      [{ paidOn: '2025-06-01', reference: '' }, 400, 'VALIDATION_FAILED'],
      [{ paidOn: '2025-06-01', reference: 'X', message: 'm'.repeat(2001) }, 400, 'VALIDATION_FAILED'],
      [{ paidOn: '2025-06-01', reference: 'X', until: '2025-07-30' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of cases) {
      const r = await portalCall(suite.app, token, 'POST', `/invoices/${invoice.id}/already-paid`, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(status);
      expect(r.json().error.code).toBe(code);
    }
    expect(await outboxStatus(suite.t.orgId, reminder)).toBe('pending');
    expect(await actions(suite.t, invoice.id)).not.toContain('payment_claim.recorded');
  });
});

describe('"I will pay on date D"', () => {
  it('records a promise for the balance from the contact; reminders wait', async () => {
    const { invoice, token, reminder } = await setup('Promiser SRL');
    const r = await portalCall(suite.app, token, 'POST', `/invoices/${invoice.id}/promise`, { promisedDate: '2025-06-30' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ promisedDate: '2025-06-30', amount: 30_000 });
    expect(await outboxStatus(suite.t.orgId, reminder)).toBe('cancelled');
    const [promise] = await queryRows<{ promised_by: string; channel: string; status: string }>(suite.database.db, sql`select promised_by, channel, status from payment_promises where id = ${r.json().promiseId}`);
    expect(promise).toEqual({ promised_by: 'Lan Nguyen', channel: 'portal', status: 'open' });
    expect(await actions(suite.t, invoice.id)).toContain('promise.recorded');

    const again = await portalCall(suite.app, token, 'POST', `/invoices/${invoice.id}/promise`, { promisedDate: '2025-07-02' });
    expect(again.json().error.code).toBe('PROMISE_ALREADY_OPEN');
  });

  it('refuses past dates, too far ahead and more than is owed', async () => {
    const { invoice, token } = await setup('Overpromiser');
    for (const [body, code] of [
      [{ promisedDate: '2025-06-14' }, 'PROMISE_DATE_IN_PAST'],
      [{ promisedDate: '2026-06-14' }, 'PROMISE_DATE_TOO_FAR'],
      [{ promisedDate: '2025-06-30', amount: 30_001 }, 'PROMISE_EXCEEDS_BALANCE'],
      [{ promisedDate: '2025-06-30', amount: 0 }, 'VALIDATION_FAILED'],
      [{ promisedDate: 'tomorrow' }, 'VALIDATION_FAILED'],
    ] as const) {
      const r = await portalCall(suite.app, token, 'POST', `/invoices/${invoice.id}/promise`, body);
      expect(r.json().error.code, JSON.stringify(body)).toBe(code);
    }
  });
});

describe('"Propose a payment plan"', () => {
  it('agrees at once within the organization\'s policy', async () => {
    const { invoice, token, reminder } = await setup('Planner Ltd', 10_000);
    const r = await portalCall(suite.app, token, 'POST', `/invoices/${invoice.id}/payment-plan`, { firstDueDate: '2025-07-01', count: 3, message: 'Cash flow is tight this summer' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({
      status: 'agreed',
      installments: [
        { dueDate: '2025-07-01', amount: 3_334 },
        { dueDate: '2025-08-01', amount: 3_333 },
        { dueDate: '2025-09-01', amount: 3_333 },
      ],
    });
    expect(await outboxStatus(suite.t.orgId, reminder)).toBe('cancelled');
    expect(await actions(suite.t, invoice.id)).toContain('payment_plan.agreed');
    const overview = (await portalCall(suite.app, token, 'GET', '/overview')).json();
    expect(overview.documents[0].holds).toEqual([{ kind: 'plan', since: '2025-06-15' }]);
  });

  it('sends a longer plan to the team for approval, or refuses it when the organization takes no such requests', async () => {
    const { invoice, token, reminder } = await setup('Long Planner', 60_000);
    const r = await portalCall(suite.app, token, 'POST', `/invoices/${invoice.id}/payment-plan`, { firstDueDate: '2025-07-01', count: 6 });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ status: 'pending_approval', installments: expect.arrayContaining([{ dueDate: '2025-12-01', amount: 10_000 }]) });
    expect(await outboxStatus(suite.t.orgId, reminder)).toBe('pending');
    expect(await queryRows(suite.database.db, sql`select id from payment_plans where invoice_id = ${invoice.id}`)).toEqual([]);
    const [task] = await queryRows<{ title: string; note: string }>(suite.database.db, sql`select title, note from collection_tasks where id = ${r.json().taskId}`);
    expect(task!.title).toContain('6 installments until 2025-12-01');
    expect(task!.note).toContain('6. 2025-12-01: 100.00 EUR');
    expect(await actions(suite.t, invoice.id)).toEqual(expect.arrayContaining(['payment_plan.proposed', 'task.created']));

    await suite.t.call('PATCH', '/api/v1/portal/settings', { planApprovalRequests: false, planMaxInstallments: 2, planMaxDays: 400 });
    try {
      const refused = await portalCall(suite.app, token, 'POST', `/invoices/${invoice.id}/payment-plan`, { firstDueDate: '2025-07-01', count: 3 });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error).toMatchObject({ code: 'PLAN_BEYOND_POLICY', field: 'dueDates' });
    } finally {
      await suite.t.call('PATCH', '/api/v1/portal/settings', { planApprovalRequests: true, planMaxInstallments: 3, planMaxDays: 90 });
    }
  });

  it('refuses schedules that cannot work', async () => {
    const { invoice, token } = await setup('Odd Planner', 1_000);
    for (const [body, code] of [
      [{ firstDueDate: '2025-07-01' }, 'PLAN_SCHEDULE_INVALID'],
      [{ firstDueDate: '2025-07-01', count: 2, dueDates: ['2025-07-01'] }, 'PLAN_SCHEDULE_INVALID'],
      [{ dueDates: ['2025-06-01', '2025-07-01'] }, 'PLAN_FIRST_DATE_IN_PAST'],
      [{ dueDates: ['2025-07-01', '2025-07-01'] }, 'PLAN_DATES_NOT_INCREASING'],
      [{ dueDates: ['2025-07-01', '2025-08-01'], amounts: [500, 400] }, 'PLAN_SUM_MISMATCH'],
      [{ firstDueDate: '2025-07-01', count: 0 }, 'VALIDATION_FAILED'],
      [{ firstDueDate: '2025-07-01', count: 2, graceDays: 60 }, 'VALIDATION_FAILED'],
    ] as const) {
      const r = await portalCall(suite.app, token, 'POST', `/invoices/${invoice.id}/payment-plan`, body);
      expect(r.json().error?.code, JSON.stringify(body)).toBe(code);
    }
  });
});

describe('"Dispute this invoice or a line"', () => {
  it('opens a dispute with the reason and message, naming the line; reminders pause', async () => {
    const c = await newCustomer(suite.t, { name: 'Disputer Ltd' });
    const created = await suite.t.call('POST', '/api/v1/invoices', {
      customerId: c.id,
      issue: true,
      issueDate: '2025-05-01',
      lines: [
        { description: 'Logo design', quantity: 1, unitPrice: 50_000, taxRateBp: 0 },
        { description: 'Rush fee', quantity: 1, unitPrice: 10_000, taxRateBp: 0 },
      ],
    });
    const invoice = created.json();
    const token = await portalToken(suite.t, c.id);
    const reminder = await pendingReminder(suite.t, c.id, invoice.id);
    const detail = (await portalCall(suite.app, token, 'GET', `/invoices/${invoice.id}`)).json();
    const rush = detail.lines.find((l: { description: string }) => l.description === 'Rush fee');

    const r = await portalCall(suite.app, token, 'POST', `/invoices/${invoice.id}/dispute`, { reasonCode: 'pricing', message: 'We never asked for a rush job', lineId: rush.id });
    expect(r.statusCode, r.body).toBe(201);
    expect(await outboxStatus(suite.t.orgId, reminder)).toBe('cancelled');
    const [dispute] = await queryRows<{ reason_code: string; description: string; status: string }>(suite.database.db, sql`select reason_code, description, status from disputes where id = ${r.json().disputeId}`);
    expect(dispute).toEqual({ reason_code: 'pricing', status: 'open', description: 'Line 2: Rush fee\n\nWe never asked for a rush job\n\n— Disputer Ltd, in the customer portal' });
    expect(await actions(suite.t, invoice.id)).toContain('dispute.opened');
    expect((await portalCall(suite.app, token, 'GET', `/invoices/${invoice.id}`)).json().holds).toEqual([{ kind: 'dispute', since: '2025-06-15T09:00:00.000Z' }]);

    const again = await portalCall(suite.app, token, 'POST', `/invoices/${invoice.id}/dispute`, { reasonCode: 'quality', message: 'And the logo is blurry' });
    expect(again.json().error.code).toBe('DISPUTE_ALREADY_OPEN');
  });

  it('refuses unknown reasons, lines of other invoices and empty messages', async () => {
    const { invoice, token } = await setup('Picky Disputer');
    const otherLine = (await queryRows<{ id: string }>(suite.database.db, sql`select id from invoice_lines where org_id = ${suite.t.orgId} and invoice_id <> ${invoice.id} limit 1`))[0]!.id;
    for (const [body, status, code] of [
      [{ reasonCode: 'because', message: 'x' }, 400, 'VALIDATION_FAILED'],
      [{ reasonCode: 'quality', message: '' }, 400, 'VALIDATION_FAILED'],
      [{ reasonCode: 'quality', message: 'x', lineId: otherLine }, 404, 'LINE_NOT_FOUND'],
      [{ reasonCode: 'quality', message: 'x'.repeat(4001) }, 400, 'VALIDATION_FAILED'],
    ] as const) {
      const r = await portalCall(suite.app, token, 'POST', `/invoices/${invoice.id}/dispute`, body);
      expect(r.statusCode, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(r.json().error.code).toBe(code);
    }
  });
});

describe('isolation of the buttons', () => {
  it('acts on no invoice of another customer or organization, and changes nothing there', async () => {
    const mine = await setup('Mine Buttons');
    const theirs = await setup('Their Buttons');
    const foreignOrg = await newCustomer(suite.other, { name: 'Elsewhere' });
    const foreignInvoice = await newInvoice(suite.other, foreignOrg.id, 5_000);
    const bodies: [string, unknown][] = [
      ['already-paid', { paidOn: '2025-06-10', reference: 'X' }],
      ['promise', { promisedDate: '2025-06-30' }],
      ['payment-plan', { firstDueDate: '2025-07-01', count: 2 }],
      ['dispute', { reasonCode: 'other', message: 'x' }],
    ];
    for (const target of [theirs.invoice.id, foreignInvoice.id]) {
      for (const [action, body] of bodies) {
        const r = await portalCall(suite.app, mine.token, 'POST', `/invoices/${target}/${action}`, body);
        expect(r.statusCode, `${action} on ${target}`).toBe(404);
        expect(r.json().error.code).toBe('INVOICE_NOT_FOUND');
      }
    }
    expect(await outboxStatus(suite.t.orgId, theirs.reminder)).toBe('pending');
    expect(await actions(suite.t, theirs.invoice.id)).toEqual(['invoice.issued', 'invoice.created']);
    expect(await actions(suite.other, foreignInvoice.id)).toEqual(['invoice.issued', 'invoice.created']);
  });

  it('refuses the buttons on a paid invoice', async () => {
    const { c, invoice, token } = await setup('Already Settled', 2_000);
    await suite.t.call('POST', '/api/v1/payments', { customerId: c.id, amount: 2_000, currency: 'EUR', receivedOn: '2025-06-14', method: 'bank_transfer' });
    for (const [action, body] of [
      ['already-paid', { paidOn: '2025-06-10', reference: 'X' }],
      ['promise', { promisedDate: '2025-06-30' }],
      ['payment-plan', { firstDueDate: '2025-07-01', count: 2 }],
      ['dispute', { reasonCode: 'other', message: 'x' }],
    ] as const) {
      const r = await portalCall(suite.app, token, 'POST', `/invoices/${invoice.id}/${action}`, body);
      expect(r.json().error.code, action).toBe('INVOICE_NOT_OPEN');
    }
  });
});
