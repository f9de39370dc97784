import { and, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectionTasks, customerNotes, disputes, dunningHistory, outbox, paymentClaims, paymentPlans, paymentPromises } from '../src/db/schema/index.ts';
import { createApiKey } from '../src/services/organizations.ts';
import { tenant, useApi, type Tenant } from './support/app.ts';

// Monday 16 June 2025, 06:00 UTC = 09:00 in Bucharest
const s = useApi('2025-06-16T06:00:00Z');
let t: Tenant;
let customerId: string;
let invoiceId: string;
let otherInvoiceId: string;

async function post(url: string, body?: unknown) {
  return t.call('POST', url, body);
}

function expectError(r: { statusCode: number; json(): { error: { code: string; field?: string } } }, status: number, code: string, field?: string) {
  expect(r.statusCode, JSON.stringify(r.json())).toBe(status);
  expect(r.json().error.code).toBe(code);
  if (field !== undefined) expect(r.json().error.field).toBe(field);
}

async function invoice(customer: string, dueDate: string, unitPrice = 100_000): Promise<string> {
  const r = await post('/api/v1/invoices', { customerId: customer, issueDate: '2025-05-01', dueDate, issue: true, lines: [{ description: 'Design', quantity: 1, unitPrice }] });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id;
}

beforeAll(async () => {
  t = s.t;
  const c = await post('/api/v1/customers', { name: 'Sao Mai SRL', currency: 'EUR', contacts: [{ name: 'Ana', email: 'ana@saomai.test', phone: '+40721000001', role: 'billing' }] });
  customerId = c.json().id;
  invoiceId = await invoice(customerId, '2025-06-13');
  otherInvoiceId = await invoice(customerId, '2025-06-20', 40_000);
});

describe('dunning policies', () => {
  it('lists the built-in default, creates, makes default, refuses to change the built-in or delete a policy in use', async () => {
    const list = (await t.call('GET', '/api/v1/dunning/policies')).json();
    expect(list.data[0]).toMatchObject({ id: 'default', builtIn: true, isDefault: true, steps: expect.arrayContaining([expect.objectContaining({ id: 'final_30', actions: ['apply_late_fee'] })]) });
    const created = await post('/api/v1/dunning/policies', {
      name: 'Strict',
      steps: [
        { id: 'soon', offsetDays: -2, channel: 'email', tone: 'friendly', templateKey: 'soon' },
        { id: 'late', offsetDays: 3, channel: 'sms', tone: 'firm', templateKey: 'late', repeatEveryDays: 7, maxRepeats: 2, conditions: { minBalanceMinor: { EUR: 1000 } } },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    const policy = created.json();
    expect(policy).toMatchObject({ name: 'Strict', builtIn: false, isDefault: false, steps: [{ id: 'soon' }, { id: 'late', repeatEveryDays: 7 }] });
    expect((await t.call('PATCH', '/api/v1/dunning/settings', { defaultPolicyId: policy.id })).json().defaultPolicyId).toBe(policy.id);
    expect((await t.call('GET', `/api/v1/dunning/policies/${policy.id}`)).json().isDefault).toBe(true);
    expectError(await t.call('PATCH', '/api/v1/dunning/policies/default', {}), 404, 'NOT_FOUND');
    expectError(await post('/api/v1/dunning/policies/default', {}), 404, 'NOT_FOUND');
    const replaceBuiltIn = await s.app.inject({ method: 'PUT', url: '/api/v1/dunning/policies/default', headers: { authorization: `Bearer ${t.key}` }, payload: { name: 'x', steps: [] } });
    expectError(replaceBuiltIn, 409, 'POLICY_BUILT_IN');
    expectError(await t.call('DELETE', `/api/v1/dunning/policies/${policy.id}`), 409, 'POLICY_IN_USE');
    const renamed = await s.app.inject({ method: 'PUT', url: `/api/v1/dunning/policies/${policy.id}`, headers: { authorization: `Bearer ${t.key}` }, payload: { name: 'Stricter', steps: policy.steps } });
    expect(renamed.json()).toMatchObject({ name: 'Stricter', isDefault: true });
    await t.call('PATCH', '/api/v1/dunning/settings', { defaultPolicyId: 'default' });
    expect((await t.call('DELETE', `/api/v1/dunning/policies/${policy.id}`)).statusCode).toBe(200);
    expectError(await t.call('GET', `/api/v1/dunning/policies/${policy.id}`), 404, 'POLICY_NOT_FOUND');
    expectError(await t.call('GET', '/api/v1/dunning/policies/strict'), 400, 'VALIDATION_FAILED', 'id');
  });

  it('refuses malformed and hostile policies, naming the field, and stores nothing', async () => {
    const step = { id: 's1', offsetDays: 1, channel: 'email', tone: 'firm', templateKey: 't' };
    const cases: [unknown, number, string, string?][] = [
      [{ name: 'x', steps: [] }, 422, 'STEPS_MISSING', 'steps'],
      [{ name: 'x', steps: ['step'] }, 422, 'STEP_INVALID', 'steps[0]'],
      [{ name: 'x', steps: [step, { ...step, id: 's2' }] }, 422, 'OFFSET_DUPLICATE', 'steps[1].offsetDays'],
      [{ name: 'x', steps: [step, { ...step, id: 's2', offsetDays: -1 }] }, 422, 'STEPS_NOT_SORTED', 'steps[1].offsetDays'],
      [{ name: 'x', steps: [{ ...step, channel: 'fax' }] }, 422, 'CHANNEL_INVALID', 'steps[0].channel'],
      [{ name: 'x', steps: [{ ...step, offsetDays: 1.5 }] }, 422, 'OFFSET_INVALID', 'steps[0].offsetDays'],
      [{ name: 'x', steps: [{ ...step, offsetDays: 1e9 }] }, 422, 'OFFSET_OUT_OF_RANGE', 'steps[0].offsetDays'],
      [{ name: 'x', steps: [{ ...step, templateKey: '../../etc/passwd' }] }, 422, 'TEMPLATE_KEY_INVALID', 'steps[0].templateKey'],
      [{ name: 'x', steps: [{ ...step, id: 'a/b' }] }, 422, 'STEP_ID_INVALID', 'steps[0].id'],
      [{ name: 'x', steps: [{ ...step, evil: "'; drop table invoices; --" }] }, 422, 'UNKNOWN_FIELD', 'steps[0].evil'],
      [{ name: 'x', steps: [{ ...step, conditions: { minBalanceMinor: { XXX: 5 } } }] }, 422, 'MIN_BALANCE_CURRENCY_INVALID', 'steps[0].conditions.minBalanceMinor.XXX'],
      [{ name: 'x', steps: [{ ...step, repeatEveryDays: 3 }, { ...step, id: 's2', offsetDays: 5 }] }, 422, 'REPEAT_NOT_ON_LAST_STEP', 'steps[0].repeatEveryDays'],
      [{ name: 'x', steps: [{ ...step, actions: ['apply_late_fee', 'apply_late_fee'] }] }, 422, 'ACTION_DUPLICATE', 'steps[0].actions[1]'],
      [{ name: '', steps: [step] }, 400, 'VALIDATION_FAILED', 'name'],
      [{ name: 'x', steps: Array.from({ length: 31 }, (_, i) => ({ ...step, id: `s${i}`, offsetDays: i })) }, 400, 'VALIDATION_FAILED', 'steps'],
      [{ name: 'x', steps: [step], id: 'mine' }, 400, 'VALIDATION_FAILED', 'id'],
      [[step], 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code, field] of cases) expectError(await post('/api/v1/dunning/policies', body), status, code, field);
    const polluted = await s.app.inject({
      method: 'POST',
      url: '/api/v1/dunning/policies',
      headers: { authorization: `Bearer ${t.key}`, 'content-type': 'application/json' },
      payload: `{"name":"x","steps":[{"id":"s1","offsetDays":1,"channel":"email","tone":"firm","templateKey":"t","__proto__":{"polluted":true}}]}`,
    });
    expect(polluted.statusCode).toBeGreaterThanOrEqual(400);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect((await t.call('GET', '/api/v1/dunning/policies')).json().data).toHaveLength(1);
  });
});

describe('dunning settings and overrides', () => {
  it('changes business hours and refuses impossible ones', async () => {
    expect((await t.call('GET', '/api/v1/dunning/settings')).json()).toEqual({ defaultPolicyId: 'default', excluded: false, windowStart: '09:00', windowEnd: '17:00', workingDays: [1, 2, 3, 4, 5], nonWorkingDates: [], replyTo: null });
    const cases: [unknown, number, string, string?][] = [
      [{ windowStart: '18:00', windowEnd: '09:00' }, 422, 'SEND_WINDOW_INVALID', 'windowEnd'],
      [{ windowStart: '25:00' }, 400, 'VALIDATION_FAILED', 'windowStart'],
      [{ workingDays: [] }, 400, 'VALIDATION_FAILED', 'workingDays'],
      [{ workingDays: [8] }, 400, 'VALIDATION_FAILED', 'workingDays[0]'],
      [{ workingDays: [1, 1] }, 400, 'VALIDATION_FAILED', 'workingDays'],
      [{ nonWorkingDates: ['2025-02-30'] }, 400, 'INVALID_DATE', 'nonWorkingDates[0]'],
      [{ replyTo: 'not an email' }, 400, 'INVALID_EMAIL', 'replyTo'],
      [{ defaultPolicyId: 'nope' }, 404, 'POLICY_NOT_FOUND', 'defaultPolicyId'],
      [{}, 400, 'VALIDATION_FAILED'],
      [{ timezone: 'UTC' }, 400, 'VALIDATION_FAILED', 'timezone'],
    ];
    for (const [body, status, code, field] of cases) expectError(await t.call('PATCH', '/api/v1/dunning/settings', body), status, code, field);
    const r = await t.call('PATCH', '/api/v1/dunning/settings', { windowStart: '08:30', windowEnd: '18:00', workingDays: [6, 1, 2], nonWorkingDates: ['2025-12-25', '2025-12-01'], replyTo: 'ar@lumen.test' });
    expect(r.json()).toMatchObject({ windowStart: '08:30', workingDays: [1, 2, 6], nonWorkingDates: ['2025-12-01', '2025-12-25'], replyTo: 'ar@lumen.test' });
    const events = (await t.call('GET', `/api/v1/events?entityId=${t.orgId}`)).json().data;
    expect(events[0]).toMatchObject({ action: 'dunning.settings_updated', after: { windowStart: '08:30' } });
    await t.call('PATCH', '/api/v1/dunning/settings', { windowStart: '09:00', windowEnd: '17:00', workingDays: [1, 2, 3, 4, 5], nonWorkingDates: [] });
  });

  it('sets a customer’s collector and risk, an invoice’s policy, pauses and resumes', async () => {
    const invite = (email: string, tenantOf = t) => tenantOf.call('POST', '/api/v1/users', { email, name: 'Ion', role: 'collector' }).then((r) => r.json().id as string);
    const collector = await invite('ion@lumen.test');
    const leaver = await invite('gone@lumen.test');
    await post(`/api/v1/users/${leaver}/deactivate`);
    const stranger = await invite('ion@elsewhere.test', await tenant(s.database, s.app, s.clock, { name: 'Elsewhere' }));
    // An id that is not one of this organization's people is refused, and nothing is stored.
    for (const id of ['01900000-0000-7000-8000-0000000000c1', leaver, stranger, invoiceId]) {
      expectError(await t.call('PATCH', `/api/v1/customers/${customerId}/dunning`, { collectorId: id }), 404, 'USER_NOT_FOUND', 'collectorId');
    }
    expect((await t.call('GET', `/api/v1/customers/${customerId}/dunning`)).json().collectorId).toBeNull();
    expect((await t.call('PATCH', `/api/v1/customers/${customerId}/dunning`, { collectorId: collector, riskLevel: 'high' })).json()).toEqual({ policyId: null, excluded: false, collectorId: collector, riskLevel: 'high' });
    expectError(await t.call('PATCH', `/api/v1/customers/${customerId}/dunning`, { riskLevel: 'extreme' }), 400, 'VALIDATION_FAILED');
    expectError(await t.call('PATCH', `/api/v1/customers/${customerId}/dunning`, { collectorId: 'bob' }), 400, 'VALIDATION_FAILED', 'collectorId');
    expectError(await t.call('PATCH', `/api/v1/customers/${customerId}/dunning`, { policyId: '01900000-0000-7000-8000-000000000000' }), 404, 'POLICY_NOT_FOUND', 'policyId');
    expect((await t.call('PATCH', `/api/v1/invoices/${otherInvoiceId}/dunning`, { policyId: 'default' })).json()).toEqual({ policyId: 'default', excluded: false, paused: false });
    expectError(await t.call('PATCH', `/api/v1/invoices/${otherInvoiceId}/dunning`, { excluded: 'yes' }), 400, 'VALIDATION_FAILED');
    expect((await post(`/api/v1/invoices/${otherInvoiceId}/dunning/pause`)).json().paused).toBe(true);
    expect((await t.call('GET', `/api/v1/invoices/${otherInvoiceId}/dunning`)).json().state).toMatchObject({ kind: 'held', holds: [{ reason: 'INVOICE_PAUSED' }] });
    expect((await post(`/api/v1/invoices/${otherInvoiceId}/dunning/resume`)).json().paused).toBe(false);
    const actions = (await t.call('GET', `/api/v1/events?entityId=${otherInvoiceId}`)).json().data.map((e: { action: string }) => e.action);
    expect(actions.slice(0, 3)).toEqual(['dunning.resumed', 'dunning.paused', 'dunning.invoice_settings_updated']);
  });
});

describe('preview, run and the invoice schedule', () => {
  it('previews what would go out and why, writing nothing; the run then does exactly that', async () => {
    const preview = await t.call('GET', '/api/v1/dunning/preview?date=2025-06-16');
    expect(preview.statusCode, preview.body).toBe(200);
    const body = preview.json();
    expect(body.messages).toHaveLength(1);
    // due Friday 13 June: the −3 (10 June) and the +1 (Saturday 14 June) are owed; the latest goes
    expect(body.messages[0]).toMatchObject({ customerName: 'Sao Mai SRL', channel: 'email', recipient: 'ana@saomai.test', batch: false, sendAt: '2025-06-16T06:00:00.000Z' });
    expect(body.messages[0].items).toMatchObject([{ invoiceId, stepId: 'overdue_1', reason: 'DUE_EARLIER', amountMinor: 100_000, paymentDueDate: '2025-06-13' }]);
    expect(body.skippedSteps).toMatchObject([{ invoiceId, stepId: 'before_due', reason: 'CAUGHT_UP' }]);
    expectError(await t.call('GET', '/api/v1/dunning/preview?date=2025-02-30'), 400, 'INVALID_DATE', 'date');
    expectError(await t.call('GET', '/api/v1/dunning/preview?date=tomorrow'), 400, 'VALIDATION_FAILED');
    expectError(await t.call('GET', '/api/v1/dunning/preview?date=2025-06-16&org=x'), 400, 'VALIDATION_FAILED');
    const counted = async () => (await s.database.db.select({ n: count() }).from(outbox).where(and(eq(outbox.orgId, t.orgId), eq(outbox.kind, 'reminder'))))[0]!.n;
    expect(await counted()).toBe(0);
    const run = await post('/api/v1/dunning/run');
    expect(run.json()).toMatchObject({ messagesQueued: 1, stepsSkipped: 1 });
    expect(await counted()).toBe(1);
    expect((await post('/api/v1/dunning/run')).json()).toMatchObject({ messagesQueued: 0 });
    const schedule = (await t.call('GET', `/api/v1/invoices/${invoiceId}/dunning`)).json();
    expect(schedule).toMatchObject({ policy: { id: 'default', decidedBy: 'organization' }, state: { kind: 'active', schedule: 'invoice' }, today: '2025-06-16' });
    expect(schedule.past.map((p: { stepId: string; outcome: string; message: { status: string } | null }) => [p.stepId, p.outcome, p.message?.status ?? null])).toEqual([
      ['before_due', 'skipped', null],
      ['overdue_1', 'sent', 'pending'],
    ]);
    expect(schedule.upcoming[0]).toMatchObject({ stepId: 'overdue_7', on: '2025-06-20', owed: false });
    expectError(await t.call('GET', `/api/v1/invoices/01900000-0000-7000-8000-000000000000/dunning`), 404, 'INVOICE_NOT_FOUND');
  });
});

describe('disputes, promises, claims, plans', () => {
  it('opens and resolves disputes, refusing duplicates and bad input', async () => {
    expectError(await post(`/api/v1/invoices/${invoiceId}/disputes`, { reasonCode: 'whatever' }), 400, 'VALIDATION_FAILED');
    expectError(await post(`/api/v1/invoices/${invoiceId}/disputes`, { reasonCode: 'quality', description: 'x'.repeat(4001) }), 400, 'VALIDATION_FAILED', 'description');
    const d = await post(`/api/v1/invoices/${invoiceId}/disputes`, { reasonCode: 'quality', description: '<script>alert(1)</script>' });
    expect(d.statusCode).toBe(201);
    expect(d.json()).toMatchObject({ status: 'open', reasonCode: 'quality', description: '<script>alert(1)</script>' });
    expectError(await post(`/api/v1/invoices/${invoiceId}/disputes`, { reasonCode: 'pricing' }), 409, 'DISPUTE_ALREADY_OPEN');
    expect((await t.call('GET', '/api/v1/disputes?status=open')).json().data.map((x: { id: string }) => x.id)).toEqual([d.json().id]);
    expectError(await t.call('GET', '/api/v1/disputes?cursor=%00%00'), 400, 'INVALID_CURSOR');
    expectError(await post(`/api/v1/disputes/${d.json().id}/resolve`, { resolution: 'maybe' }), 400, 'VALIDATION_FAILED');
    expect((await post(`/api/v1/disputes/${d.json().id}/resolve`, { resolution: 'credit_issued', note: 'CN-1' })).json()).toMatchObject({ status: 'resolved', resolution: 'credit_issued' });
    expectError(await post(`/api/v1/disputes/${d.json().id}/resolve`, { resolution: 'rejected' }), 409, 'DISPUTE_NOT_OPEN');
    const timeline = (await t.call('GET', `/api/v1/events?entityId=${invoiceId}`)).json().data.map((e: { action: string }) => e.action);
    expect(timeline).toEqual(expect.arrayContaining(['dispute.opened', 'dispute.resolved', 'dunning.reminder_cancelled']));
  });

  it('records promises to pay within the balance and the coming months', async () => {
    const base = { promisedDate: '2025-06-25', amount: 50_000, promisedBy: 'Ana', channel: 'phone' };
    const cases: [unknown, number, string, string?][] = [
      [{ ...base, promisedDate: '2025-06-15' }, 422, 'PROMISE_DATE_IN_PAST', 'promisedDate'],
      [{ ...base, promisedDate: '2026-06-15' }, 422, 'PROMISE_DATE_TOO_FAR', 'promisedDate'],
      [{ ...base, promisedDate: '2025-06-31' }, 400, 'INVALID_DATE', 'promisedDate'],
      [{ ...base, amount: 100_001 }, 422, 'PROMISE_EXCEEDS_BALANCE', 'amount'],
      [{ ...base, amount: 0 }, 400, 'VALIDATION_FAILED', 'amount'],
      [{ ...base, amount: 1.5 }, 400, 'VALIDATION_FAILED', 'amount'],
      [{ ...base, channel: 'pigeon' }, 400, 'VALIDATION_FAILED'],
      [{ ...base, promisedBy: '' }, 400, 'VALIDATION_FAILED', 'promisedBy'],
    ];
    for (const [body, status, code, field] of cases) expectError(await post(`/api/v1/invoices/${invoiceId}/promises`, body), status, code, field);
    const p = await post(`/api/v1/invoices/${invoiceId}/promises`, base);
    expect(p.statusCode).toBe(201);
    expect(p.json()).toMatchObject({ status: 'open', currency: 'EUR', amount: 50_000 });
    expectError(await post(`/api/v1/invoices/${invoiceId}/promises`, base), 409, 'PROMISE_ALREADY_OPEN');
    expect((await post(`/api/v1/promises/${p.json().id}/cancel`)).json().status).toBe('cancelled');
    expectError(await post(`/api/v1/promises/${p.json().id}/cancel`), 409, 'PROMISE_NOT_OPEN');
  });

  it('records "already paid" claims for a bounded time', async () => {
    expectError(await post(`/api/v1/invoices/${invoiceId}/payment-claims`, { until: '2025-06-01' }), 422, 'CLAIM_UNTIL_IN_PAST', 'until');
    expectError(await post(`/api/v1/invoices/${invoiceId}/payment-claims`, { until: '2025-08-01' }), 422, 'CLAIM_UNTIL_TOO_FAR', 'until');
    expectError(await post(`/api/v1/invoices/${invoiceId}/payment-claims`, { paidOn: '2025-07-01' }), 422, 'PAID_ON_IN_FUTURE', 'paidOn');
    const claim = await post(`/api/v1/invoices/${invoiceId}/payment-claims`, { paidOn: '2025-06-14', reference: 'OP-7', claimedBy: 'Ana' });
    expect(claim.json()).toMatchObject({ until: '2025-06-21', status: 'open' });
    expect((await post(`/api/v1/payment-claims/${claim.json().id}/close`)).json().status).toBe('closed');
    expectError(await post(`/api/v1/payment-claims/${claim.json().id}/close`), 409, 'CLAIM_NOT_OPEN');
  });

  it('agrees payment plans whose installments add up exactly to the balance', async () => {
    const cases: [unknown, number, string, string?][] = [
      [{ dueDates: ['2025-07-01', '2025-08-01'], amounts: [50_000, 49_999] }, 422, 'PLAN_SUM_MISMATCH', 'amounts'],
      [{ dueDates: ['2025-07-01'], firstDueDate: '2025-07-01', count: 2 }, 422, 'PLAN_SCHEDULE_INVALID', 'dueDates'],
      [{}, 422, 'PLAN_SCHEDULE_INVALID', 'dueDates'],
      [{ dueDates: ['2025-06-01'] }, 422, 'PLAN_FIRST_DATE_IN_PAST', 'dueDates[0]'],
      [{ dueDates: ['2025-08-01', '2025-07-01'] }, 422, 'PLAN_DATES_NOT_INCREASING', 'dueDates[1]'],
      [{ firstDueDate: '2025-07-01', count: 121 }, 400, 'VALIDATION_FAILED', 'count'],
      [{ firstDueDate: '2025-07-01', count: 2, graceDays: 61 }, 400, 'VALIDATION_FAILED', 'graceDays'],
      [{ firstDueDate: '2025-07-01' }, 422, 'PLAN_SCHEDULE_INVALID', 'count'],
    ];
    for (const [body, status, code, field] of cases) expectError(await post(`/api/v1/invoices/${invoiceId}/payment-plans`, body), status, code, field);
    const plan = await post(`/api/v1/invoices/${invoiceId}/payment-plans`, { firstDueDate: '2025-07-31', count: 3, graceDays: 3 });
    expect(plan.statusCode, plan.body).toBe(201);
    // monthly from the 31st stays on month ends; 100 000 in three: 33 334 + 33 333 + 33 333
    expect(plan.json().installments).toEqual([
      { number: 1, dueDate: '2025-07-31', amount: 33_334 },
      { number: 2, dueDate: '2025-08-31', amount: 33_333 },
      { number: 3, dueDate: '2025-09-30', amount: 33_333 },
    ]);
    expect(plan.json()).not.toHaveProperty('reminderSteps');
    expectError(await post(`/api/v1/invoices/${invoiceId}/payment-plans`, { dueDates: ['2025-07-01'] }), 409, 'PLAN_ALREADY_ACTIVE');
    expect((await t.call('GET', `/api/v1/payment-plans/${plan.json().id}`)).json().installments).toHaveLength(3);
    expect((await t.call('GET', `/api/v1/invoices/${invoiceId}/dunning`)).json()).toMatchObject({ state: { kind: 'active', schedule: 'payment_plan' }, paymentPlan: { id: plan.json().id } });
    expect((await post(`/api/v1/payment-plans/${plan.json().id}/cancel`)).json().status).toBe('cancelled');
    expectError(await post(`/api/v1/payment-plans/${plan.json().id}/cancel`), 409, 'PLAN_NOT_ACTIVE');
  });
});

describe('tasks and notes', () => {
  it('builds the worklist by money at risk and completes calls with what was agreed, all or nothing', async () => {
    const big = await post('/api/v1/tasks', { customerId, title: 'Call about the big one', dueOn: '2025-06-16', invoiceIds: [invoiceId] });
    const small = await post('/api/v1/tasks', { customerId, title: 'Call about the small one', dueOn: '2025-06-10', invoiceIds: [otherInvoiceId] });
    await post('/api/v1/tasks', { customerId, title: 'Next week', dueOn: '2025-06-23' });
    expect(big.statusCode, big.body).toBe(201);
    const list = (await t.call('GET', '/api/v1/tasks?due=today')).json().data;
    expect(list.map((x: { title: string; amountAtRisk: number; daysOverdue: number }) => [x.title, x.amountAtRisk, x.daysOverdue])).toEqual([
      ['Call about the big one', 100_000, 3],
      ['Call about the small one', 40_000, 0],
    ]);
    expect((await t.call('GET', '/api/v1/tasks?due=all&assignee=unassigned')).json().data).toHaveLength(3);
    expectError(await t.call('GET', '/api/v1/tasks?due=someday'), 400, 'VALIDATION_FAILED', 'due');
    expectError(await t.call('GET', '/api/v1/tasks?due=2025-02-30'), 400, 'INVALID_DATE', 'due');
    expectError(await t.call('GET', '/api/v1/tasks?assignee=me'), 400, 'NOT_A_USER', 'assignee');
    const stranger = (await post('/api/v1/customers', { name: 'Stranger', currency: 'EUR' })).json().id;
    expectError(await post('/api/v1/tasks', { customerId: stranger, title: 'x', dueOn: '2025-06-16', invoiceIds: [invoiceId] }), 404, 'INVOICE_NOT_FOUND', 'invoiceIds[0]');

    const id = big.json().id;
    expectError(await post(`/api/v1/tasks/${id}/complete`, { outcome: 'reached' }), 422, 'REASON_CODE_REQUIRED', 'reasonCode');
    expectError(await post(`/api/v1/tasks/${id}/complete`, { outcome: 'reached', reasonCode: 'aliens' }), 400, 'VALIDATION_FAILED');
    const before = await s.database.db.select({ n: count() }).from(paymentPromises).where(eq(paymentPromises.orgId, t.orgId));
    const halfWritten = await post(`/api/v1/tasks/${id}/complete`, {
      outcome: 'reached',
      reasonCode: 'cash_flow',
      promise: { invoiceId, promisedDate: '2025-06-30', amount: 20_000, promisedBy: 'Ana', channel: 'phone' },
      dispute: { invoiceId: otherInvoiceId, reasonCode: 'pricing' },
      paymentPlan: { invoiceId: otherInvoiceId, dueDates: ['2025-06-01'] },
    });
    expectError(halfWritten, 422, 'PLAN_FIRST_DATE_IN_PAST', 'paymentPlan.dueDates[0]');
    expect(await s.database.db.select({ n: count() }).from(paymentPromises).where(eq(paymentPromises.orgId, t.orgId))).toEqual(before);
    expect((await t.call('GET', `/api/v1/tasks/${id}`)).json().status).toBe('open');
    expectError(await post(`/api/v1/tasks/${id}/complete`, { outcome: 'reached', reasonCode: 'dispute', dispute: { invoiceId: (await invoiceOfStranger(stranger)), reasonCode: 'quality' } }), 404, 'INVOICE_NOT_FOUND', 'dispute.invoiceId');
    const done = await post(`/api/v1/tasks/${id}/complete`, {
      outcome: 'reached',
      reasonCode: 'cash_flow',
      note: 'Will pay half at month end',
      promise: { invoiceId, promisedDate: '2025-06-30', amount: 20_000, promisedBy: 'Ana', channel: 'phone' },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().task).toMatchObject({ status: 'done', outcome: 'reached', reasonCode: 'cash_flow' });
    const promise = (await t.call('GET', `/api/v1/promises/${done.json().created.promiseId}`)).json();
    expect(promise).toMatchObject({ invoiceId, amount: 20_000, status: 'open' });
    expectError(await post(`/api/v1/tasks/${id}/complete`, { outcome: 'no_answer' }), 409, 'TASK_NOT_OPEN');
    expect((await post(`/api/v1/tasks/${small.json().id}/complete`, { outcome: 'no_answer' })).json().task.status).toBe('done');
  });

  it('keeps notes on customers', async () => {
    expectError(await post(`/api/v1/customers/${customerId}/notes`, { body: '' }), 400, 'VALIDATION_FAILED', 'body');
    expectError(await post(`/api/v1/customers/${customerId}/notes`, { body: 'x'.repeat(10_001) }), 400, 'VALIDATION_FAILED', 'body');
    expect((await post(`/api/v1/customers/${customerId}/notes`, { body: 'Prefers calls after 14:00 — ask for Ana' })).statusCode).toBe(201);
    const notes = (await t.call('GET', `/api/v1/customers/${customerId}/notes`)).json();
    expect(notes.data[0]).toMatchObject({ body: 'Prefers calls after 14:00 — ask for Ana', authorType: 'api_key' });
  });
});

async function invoiceOfStranger(strangerId: string): Promise<string> {
  return invoice(strangerId, '2025-06-30', 1_000);
}

describe('permissions', () => {
  it('lets collectors work collections but not settings, and viewers only read', async () => {
    const as = async (role: string) => (await createApiKey(s.database.db, s.clock, t.orgId, role, role)).key;
    const call = (key: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
      s.app.inject({ method, url, headers: { authorization: `Bearer ${key}` }, ...(payload === undefined ? {} : { payload: payload as object }) });
    const collector = await as('collector');
    const viewer = await as('viewer');
    const accountant = await as('accountant');
    expect((await call(collector, 'PATCH', '/api/v1/dunning/settings', { excluded: true })).statusCode).toBe(403);
    expect((await call(accountant, 'PATCH', '/api/v1/dunning/settings', { excluded: true })).statusCode).toBe(403);
    expect((await call(collector, 'POST', '/api/v1/dunning/policies', { name: 'x', steps: [] })).statusCode).toBe(403);
    expect((await call(collector, 'POST', `/api/v1/customers/${customerId}/notes`, { body: 'ok' })).statusCode).toBe(201);
    expect((await call(viewer, 'POST', `/api/v1/customers/${customerId}/notes`, { body: 'no' })).statusCode).toBe(403);
    expect((await call(viewer, 'GET', '/api/v1/tasks')).statusCode).toBe(200);
    expect((await call(viewer, 'GET', '/api/v1/dunning/settings')).statusCode).toBe(403);
    expect((await call(viewer, 'GET', '/api/v1/dunning/preview')).statusCode).toBe(200);
  });
});

describe('tenant isolation', () => {
  it('gives another organization 404 for every id and changes nothing', async () => {
    const other = await tenant(s.database, s.app, s.clock, { name: 'Other Co' });
    const policy = (await post('/api/v1/dunning/policies', { name: 'Mine', steps: [{ id: 'a', offsetDays: 1, channel: 'email', tone: 'firm', templateKey: 'a' }] })).json();
    const dispute = (await post(`/api/v1/invoices/${otherInvoiceId}/disputes`, { reasonCode: 'quality' })).json();
    const claim = (await post(`/api/v1/invoices/${otherInvoiceId}/payment-claims`, {})).json();
    const plan = (await post(`/api/v1/invoices/${otherInvoiceId}/payment-plans`, { dueDates: ['2025-07-15'] })).json();
    const task = (await post('/api/v1/tasks', { customerId, title: 'Mine', dueOn: '2025-06-16' })).json();
    const promise = (await t.call('GET', '/api/v1/promises?status=open')).json().data[0];
    const snapshot = async () =>
      Promise.all(
        [disputes, paymentPromises, paymentClaims, paymentPlans, collectionTasks, customerNotes, dunningHistory, outbox].map(async (table) =>
          JSON.stringify(await s.database.db.select().from(table).where(eq(table.orgId, t.orgId))),
        ),
      );
    const before = await snapshot();
    const put = (url: string, payload: unknown) => s.app.inject({ method: 'PUT', url, headers: { authorization: `Bearer ${other.key}` }, payload: payload as object });
    const attempts = [
      () => other.call('GET', `/api/v1/dunning/policies/${policy.id}`),
      () => put(`/api/v1/dunning/policies/${policy.id}`, { name: 'Stolen', steps: policy.steps }),
      () => other.call('DELETE', `/api/v1/dunning/policies/${policy.id}`),
      () => other.call('PATCH', '/api/v1/dunning/settings', { defaultPolicyId: policy.id }),
      () => other.call('GET', `/api/v1/customers/${customerId}/dunning`),
      () => other.call('PATCH', `/api/v1/customers/${customerId}/dunning`, { excluded: true }),
      () => other.call('GET', `/api/v1/invoices/${invoiceId}/dunning`),
      () => other.call('PATCH', `/api/v1/invoices/${invoiceId}/dunning`, { excluded: true }),
      () => other.call('POST', `/api/v1/invoices/${invoiceId}/dunning/pause`),
      () => other.call('POST', `/api/v1/invoices/${invoiceId}/dunning/resume`),
      () => other.call('POST', `/api/v1/invoices/${invoiceId}/disputes`, { reasonCode: 'quality' }),
      () => other.call('GET', `/api/v1/disputes/${dispute.id}`),
      () => other.call('POST', `/api/v1/disputes/${dispute.id}/resolve`, { resolution: 'rejected' }),
      () => other.call('POST', `/api/v1/invoices/${invoiceId}/promises`, { promisedDate: '2025-06-25', amount: 1, promisedBy: 'x', channel: 'phone' }),
      () => other.call('GET', `/api/v1/promises/${promise.id}`),
      () => other.call('POST', `/api/v1/promises/${promise.id}/cancel`),
      () => other.call('POST', `/api/v1/invoices/${invoiceId}/payment-claims`, {}),
      () => other.call('POST', `/api/v1/payment-claims/${claim.id}/close`),
      () => other.call('POST', `/api/v1/invoices/${invoiceId}/payment-plans`, { dueDates: ['2025-07-15'] }),
      () => other.call('GET', `/api/v1/payment-plans/${plan.id}`),
      () => other.call('POST', `/api/v1/payment-plans/${plan.id}/cancel`),
      () => other.call('GET', `/api/v1/customers/${customerId}/notes`),
      () => other.call('POST', `/api/v1/customers/${customerId}/notes`, { body: 'spy' }),
      () => other.call('GET', `/api/v1/tasks/${task.id}`),
      () => other.call('POST', `/api/v1/tasks/${task.id}/complete`, { outcome: 'no_answer' }),
      () => other.call('POST', '/api/v1/tasks', { customerId, title: 'x', dueOn: '2025-06-16' }),
    ];
    for (const attempt of attempts) {
      const r = await attempt();
      expect(r.statusCode, `${r.body}`).toBe(404);
    }
    expect(await snapshot()).toEqual(before);
    for (const list of ['/api/v1/disputes', '/api/v1/promises', '/api/v1/payment-claims', '/api/v1/payment-plans', '/api/v1/tasks?due=all']) {
      expect((await other.call('GET', list)).json().data).toEqual([]);
    }
    expect((await other.call('GET', '/api/v1/dunning/preview?date=2025-06-20')).json().messages).toEqual([]);
    expect((await other.call('GET', '/api/v1/dunning/policies')).json().data).toHaveLength(1);
    expect((await other.call('POST', '/api/v1/dunning/run')).json().messagesQueued).toBe(0);
    expect(await s.database.db.select({ n: count() }).from(outbox).where(and(eq(outbox.orgId, other.orgId)))).toEqual([{ n: 0 }]);
  });
});
