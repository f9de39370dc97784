import { parse } from 'csv-parse/sync';
import { and, asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { riskRefreshCommand } from '../src/cli/risk.ts';
import { customerRisk } from '../src/db/schema/index.ts';
import { customerRiskJob } from '../src/jobs/customer-risk.ts';
import { createDunningPolicy } from '../src/services/dunning/policies.ts';
import { updateDunningSettings } from '../src/services/dunning/settings.ts';
import { refreshCustomerRisk } from '../src/services/insight/customer-risk.ts';
import { tenant, type Tenant, useApi } from './support/app.ts';
import { historyRows, outboxRows, sentSteps, tick } from './support/dunning.ts';

// The stored computed risk: hand-computed levels from payment behaviour, refreshed in bulk and after the
// facts change, the level set by hand winning, and the effective level steering dunning and deposits.
// Monday 16 June 2025, 08:00 in Bucharest: a working day, before the sending window opens at 09:00.
const suite = useApi('2025-06-16T05:00:00Z');
const ids = {} as Record<'late' | 'prompt' | 'fresh' | 'invoiceC' | 'invoiceG', string>;

type Method = Parameters<Tenant['call']>[0];

async function call(t: Tenant, method: Method, url: string, body?: unknown) {
  const r = await t.call(method, `/api/v1${url}`, body);
  expect(r.statusCode, `${method} ${url}: ${r.body}`).toBeLessThan(300);
  return r.json();
}
const ok = (method: Method, url: string, body?: unknown) => call(suite.t, method, url, body);

async function customer(t: Tenant, name: string, creditLimit: number | null): Promise<string> {
  return (await call(t, 'POST', '/customers', { name, currency: 'EUR', creditLimit, contacts: [{ name: 'Ana', email: `ana@${name.split(' ')[0]!.toLowerCase()}.test` }] })).id;
}

async function invoice(t: Tenant, customerId: string, issueDate: string, dueDate: string, amount: number): Promise<string> {
  return (await call(t, 'POST', '/invoices', { customerId, issueDate, dueDate, issue: true, lines: [{ description: 'Work', quantity: 1, unitPrice: amount, taxRateBp: 0 }] })).id;
}

async function pay(t: Tenant, customerId: string, invoiceId: string, amount: number, receivedOn: string): Promise<void> {
  await call(t, 'POST', '/payments', { customerId, amount, currency: 'EUR', receivedOn, method: 'bank_transfer', allocations: [{ invoiceId, amount }] });
}

/** The customers list's CSV export, one record per customer (each owes in one currency here) by name. */
async function exported(): Promise<Map<string, Record<string, string>>> {
  const r = await suite.t.call('GET', '/api/v1/insight/customers?format=csv');
  expect(r.statusCode, r.body).toBe(200);
  const records = parse(r.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
  return new Map(records.map((c) => [c.customer!, c]));
}

async function stored(orgId: string) {
  return suite.database.db.select().from(customerRisk).where(eq(customerRisk.orgId, orgId)).orderBy(asc(customerRisk.customerId));
}

async function storedOf(customerId: string) {
  const [row] = await suite.database.db.select().from(customerRisk).where(and(eq(customerRisk.orgId, suite.t.orgId), eq(customerRisk.customerId, customerId)));
  return row;
}

const HIGH_REASONS = [
  // Weighted days late (40 × 30,000 + 20 × 10,000) ÷ 40,000 = 35.0 → 35 points, capped at 30.
  { code: 'AVG_DAYS_LATE', value: 350, points: 30 },
  // Both paid invoices late: 25 × 100 % = 25.
  { code: 'SHARE_PAID_LATE', value: 10_000, points: 25 },
  // C 40,000 and D 10,000 overdue against a 50,000 limit: 15 × 100 % = 15.
  { code: 'OVERDUE_VS_CREDIT_LIMIT', value: 10_000, overdue: 50_000, creditLimit: 50_000, points: 15 },
  // The dispute on C: 5.
  { code: 'OPEN_DISPUTES', value: 1, points: 5 },
];
// Both paid invoices on time; G 10,000 overdue against 100,000: 15 × 10 % = 1.5 → 2 (half-up).
const LOW_REASONS = [{ code: 'OVERDUE_VS_CREDIT_LIMIT', value: 1_000, overdue: 10_000, creditLimit: 100_000, points: 2 }];

beforeAll(async () => {
  const t = suite.t;
  ids.late = await customer(t, 'Late GmbH', 50_000);
  await pay(t, ids.late, await invoice(t, ids.late, '2025-02-01', '2025-03-03', 30_000), 30_000, '2025-04-12'); // 40 days late
  await pay(t, ids.late, await invoice(t, ids.late, '2025-03-01', '2025-03-31', 10_000), 10_000, '2025-04-20'); // 20 days late
  ids.invoiceC = await invoice(t, ids.late, '2025-04-15', '2025-05-15', 40_000);
  await invoice(t, ids.late, '2025-05-16', '2025-06-15', 10_000); // D

  ids.prompt = await customer(t, 'Prompt SRL', 100_000);
  await pay(t, ids.prompt, await invoice(t, ids.prompt, '2025-04-01', '2025-05-01', 10_000), 10_000, '2025-04-28');
  await pay(t, ids.prompt, await invoice(t, ids.prompt, '2025-05-01', '2025-05-31', 20_000), 20_000, '2025-05-30');
  ids.invoiceG = await invoice(t, ids.prompt, '2025-05-16', '2025-06-15', 10_000);

  ids.fresh = await customer(t, 'Fresh Co', null);
});

describe('computed risk, stored', () => {
  it('follows a dispute the moment it is opened, before any bulk refresh', async () => {
    const before = await storedOf(ids.late);
    expect(before?.reasons.map((r) => r.code)).not.toContain('OPEN_DISPUTES');
    await ok('POST', `/invoices/${ids.invoiceC}/disputes`, { reasonCode: 'quality', description: 'Half the work missing' });
    expect(await storedOf(ids.late)).toMatchObject({ level: 'high', score: 75, reasons: HIGH_REASONS });
    // Nothing has ever scored the customer without payments or disputes: medium by default.
    expect(await storedOf(ids.fresh)).toBeUndefined();
    expect(await ok('GET', `/customers/${ids.fresh}/risk`)).toEqual({ level: 'medium', source: 'default', manualLevel: null, computed: null });
  });

  it('scores every customer of the organization in one refresh, with hand-computed levels and reasons', async () => {
    expect(await refreshCustomerRisk(suite.database.db, suite.clock, suite.t.orgId)).toBe(3);
    const rows = new Map((await stored(suite.t.orgId)).map((r) => [r.customerId, r]));
    expect(rows.size).toBe(3);
    expect(rows.get(ids.late)).toMatchObject({ level: 'high', score: 75, reasons: HIGH_REASONS });
    expect(rows.get(ids.prompt)).toMatchObject({ level: 'low', score: 2, reasons: LOW_REASONS });
    expect(rows.get(ids.fresh)).toMatchObject({ level: 'medium', score: 0, reasons: [{ code: 'NO_HISTORY', value: 0, points: 0 }] });
    expect(rows.get(ids.late)!.computedAt.toISOString()).toBe('2025-06-16T05:00:00.000Z');
  });

  it('is idempotent: a second refresh changes nothing but the time', async () => {
    const first = await stored(suite.t.orgId);
    suite.clock.set('2025-06-16T05:10:00Z');
    await refreshCustomerRisk(suite.database.db, suite.clock, suite.t.orgId);
    const second = await stored(suite.t.orgId);
    expect(second.map(({ computedAt: _, ...r }) => r)).toEqual(first.map(({ computedAt: _, ...r }) => r));
    expect(second.every((r) => r.computedAt.toISOString() === '2025-06-16T05:10:00.000Z')).toBe(true);
    // An older computation never overwrites a newer one (a long refresh that began before a payment).
    suite.clock.set('2025-06-16T05:05:00Z');
    await refreshCustomerRisk(suite.database.db, suite.clock, suite.t.orgId, [ids.late]);
    expect((await storedOf(ids.late))!.computedAt.toISOString()).toBe('2025-06-16T05:10:00.000Z');
    suite.clock.set('2025-06-16T05:15:00Z');
  });

  it('shows the effective level, its source and the computed reasons on the API', async () => {
    const risk = await ok('GET', `/customers/${ids.late}/risk`);
    expect(risk).toEqual({ level: 'high', source: 'computed', manualLevel: null, computed: { level: 'high', score: 75, reasons: HIGH_REASONS, computedAt: '2025-06-16T05:10:00.000Z' } });
    const overview = await ok('GET', `/insight/customers/${ids.prompt}`);
    expect(overview.effectiveRisk).toMatchObject({ level: 'low', source: 'computed', computed: { score: 2 } });
    expect(overview.risk).toEqual({ level: 'low', score: 2, reasons: LOW_REASONS });
  });

  it('lets a level set by hand win, and falls back to the computed level when it is cleared', async () => {
    await ok('PATCH', `/customers/${ids.late}/dunning`, { riskLevel: 'low' });
    expect(await ok('GET', `/customers/${ids.late}/risk`)).toMatchObject({ level: 'low', source: 'manual', manualLevel: 'low', computed: { level: 'high' } });
    const listed = (await ok('GET', '/insight/customers')).data.find((c: { id: string }) => c.id === ids.late);
    expect(listed.effectiveRisk).toMatchObject({ level: 'low', source: 'manual' });
    // The export says what the list says, beside the stored computed score (today's figures score 75 too).
    expect(listed.risk).toMatchObject({ level: 'high', score: 75 });
    expect((await exported()).get('Late GmbH')).toMatchObject({ risk_level: 'low', risk_source: 'manual', risk_score: '75' });
    // A refresh keeps the computed level beside the manual one and never touches the manual one.
    await refreshCustomerRisk(suite.database.db, suite.clock, suite.t.orgId);
    expect(await ok('GET', `/customers/${ids.late}/risk`)).toMatchObject({ level: 'low', source: 'manual', computed: { level: 'high' } });
    await ok('PATCH', `/customers/${ids.late}/dunning`, { riskLevel: null });
    expect(await ok('GET', `/customers/${ids.late}/risk`)).toMatchObject({ level: 'high', source: 'computed', manualLevel: null });
    expect((await exported()).get('Late GmbH')).toMatchObject({ risk_level: 'high', risk_source: 'computed', risk_score: '75' });
  });

  it('follows a payment at once: the paid overdue invoice no longer weighs', async () => {
    await pay(suite.t, ids.prompt, ids.invoiceG, 10_000, '2025-06-16');
    // Paid the day after its due date: 1 day late of 3 (weighted 10,000 ÷ 40,000 → 0.25 → 0.3 days, 0 points),
    // 33.33 % paid late → 25 × 0.3333 = 8.33 → 8 points; nothing overdue. Score 8: low.
    expect(await storedOf(ids.prompt)).toMatchObject({ level: 'low', score: 8, reasons: [{ code: 'SHARE_PAID_LATE', value: 3_333, points: 8 }] });
    ids.invoiceG = await invoice(suite.t, ids.prompt, '2025-05-16', '2025-06-15', 10_000);
    await refreshCustomerRisk(suite.database.db, suite.clock, suite.t.orgId, [ids.prompt]);
    expect(await storedOf(ids.prompt)).toMatchObject({ level: 'low', score: 10 });
  });
});

describe('the effective level in dunning and deposits', () => {
  it('fires a step aimed at high risk for the computed high-risk customer and not for the low-risk one; a manual level turns it round', async () => {
    const ctx = suite.t.ctx;
    const policy = await createDunningPolicy(ctx, {
      name: 'Risky customers get a firm word',
      steps: [{ id: 'firm_if_risky', offsetDays: 1, channel: 'email', tone: 'firm', templateKey: 'overdue', conditions: { riskLevels: ['high'] } }],
    });
    if (!policy.ok) throw new Error(policy.message);
    const settings = await updateDunningSettings(ctx, { defaultPolicyId: policy.value.id });
    if (!settings.ok) throw new Error(settings.message);

    const outcomes = async () => {
      const report = await tick(ctx, { dryRun: true });
      return Object.fromEntries(report.decisions.map((d) => [d.customerName, d.history.filter((h) => h.stepId === 'firm_if_risky').map((h) => `${h.outcome}:${h.reason}`)]));
    };
    expect(await outcomes()).toMatchObject({ 'Late GmbH': ['sent:DUE_TODAY'], 'Prompt SRL': ['skipped:CONDITION_NOT_MET'] });
    await ok('PATCH', `/customers/${ids.late}/dunning`, { riskLevel: 'medium' });
    await ok('PATCH', `/customers/${ids.prompt}/dunning`, { riskLevel: 'high' });
    expect(await outcomes()).toMatchObject({ 'Late GmbH': ['skipped:CONDITION_NOT_MET'], 'Prompt SRL': ['sent:DUE_TODAY'] });
    await ok('PATCH', `/customers/${ids.late}/dunning`, { riskLevel: null });
    await ok('PATCH', `/customers/${ids.prompt}/dunning`, { riskLevel: null });

    await tick(ctx);
    const rows = await outboxRows(ctx);
    expect(sentSteps(rows)).toEqual(['firm_if_risky@2025-06-16']);
    expect(rows[0]!.recipient).toBe('ana@late.test');
    expect((await historyRows(ctx)).filter((h) => h.customerId === ids.prompt).map((h) => `${h.stepId}:${h.outcome}`)).toEqual(['firm_if_risky:skipped']);
  });

  it('asks a customer whose effective level is high for a deposit', async () => {
    // The tenant helper has no PUT.
    const policy = await suite.app.inject({ method: 'PUT', url: '/api/v1/deposit-policy', headers: { authorization: `Bearer ${suite.t.key}` }, payload: { newCustomers: false, highRisk: true, percentBp: 3_000 } });
    expect(policy.statusCode, policy.body).toBe(200);
    expect(await ok('GET', `/customers/${ids.late}/deposit-requirement`)).toEqual({ required: true, reasons: ['HIGH_RISK'], percentBp: 3_000 });
    expect((await ok('GET', `/customers/${ids.prompt}/deposit-requirement`)).required).toBe(false);
    await ok('PATCH', `/customers/${ids.prompt}/dunning`, { riskLevel: 'high' });
    expect((await ok('GET', `/customers/${ids.prompt}/deposit-requirement`)).reasons).toEqual(['HIGH_RISK']);
    await ok('PATCH', `/customers/${ids.late}/dunning`, { riskLevel: 'medium' });
    expect((await ok('GET', `/customers/${ids.late}/deposit-requirement`)).required).toBe(false);
  });
});

describe('tenant isolation and entry points', () => {
  it("keeps organizations apart: another organization's refresh leaves ours alone, its key cannot read our customers", async () => {
    const other = await tenant(suite.database, suite.app, suite.clock, { name: 'Elsewhere Ltd' });
    const theirs = await customer(other, 'Their Customer', 1_000);
    await pay(other, theirs, await invoice(other, theirs, '2025-04-01', '2025-05-01', 5_000), 5_000, '2025-05-20');
    const ours = await stored(suite.t.orgId);
    suite.clock.set('2025-06-16T06:00:00Z');
    expect(await refreshCustomerRisk(suite.database.db, suite.clock, other.orgId)).toBe(1);
    // Our customer's id in their refresh is not one of theirs: skipped, not scored under their name.
    expect(await refreshCustomerRisk(suite.database.db, suite.clock, other.orgId, [ids.late])).toBe(0);
    expect(await stored(suite.t.orgId)).toEqual(ours);
    // 19 days late on its only invoice: 19 + 25 points, medium.
    expect((await stored(other.orgId)).map((r) => [r.customerId, r.level, r.score])).toEqual([[theirs, 'medium', 44]]);

    for (const url of [`/api/v1/customers/${ids.late}/risk`, `/api/v1/insight/customers/${ids.late}`]) {
      const r = await other.call('GET', url);
      expect(r.statusCode, url).toBe(404);
      expect(r.json().error.code).toBe('CUSTOMER_NOT_FOUND');
    }
    expect((await suite.t.call('GET', `/api/v1/customers/${theirs}/risk`)).statusCode).toBe(404);
  });

  it('refuses malformed customer ids naming the field', async () => {
    for (const id of ['nope', "1'%20or%20'1'='1", '00000000-0000-0000-0000-00000000000g']) {
      const r = await suite.t.call('GET', `/api/v1/customers/${id}/risk`);
      expect(r.statusCode, id).toBe(400);
      expect(r.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'id' });
    }
  });

  it('refreshes every organization from the daily job and from the CLI', async () => {
    suite.clock.set('2025-06-17T01:30:00Z');
    const logged: unknown[] = [];
    const log = { info: (o: unknown) => logged.push(o), warn: () => {}, error: () => {} };
    const job = customerRiskJob();
    expect(job.cron).toBe('30 1 * * *');
    const result = (await job.run({ db: suite.database.db, clock: suite.clock, log, signal: new AbortController().signal, trigger: async () => {} } as never, {})) as { organizations: { orgId: string; customers: number }[] };
    expect(result.organizations.find((o) => o.orgId === suite.t.orgId)?.customers).toBe(3);
    expect((await storedOf(ids.late))!.computedAt.toISOString()).toBe('2025-06-17T01:30:00.000Z');

    const lines: string[] = [];
    expect(await riskRefreshCommand(suite.database, { org: '00000000-0000-4000-8000-000000000001' }, (l) => lines.push(l), suite.clock)).toBe('No organization 00000000-0000-4000-8000-000000000001');
    suite.clock.set('2025-06-17T02:00:00Z');
    expect(await riskRefreshCommand(suite.database, { org: suite.t.orgId }, (l) => lines.push(l), suite.clock)).toBeNull();
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^Organization ${suite.t.orgId}: 3 customer\\(s\\) scored in \\d+ ms\\.$`))]);
    expect((await storedOf(ids.fresh))!.computedAt.toISOString()).toBe('2025-06-17T02:00:00.000Z');
  });
});
