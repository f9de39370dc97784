import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lateFeeChargesOf } from '../src/db/repositories/late-fees.ts';
import { findInvoice } from '../src/db/repositories/invoices.ts';
import { listEvents } from '../src/db/repositories/events.ts';
import type { App } from '../src/http/server.ts';
import { postLateFee } from '../src/services/terms/post-late-fee.ts';
import { testApp, tenant, type TestClock } from './support/app.ts';
import { testDatabase } from './support/database.ts';
import { TermsClient, ZERO_UUID } from './support/terms.ts';

let database: Awaited<ReturnType<typeof testDatabase>>;
let app: App;
let clock: TestClock;
let api: TermsClient;
let other: TermsClient;

beforeAll(async () => {
  database = await testDatabase();
  ({ app, clock } = await testApp(database, '2025-04-30T09:00:00Z'));
  api = new TermsClient(app, await tenant(database, app, clock));
  other = new TermsClient(app, await tenant(database, app, clock, { name: 'Other Co' }));
});
afterAll(async () => {
  await app.close();
  await database.dispose();
});

const interestPolicy = { charge: { kind: 'interest', annualRateBp: 1200 }, chargeMode: 'each_step' };

/** A customer on its own policy, with an invoice of 1,000.00 EUR due 2025-03-31. */
async function overdueInvoice(policy: Record<string, unknown>, body: Record<string, unknown> = {}) {
  const c = await api.customer();
  await api.ok('PUT', `/late-fee-policies/customers/${c.id}`, policy);
  const inv = await api.invoice(c.id, { issueDate: '2025-03-01', dueDate: '2025-03-31', ...body });
  return { c, inv };
}

describe('interest on the real balance history', () => {
  it('explains the interest line by line, posts it as a separate invoice, and posts only the increment later', async () => {
    clock.set('2025-04-30T09:00:00Z');
    const { c, inv } = await overdueInvoice(interestPolicy);
    await api.pay(c.id, 40_000, '2025-04-15', inv.id);

    const statement = await api.ok('GET', `/invoices/${inv.id}/interest?asOf=2025-04-30`);
    // 12 % a year, actual/365, from the day after the due date:
    //   1–14 Apr: 1000.00 × 0.12 × 14 / 365 = 100000 × 1200 × 14 / 3,650,000 = 460.2740 cents
    //  15–30 Apr:  600.00 × 0.12 × 16 / 365 =  60000 × 1200 × 16 / 3,650,000 = 315.6164 cents
    //  total (2,832,000,000 / 3,650,000) = 775.8904 → 776, rounded once.
    expect(statement.lines).toEqual([
      { from: '2025-04-01', to: '2025-04-14', days: 14, balance: 100_000, annualRateBp: 1200, amount: 460, exact: '460.2740', rateSource: { kind: 'contract', annualRateBp: 1200 } },
      { from: '2025-04-15', to: '2025-04-30', days: 16, balance: 60_000, annualRateBp: 1200, amount: 316, exact: '315.6164', rateSource: { kind: 'contract', annualRateBp: 1200 } },
    ]);
    expect(statement).toMatchObject({ basis: 'customer', dayCount: 'actual/365', state: 'accruing', interest: { amount: 776, exact: '775.8904' }, compensation: null });
    expect(statement.totals).toEqual({ interest: 776, compensation: 0, claim: 776, interestNotYetCharged: 776 });

    const posted = await api.ok('POST', `/invoices/${inv.id}/late-fees`, { stepIndex: 0 }, 201);
    expect(posted).toMatchObject({ stepIndex: 0, asOf: '2025-04-30', policySource: 'customer', overdueBalance: 60_000, lines: [{ component: 'interest', amount: 776, capped: false }] });
    const fee = posted.feeInvoice;
    expect(fee).toMatchObject({ kind: 'invoice', total: 776, taxTotal: 0, status: 'open', lateFeeForInvoiceId: inv.id, customerId: c.id });
    expect(fee.id).not.toBe(inv.id);
    const original = await api.ok('GET', `/invoices/${inv.id}`);
    expect(original).toMatchObject({ total: 100_000, balance: 60_000, lateFeeForInvoiceId: null });
    const feeDetail = await api.ok('GET', `/invoices/${fee.id}`);
    expect(feeDetail.lines).toHaveLength(1);
    expect(feeDetail.lines[0].description).toBe(`Late payment interest on invoice ${inv.number}, 1 Apr 2025 to 30 Apr 2025`);

    const retry = await api.ok('POST', `/invoices/${inv.id}/late-fees`, { stepIndex: 0 });
    expect(retry).toMatchObject({ feeInvoice: null, lines: [], skipped: [{ component: 'interest', code: 'ALREADY_CHARGED' }] });

    // 300.00 more on 10 May. On 20 May interest has run 25 days on 600.00 (15 Apr – 9 May) and 11 days on
    // 300.00 (10–20 May):
    //   1,680,000,000 + 60000 × 1200 × 25 + 30000 × 1200 × 11 = 1,680,000,000 + 1,800,000,000 + 396,000,000
    //   = 3,876,000,000 / 3,650,000 = 1061.9178 → 1062; 776 already charged, so 286 now.
    await api.pay(c.id, 30_000, '2025-05-10', inv.id);
    clock.set('2025-05-20T09:00:00Z');
    const second = await api.ok('POST', `/invoices/${inv.id}/late-fees`, { stepIndex: 1 }, 201);
    expect(second.lines).toEqual([{ component: 'interest', amount: 286, capped: false }]);
    const secondDetail = await api.ok('GET', `/invoices/${second.feeInvoice.id}`);
    expect(secondDetail.lines[0].description).toContain('1 May 2025 to 20 May 2025');

    const list = await api.ok('GET', `/invoices/${inv.id}/late-fees`);
    expect(list.data.map((f: { total: number }) => f.total)).toEqual([776, 286]);
    const now = await api.ok('GET', `/invoices/${inv.id}/interest`);
    expect(now).toMatchObject({ asOf: '2025-05-20', interest: { amount: 1062 }, charged: { interest: 1062 }, totals: { interestNotYetCharged: 0 } });

    const timeline = (await api.ok('GET', `/events?entityId=${inv.id}`)).data.map((e: { action: string }) => e.action);
    expect(timeline.filter((a: string) => a === 'invoice.late_fee_posted')).toHaveLength(2);
  });

  it('leaves out a payment that bounced: it never reduced the debt', async () => {
    clock.set('2025-04-30T09:00:00Z');
    const { c, inv } = await overdueInvoice(interestPolicy);
    const paid = await api.pay(c.id, 40_000, '2025-04-15', inv.id);
    await api.ok('POST', `/payments/${paid.payment.id}/reverse`, { reason: 'Bounced' });
    const statement = await api.ok('GET', `/invoices/${inv.id}/interest?asOf=2025-04-30`);
    // 30 days on 1000.00: 100000 × 1200 × 30 / 3,650,000 = 986.30 → 986
    expect(statement.lines).toHaveLength(1);
    expect(statement.interest.amount).toBe(986);
  });

  it('uses the statutory rate of each half-year and says where it came from', async () => {
    clock.set('2025-07-10T09:00:00Z');
    const c = await api.customer();
    const inv = await api.invoice(c.id, { issueDate: '2025-05-21', dueDate: '2025-06-20' });
    const statement = await api.ok('GET', `/invoices/${inv.id}/interest?asOf=2025-07-10&jurisdiction=EU`);
    // EU: ECB MRO on 1 Jan 2025 (3.15 %) + 8 = 11.15 % for 21–30 Jun; on 1 Jul 2025 (2.15 %) + 8 = 10.15 % after.
    //   100000 × 1115 × 10 + 100000 × 1015 × 10 = 2,130,000,000 / 3,650,000 = 583.56 → 584
    expect(statement.basis).toBe('query');
    expect(statement.lines.map((l: { from: string; days: number; annualRateBp: number }) => [l.from, l.days, l.annualRateBp])).toEqual([
      ['2025-06-21', 10, 1115],
      ['2025-07-01', 10, 1015],
    ]);
    expect(statement.lines[1].rateSource).toEqual({
      kind: 'statutory',
      jurisdiction: 'EU',
      series: 'ECB_MRO',
      referenceRateBp: 215,
      marginBp: 800,
      referenceDate: '2025-07-01',
      validFrom: '2025-07-01',
      validTo: '2025-12-31',
    });
    expect(statement.interest.amount).toBe(584);
    // Past the shipped table the rate is unknown, not assumed: the organization extends the series itself (its
    // series replaces the shipped one of the same name).
    await api.fails('GET', `/invoices/${inv.id}/interest?asOf=2026-03-01&jurisdiction=EU`, undefined, 422, 'REFERENCE_RATE_UNKNOWN');
    await api.ok('PUT', '/late-fee-policies/reference-rates', { ECB_MRO: { coveredThrough: '2026-06-30', changes: [{ from: '2024-12-18', rateBp: 315 }, { from: '2025-06-11', rateBp: 215 }] } });
    const extended = await api.ok('GET', `/invoices/${inv.id}/interest?asOf=2026-03-01&jurisdiction=EU`);
    expect(extended.lines.at(-1)).toMatchObject({ from: '2026-01-01', annualRateBp: 1015, rateSource: { referenceDate: '2026-01-01' } });
    expect((await api.ok('GET', '/late-fee-policies/reference-rates')).referenceRates.ECB_MRO.coveredThrough).toBe('2026-06-30');
    await api.ok('DELETE', '/late-fee-policies/reference-rates');
    await api.fails('DELETE', '/late-fee-policies/reference-rates', undefined, 404, 'REFERENCE_RATES_NOT_FOUND');
  });
});

describe('fees through the service: modes, caps, compensation', () => {
  it('charges a fixed fee once, whatever the step', async () => {
    clock.set('2025-04-30T09:00:00Z');
    const { inv } = await overdueInvoice({ charge: { kind: 'fixed', amounts: { EUR: 2_500 } }, chargeMode: 'once' });
    const first = await postLateFee(api.t.ctx, inv.id, 0);
    expect(first.ok && first.value.lines).toEqual([{ component: 'fee', amount: 2_500, capped: false }]);
    const second = await postLateFee(api.t.ctx, inv.id, 1);
    expect(second.ok && second.value).toMatchObject({ feeInvoice: null, skipped: [{ component: 'fee', code: 'ALREADY_CHARGED' }] });
    expect(await lateFeeChargesOf(database.db, api.t.orgId, inv.id)).toHaveLength(1);
  });

  it('charges at each step until the caps stop it, and says so', async () => {
    clock.set('2025-04-30T09:00:00Z');
    const { inv } = await overdueInvoice({ charge: { kind: 'fixed', amounts: { EUR: 2_500 } }, chargeMode: 'each_step', caps: { absolute: { EUR: 6_000 }, percentOfInvoiceBp: 1_000 } });
    const amounts = [];
    for (const step of [0, 1, 2, 3]) {
      const r = await postLateFee(api.t.ctx, inv.id, step);
      if (!r.ok) throw new Error(r.message);
      amounts.push(r.value.lines.map((l) => [l.amount, l.capped]), r.value.skipped.map((s) => s.code));
    }
    // Caps: 60.00 absolute and 10 % of 1000.00 = 100.00; the smaller, 60.00, binds: 25 + 25 + 10 (capped).
    expect(amounts).toEqual([[[2_500, false]], [], [[2_500, false]], [], [[1_000, true]], [], [], ['CAP_REACHED']]);
  });

  it('honours grace days and the minimum balance', async () => {
    clock.set('2025-04-05T09:00:00Z');
    const { inv } = await overdueInvoice({ charge: { kind: 'percent', rateBp: 500 }, graceDays: 7, minimumOverdue: { EUR: 50_000 } });
    const inGrace = await postLateFee(api.t.ctx, inv.id, 0);
    expect(inGrace.ok && inGrace.value.skipped).toEqual([{ component: 'fee', code: 'IN_GRACE' }]);
    clock.set('2025-04-10T09:00:00Z');
    const due = await postLateFee(api.t.ctx, inv.id, 0);
    // 5 % of 1000.00 = 50.00
    expect(due.ok && due.value.lines).toEqual([{ component: 'fee', amount: 5_000, capped: false }]);
  });

  it('adds the fixed compensation once, and skips it without an exchange quote when the invoice is in another currency', async () => {
    clock.set('2025-04-30T09:00:00Z');
    const policy = { charge: { kind: 'interest', annualRateBp: 1200 }, compensation: { kind: 'fixed', amount: { amount: 4_000, currency: 'EUR' } }, chargeMode: 'each_step' };
    const { inv } = await overdueInvoice(policy);
    const first = await postLateFee(api.t.ctx, inv.id, 0);
    expect(first.ok && first.value.lines.map((l) => [l.component, l.amount])).toEqual([
      ['interest', 986],
      ['compensation', 4_000],
    ]);
    const detail = await api.ok('GET', `/invoices/${first.ok && first.value.feeInvoice!.id}`);
    expect(detail.lines.map((l: { description: string }) => l.description)).toEqual([
      `Late payment interest on invoice ${inv.number}, 1 Apr 2025 to 30 Apr 2025`,
      `Fixed compensation for recovery costs, invoice ${inv.number}`,
    ]);
    clock.set('2025-05-30T09:00:00Z');
    const second = await postLateFee(api.t.ctx, inv.id, 1);
    expect(second.ok && second.value.lines.map((l) => l.component)).toEqual(['interest']);

    clock.set('2025-04-30T09:00:00Z');
    const ron = await api.customer({ currency: 'RON', locale: 'ro', name: 'Client Român SRL' });
    await api.ok('PUT', `/late-fee-policies/customers/${ron.id}`, policy);
    const lei = await api.invoice(ron.id, { issueDate: '2025-03-01', dueDate: '2025-03-31' });
    const skipped = await api.ok('POST', `/invoices/${lei.id}/late-fees`, {}, 201);
    expect(skipped.lines.map((l: { component: string }) => l.component)).toEqual(['interest']);
    expect(skipped.skipped).toEqual([{ component: 'compensation', code: 'EXCHANGE_QUOTE_REQUIRED' }]);
    expect(skipped.stepIndex).toBe(-1);
    const ronDetail = await api.ok('GET', `/invoices/${skipped.feeInvoice.id}`);
    expect(ronDetail.lines[0].description).toBe(`Dobânzi penalizatoare pentru factura ${lei.number}, 01.04.2025 – 30.04.2025`);
    // 100.00 EUR = 497.70 RON: 40.00 EUR → 199.08 RON
    const withQuote = await api.ok('POST', `/invoices/${lei.id}/late-fees`, { exchange: { reference: { amount: 10_000, currency: 'EUR' }, invoice: { amount: 49_770, currency: 'RON' } } }, 201);
    expect(withQuote.lines).toEqual([{ component: 'compensation', amount: 19_908, capped: false }]);
    expect(withQuote.stepIndex).toBe(-2);
  });

  it('refuses fees on a late-fee invoice, on drafts and void invoices; without a policy nothing is due', async () => {
    clock.set('2025-04-30T09:00:00Z');
    const { inv } = await overdueInvoice({ charge: { kind: 'fixed', amounts: { EUR: 100 } } });
    const posted = await postLateFee(api.t.ctx, inv.id, 0);
    const feeId = posted.ok ? posted.value.feeInvoice!.id : '';
    await api.fails('POST', `/invoices/${feeId}/late-fees`, {}, 422, 'LATE_FEE_ON_LATE_FEE');
    const c = await api.customer();
    const draft = await api.ok('POST', '/invoices', { customerId: c.id, lines: [{ description: 'x', quantity: 1, unitPrice: 100 }] }, 201);
    await api.fails('POST', `/invoices/${draft.id}/late-fees`, {}, 409, 'INVOICE_NOT_ISSUED');
    const voided = await api.invoice(c.id, { issueDate: '2025-03-01', dueDate: '2025-03-31' });
    await api.ok('POST', `/invoices/${voided.id}/void`, { reason: 'Sent twice' });
    await api.fails('POST', `/invoices/${voided.id}/late-fees`, {}, 409, 'INVOICE_NOT_OPEN');
    const plain = await api.invoice(c.id, { issueDate: '2025-03-01', dueDate: '2025-03-31' });
    const none = await api.ok('POST', `/invoices/${plain.id}/late-fees`, {});
    expect(none).toMatchObject({ policySource: null, feeInvoice: null, lines: [] });
    await api.fails('GET', `/invoices/${plain.id}/interest`, undefined, 422, 'INTEREST_RATE_MISSING');
  });
});

describe('waivers', () => {
  it('waives a fee with a credit note and an event, once; a waived interest is not charged again', async () => {
    clock.set('2025-04-30T09:00:00Z');
    const { inv } = await overdueInvoice(interestPolicy);
    const posted = await api.ok('POST', `/invoices/${inv.id}/late-fees`, { stepIndex: 0 }, 201);
    const feeId = posted.feeInvoice.id;
    const waived = await api.ok('POST', `/invoices/${inv.id}/late-fees/${feeId}/waive`, { reason: 'Goodwill: first delay in ten years' });
    expect(waived.amount).toBe(986);
    expect(waived.creditNote).toMatchObject({ kind: 'credit_note', total: 986, originalInvoiceId: feeId, status: 'paid' });
    expect(waived.feeInvoice).toMatchObject({ status: 'paid', balance: 0, amountCredited: 986 });
    await api.fails('POST', `/invoices/${inv.id}/late-fees/${feeId}/waive`, { reason: 'again' }, 409, 'LATE_FEE_ALREADY_WAIVED');
    const list = await api.ok('GET', `/invoices/${inv.id}/late-fees`);
    expect(list.data[0].waiver).toEqual({ creditNoteId: waived.creditNote.id, reason: 'Goodwill: first delay in ten years' });
    expect(list.data[0].components[0]).toMatchObject({ amount: 986, waivedAmount: 986 });
    const events = await listEvents(database.db, api.t.orgId, { entityId: inv.id, limit: 50 });
    expect(events.find((e) => e.action === 'invoice.late_fee_waived')?.after).toMatchObject({ feeInvoiceId: feeId, amount: 986, reason: 'Goodwill: first delay in ten years' });

    // A week later only the week's interest is charged: 1000.00 × 12 % × 7 / 365 = 230.14 → 1216 − 986 = 230
    clock.set('2025-05-07T09:00:00Z');
    const next = await api.ok('POST', `/invoices/${inv.id}/late-fees`, { stepIndex: 1 }, 201);
    expect(next.lines).toEqual([{ component: 'interest', amount: 230, capped: false }]);
  });

  it('finds no fee under another invoice or a made-up id', async () => {
    clock.set('2025-04-30T09:00:00Z');
    const { inv } = await overdueInvoice(interestPolicy);
    const { inv: second } = await overdueInvoice(interestPolicy);
    const posted = await api.ok('POST', `/invoices/${inv.id}/late-fees`, {}, 201);
    await api.fails('POST', `/invoices/${second.id}/late-fees/${posted.feeInvoice.id}/waive`, { reason: 'x' }, 404, 'LATE_FEE_NOT_FOUND');
    await api.fails('POST', `/invoices/${inv.id}/late-fees/${ZERO_UUID}/waive`, { reason: 'x' }, 404, 'LATE_FEE_NOT_FOUND');
    await api.fails('POST', `/invoices/${inv.id}/late-fees/${inv.id}/waive`, { reason: 'x' }, 404, 'LATE_FEE_NOT_FOUND');
  });
});

describe('policies', () => {
  it('keeps an organization default and per-customer overrides; the override wins', async () => {
    const saved = await api.ok('PUT', '/late-fee-policies/organization', { charge: { kind: 'statutory_interest', jurisdiction: 'RO' }, compensation: { kind: 'fixed', amount: { amount: 4_000, currency: 'EUR' } }, graceDays: 3 });
    expect(saved.policy).toEqual({
      charge: { kind: 'statutory_interest', jurisdiction: 'RO' },
      compensation: { kind: 'fixed', amount: { amount: 4_000, currency: 'EUR' } },
      graceDays: 3,
      minimumOverdue: {},
      caps: { absolute: {}, percentOfInvoiceBp: null },
      chargeMode: 'once',
    });
    const c = await api.customer();
    expect(await api.ok('GET', `/late-fee-policies/customers/${c.id}`)).toMatchObject({ source: 'organization', policy: { graceDays: 3 } });
    await api.ok('PUT', `/late-fee-policies/customers/${c.id}`, { charge: { kind: 'percent', rateBp: 150 } });
    expect(await api.ok('GET', `/late-fee-policies/customers/${c.id}`)).toMatchObject({ source: 'customer', policy: { charge: { kind: 'percent', rateBp: 150 } } });
    const all = await api.ok('GET', '/late-fee-policies');
    expect(all.organization.policy.graceDays).toBe(3);
    expect(all.customers.map((p: { customerId: string }) => p.customerId)).toContain(c.id);
    await api.ok('DELETE', `/late-fee-policies/customers/${c.id}`);
    expect((await api.ok('GET', `/late-fee-policies/customers/${c.id}`)).source).toBe('organization');
    await api.fails('DELETE', `/late-fee-policies/customers/${c.id}`, undefined, 404, 'LATE_FEE_POLICY_NOT_FOUND');
    await api.ok('DELETE', '/late-fee-policies/organization');
    expect(await api.ok('GET', `/late-fee-policies/customers/${c.id}`)).toEqual({ source: null, policy: null });
    const orgEvents = (await listEvents(database.db, api.t.orgId, { entityId: api.t.orgId, limit: 20 })).map((e) => e.action);
    expect(orgEvents).toEqual(expect.arrayContaining(['late_fee_policy.saved', 'late_fee_policy.removed']));
  });

  it('lets only roles with settings:write change policies', async () => {
    const accountant = await api.as(database, clock, 'accountant');
    await accountant.fails('PUT', '/late-fee-policies/organization', { charge: { kind: 'percent', rateBp: 100 } }, 403, 'FORBIDDEN');
    const viewer = await api.as(database, clock, 'viewer');
    await viewer.ok('GET', '/late-fee-policies');
    await viewer.fails('POST', `/invoices/${ZERO_UUID}/late-fees`, {}, 403, 'FORBIDDEN');
  });

  it.each([
    [{ charge: null }, 422, 'POLICY_EMPTY', 'charge'],
    [{ charge: { kind: 'bogus' } }, 400, 'VALIDATION_FAILED', undefined],
    [{ charge: { kind: 'fixed', amounts: { eur: 100 } } }, 400, 'VALIDATION_FAILED', undefined],
    [{ charge: { kind: 'fixed', amounts: { XXX: 100 } } }, 422, 'CURRENCY_UNKNOWN', 'charge.amounts.XXX'],
    [{ charge: { kind: 'fixed', amounts: {} } }, 400, 'VALIDATION_FAILED', undefined],
    [{ charge: { kind: 'fixed', amounts: { EUR: -5 } } }, 400, 'VALIDATION_FAILED', undefined],
    [{ charge: { kind: 'percent', rateBp: 0 } }, 422, 'RATE_INVALID', 'charge.rateBp'],
    [{ charge: { kind: 'percent', rateBp: 10_001 } }, 400, 'VALIDATION_FAILED', undefined],
    [{ charge: { kind: 'interest', annualRateBp: 1e20 } }, 400, 'VALIDATION_FAILED', undefined],
    [{ charge: { kind: 'interest', annualRateBp: 1.5 } }, 400, 'VALIDATION_FAILED', undefined],
    [{ charge: { kind: 'interest', annualRateBp: 800, dayCount: '30/360' } }, 400, 'VALIDATION_FAILED', undefined],
    [{ charge: { kind: 'statutory_interest', jurisdiction: 'XX' } }, 400, 'VALIDATION_FAILED', undefined],
    [{ charge: { kind: 'percent', rateBp: 100 }, graceDays: -1 }, 400, 'VALIDATION_FAILED', 'graceDays'],
    [{ charge: { kind: 'percent', rateBp: 100 }, chargeMode: 'always' }, 400, 'VALIDATION_FAILED', undefined],
    [{ charge: { kind: 'percent', rateBp: 100 }, sneaky: true }, 400, 'VALIDATION_FAILED', 'sneaky'],
    [{ charge: { kind: 'percent', rateBp: 100 }, compensation: { kind: 'fixed', amount: { amount: 0, currency: 'EUR' } } }, 400, 'VALIDATION_FAILED', undefined],
    ['{"charge":{"kind":"percent","rateBp":100,"__proto__":{"admin":true}}}', 400, undefined, undefined],
    [{ charge: { kind: 'percent', rateBp: 100 }, caps: { absolute: { EUR: 1 }, extra: 1 } }, 400, 'VALIDATION_FAILED', 'caps.extra'],
    ['{"charge":', 400, 'INVALID_JSON', undefined],
    [{ charge: { kind: 'fixed', amounts: Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`A${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}`, 1])) } }, 400, 'VALIDATION_FAILED', undefined],
    ['"not an object"', 400, 'VALIDATION_FAILED', undefined],
  ])('refuses policy %j with %i %s', async (body, status, code, field) => {
    const c = await api.customer();
    await api.fails('PUT', `/late-fee-policies/customers/${c.id}`, body, status, code, field);
    expect((await api.ok('GET', `/late-fee-policies/customers/${c.id}`)).source).not.toBe('customer');
  });

  it.each([
    [{ ECB_MRO: { coveredThrough: '2026-13-01', changes: [{ from: '2025-01-01', rateBp: 100 }] } }, 'ECB_MRO.coveredThrough'],
    [{ ECB_MRO: { coveredThrough: '2026-01-01', changes: [] } }, 'ECB_MRO.changes'],
    [{ ECB_MRO: { coveredThrough: '2026-01-01', changes: [{ from: '2025-02-01', rateBp: 100 }, { from: '2025-01-01', rateBp: 90 }] } }, 'ECB_MRO.changes[1].from'],
    [{ ECB_MRO: { coveredThrough: '2026-01-01', changes: [{ from: '2025-01-01', rateBp: '100' }] } }, 'ECB_MRO.changes[0].rateBp'],
    [{ FED_FUNDS: { coveredThrough: '2026-01-01', changes: [{ from: '2025-01-01', rateBp: 100 }] } }, 'FED_FUNDS'],
    [{ ECB_MRO: 'lots' }, 'ECB_MRO'],
  ])('refuses reference-rate table %j', async (body, field) => {
    await api.fails('PUT', '/late-fee-policies/reference-rates', body, 400, 'RATE_TABLE_MALFORMED', `referenceRates.${field}`);
    expect((await api.ok('GET', '/late-fee-policies/reference-rates')).referenceRates).toBeNull();
  });
});

describe('hostile input on the invoice endpoints', () => {
  it('refuses bad bodies and queries and changes nothing', async () => {
    clock.set('2025-04-30T09:00:00Z');
    const { inv } = await overdueInvoice(interestPolicy);
    await api.fails('POST', `/invoices/${inv.id}/late-fees`, { stepIndex: -1 }, 400, 'VALIDATION_FAILED', 'stepIndex');
    await api.fails('POST', `/invoices/${inv.id}/late-fees`, { stepIndex: 1.5 }, 400, 'VALIDATION_FAILED');
    await api.fails('POST', `/invoices/${inv.id}/late-fees`, { stepIndex: '0; drop table invoices' }, 400, 'VALIDATION_FAILED');
    await api.fails('POST', `/invoices/${inv.id}/late-fees`, { exchange: { reference: { amount: 1, currency: 'EUR' } } }, 400, 'VALIDATION_FAILED');
    await api.fails('POST', `/invoices/${inv.id}/late-fees`, { asOf: '2030-01-01' }, 400, 'VALIDATION_FAILED', 'asOf');
    await api.fails('POST', '/invoices/not-a-uuid/late-fees', {}, 400, 'VALIDATION_FAILED');
    await api.fails('POST', `/invoices/${ZERO_UUID}/late-fees`, {}, 404, 'INVOICE_NOT_FOUND');
    await api.fails('POST', `/invoices/${inv.id}/late-fees/${ZERO_UUID}/waive`, { reason: '' }, 400, 'VALIDATION_FAILED', 'reason');
    await api.fails('POST', `/invoices/${inv.id}/late-fees/${ZERO_UUID}/waive`, { reason: 'x'.repeat(1001) }, 400, 'VALIDATION_FAILED', 'reason');
    await api.fails('GET', `/invoices/${inv.id}/interest?asOf=2025-02-30`, undefined, 400, 'INVALID_DATE', 'asOf');
    await api.fails('GET', `/invoices/${inv.id}/interest?asOf=yesterday`, undefined, 400, 'VALIDATION_FAILED');
    await api.fails('GET', `/invoices/${inv.id}/interest?jurisdiction=EU&annualRateBp=100`, undefined, 400, 'VALIDATION_FAILED', 'annualRateBp');
    await api.fails('GET', `/invoices/${inv.id}/interest?annualRateBp=-1`, undefined, 400, 'VALIDATION_FAILED');
    await api.fails('GET', `/invoices/${inv.id}/interest?jurisdiction=MARS`, undefined, 400, 'VALIDATION_FAILED');
    await api.fails('GET', `/invoices/${inv.id}/interest?evil=1`, undefined, 400, 'VALIDATION_FAILED');
    expect(await lateFeeChargesOf(database.db, api.t.orgId, inv.id)).toEqual([]);
    const far = await api.ok('GET', `/invoices/${inv.id}/interest?asOf=9999-12-31&annualRateBp=1200`);
    expect(far.lines).toHaveLength(1);
  });
});

describe('tenant isolation', () => {
  it("gives 404 for another organization's invoices, fees and customers and changes nothing", async () => {
    clock.set('2025-04-30T09:00:00Z');
    const { c, inv } = await overdueInvoice(interestPolicy);
    const posted = await api.ok('POST', `/invoices/${inv.id}/late-fees`, { stepIndex: 0 }, 201);
    await other.ok('PUT', '/late-fee-policies/organization', { charge: { kind: 'percent', rateBp: 9_000 }, chargeMode: 'each_step' });
    await other.fails('POST', `/invoices/${inv.id}/late-fees`, {}, 404, 'INVOICE_NOT_FOUND');
    await other.fails('GET', `/invoices/${inv.id}/late-fees`, undefined, 404, 'INVOICE_NOT_FOUND');
    await other.fails('GET', `/invoices/${inv.id}/interest`, undefined, 404, 'INVOICE_NOT_FOUND');
    await other.fails('POST', `/invoices/${inv.id}/late-fees/${posted.feeInvoice.id}/waive`, { reason: 'mine now' }, 404, 'LATE_FEE_NOT_FOUND');
    await other.fails('GET', `/late-fee-policies/customers/${c.id}`, undefined, 404, 'CUSTOMER_NOT_FOUND');
    await other.fails('PUT', `/late-fee-policies/customers/${c.id}`, { charge: { kind: 'percent', rateBp: 9_000 } }, 404, 'CUSTOMER_NOT_FOUND');
    await other.fails('DELETE', `/late-fee-policies/customers/${c.id}`, undefined, 404, 'LATE_FEE_POLICY_NOT_FOUND');
    expect(await postLateFee(other.t.ctx, inv.id, 5)).toMatchObject({ ok: false, code: 'INVOICE_NOT_FOUND' });
    expect((await api.ok('GET', `/late-fee-policies/customers/${c.id}`)).policy).toMatchObject(interestPolicy);
    expect(await lateFeeChargesOf(database.db, api.t.orgId, inv.id)).toHaveLength(1);
    expect((await findInvoice(database.db, api.t.orgId, posted.feeInvoice.id))?.status).toBe('open');
    expect((await other.ok('GET', '/late-fee-policies')).customers).toEqual([]);
  });
});

describe('documentation', () => {
  it('describes every terms endpoint in the OpenAPI document', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(r.statusCode).toBe(200);
    const paths = Object.keys(r.json().paths);
    for (const path of [
      '/api/v1/late-fee-policies/organization',
      '/api/v1/late-fee-policies/customers/{customerId}',
      '/api/v1/late-fee-policies/reference-rates',
      '/api/v1/invoices/{id}/late-fees',
      '/api/v1/invoices/{id}/late-fees/{feeId}/waive',
      '/api/v1/invoices/{id}/interest',
      '/api/v1/deposit-policy',
      '/api/v1/deposits/{id}/settle',
      '/api/v1/customers/{id}/retainer',
      '/api/v1/recurring-invoices/{id}/resume',
    ])
      expect(paths).toContain(path);
  });
});
