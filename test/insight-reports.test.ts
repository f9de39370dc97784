import { beforeAll, describe, expect, it } from 'vitest';
import { tenant, useApi, type Tenant } from './support/app.ts';

// A small book with every figure worked out by hand (today is Sunday 2025-06-15 in Bucharest):
//   A  #8  15,000  issued 01-10 due 02-09  paid 02-14 (5 days late)
//   A  #1  10,000  issued 03-01 due 03-31  paid 04-10 (10 days late)
//   A  #2  20,000  issued 04-01 due 05-01  paid 05-01 (on time)
//   A  #3  30,000  issued 05-01 due 05-31  open, 15 days overdue
//   B  #4  40,000  issued 02-01 due 03-03  paid 10,000 on 03-20 and 20,000 on 05-20: 10,000 open, 104 days overdue
//   B  #5  50,000  issued 06-01 due 07-01  open, not due
//   B  #6   5,000  issued 04-15 due 05-15  written off today
//   C  #7  1,000,000 VND issued 05-20 due 06-19, open, not due
const suite = useApi('2025-06-15T09:00:00Z');
const ids: Record<string, string> = {};

async function ok(t: Tenant, method: 'GET' | 'POST', url: string, body?: unknown) {
  const r = await t.call(method, url, body);
  expect(r.statusCode, `${method} ${url}: ${r.body}`).toBeLessThan(300);
  return r.json();
}

async function invoice(t: Tenant, customerId: string, issueDate: string, dueDate: string, amount: number) {
  return (await ok(t, 'POST', '/api/v1/invoices', { customerId, issueDate, dueDate, issue: true, lines: [{ description: 'Work', quantity: 1, unitPrice: amount, taxRateBp: 0 }] })).id as string;
}

async function pay(t: Tenant, customerId: string, invoiceId: string, amount: number, receivedOn: string, currency = 'EUR') {
  await ok(t, 'POST', '/api/v1/payments', { customerId, amount, currency, receivedOn, method: 'bank_transfer', allocations: [{ invoiceId, amount }] });
}

beforeAll(async () => {
  const t = suite.t;
  ids.A = (await ok(t, 'POST', '/api/v1/customers', { name: 'Alpha SRL', currency: 'EUR', creditLimit: 100_000 })).id;
  ids.B = (await ok(t, 'POST', '/api/v1/customers', { name: 'Beta GmbH', currency: 'EUR' })).id;
  ids.C = (await ok(t, 'POST', '/api/v1/customers', { name: 'Công ty Gamma', currency: 'VND' })).id;
  const A = ids.A!, B = ids.B!, C = ids.C!;
  ids.i8 = await invoice(t, A, '2025-01-10', '2025-02-09', 15_000);
  ids.i1 = await invoice(t, A, '2025-03-01', '2025-03-31', 10_000);
  ids.i2 = await invoice(t, A, '2025-04-01', '2025-05-01', 20_000);
  ids.i3 = await invoice(t, A, '2025-05-01', '2025-05-31', 30_000);
  ids.i4 = await invoice(t, B, '2025-02-01', '2025-03-03', 40_000);
  ids.i5 = await invoice(t, B, '2025-06-01', '2025-07-01', 50_000);
  ids.i6 = await invoice(t, B, '2025-04-15', '2025-05-15', 5_000);
  ids.i7 = await invoice(t, C, '2025-05-20', '2025-06-19', 1_000_000);
  await pay(t, A, ids.i8!, 15_000, '2025-02-14');
  await pay(t, A, ids.i1!, 10_000, '2025-04-10');
  await pay(t, A, ids.i2!, 20_000, '2025-05-01');
  await pay(t, B, ids.i4!, 10_000, '2025-03-20');
  await pay(t, B, ids.i4!, 20_000, '2025-05-20');
  await ok(t, 'POST', `/api/v1/invoices/${ids.i6}/write-off`, { reason: 'Customer disputes the delivery; not worth pursuing' });
});

describe('insight reports match the hand-computed book', () => {
  it('ages balances by customer and bucket, per currency', async () => {
    const aging = await ok(suite.t, 'GET', '/api/v1/insight/aging');
    expect(aging.asOf).toBe('2025-06-15');
    const [eur, vnd] = aging.currencies;
    expect(eur.currency).toBe('EUR');
    expect(eur.buckets.map((b: { key: string }) => b.key)).toEqual(['current', '1-30', '31-60', '61-90', '91+']);
    expect(eur.bucketTotals).toEqual([50_000, 30_000, 0, 0, 10_000]);
    expect(eur.total).toBe(90_000);
    expect(eur.customers).toEqual([
      { customerId: ids.B, customerName: 'Beta GmbH', amounts: [50_000, 0, 0, 0, 10_000], total: 60_000 },
      { customerId: ids.A, customerName: 'Alpha SRL', amounts: [0, 30_000, 0, 0, 0], total: 30_000 },
    ]);
    expect(vnd).toMatchObject({ currency: 'VND', bucketTotals: [1_000_000, 0, 0, 0, 0], total: 1_000_000 });
  });

  it('takes configurable bucket edges and a past report date', async () => {
    const aging = await ok(suite.t, 'GET', '/api/v1/insight/aging?edges=15,100&asOf=2025-05-31&currency=EUR');
    const [eur] = aging.currencies;
    expect(eur.buckets.map((b: { key: string }) => b.key)).toEqual(['current', '1-15', '16-100', '101+']);
    // At 05-31: #3 30,000 due that day (current); #6 5,000 16 days late; #4 10,000 89 days late.
    expect(eur.bucketTotals).toEqual([30_000, 0, 15_000, 0]);
    expect(aging.currencies).toHaveLength(1);
  });

  it('computes countback DSO, best possible DSO and average days delinquent', async () => {
    const dso = await ok(suite.t, 'GET', '/api/v1/insight/dso');
    const eur = dso.currencies.find((c: { currency: string }) => c.currency === 'EUR');
    // AR 90,000: June (15 days) 50,000, May (31) 30,000, then 10,000 of April's 25,000 over 30 days = 12.0.
    expect(eur.current).toMatchObject({ receivables: 90_000, currentReceivables: 50_000, dsoTenths: 580, bestPossibleTenths: 150, averageDaysDelinquentTenths: 430 });
    expect(eur.trend).toHaveLength(12);
    expect(eur.trend[0].monthEnd).toBe('2024-06-30');
    const may = eur.trend[11];
    expect(may.monthEnd).toBe('2025-05-31');
    expect(may.dso).toMatchObject({ receivables: 45_000, currentReceivables: 30_000, dsoTenths: 490, bestPossibleTenths: 310, averageDaysDelinquentTenths: 180 });
    expect(eur.trend[10].dso).toMatchObject({ receivables: 55_000, dsoTenths: 750 });
    expect(eur.trend[0].dso).toMatchObject({ receivables: 0, dsoTenths: 0 });
  });

  it('says when simple DSO is undefined rather than inventing a figure', async () => {
    const dso = await ok(suite.t, 'GET', '/api/v1/insight/dso?method=simple&periodDays=30&months=0&asOf=2025-01-09');
    expect(dso.currencies).toEqual([]);
    const later = await ok(suite.t, 'GET', '/api/v1/insight/dso?method=simple&periodDays=10&months=0&asOf=2025-02-12');
    // 15,000 open on 02-12 against no sales in 02-03..02-12.
    expect(later.currencies[0]).toMatchObject({ currency: 'EUR', current: null, unavailable: { code: 'NO_CREDIT_SALES' } });
  });

  it('computes the collection effectiveness index', async () => {
    const cei = await ok(suite.t, 'GET', '/api/v1/insight/cei?from=2025-03&months=3');
    expect(cei).toMatchObject({ from: '2025-03-01', to: '2025-05-31' });
    // (40,000 + 65,000/3 − 45,000) ÷ (40,000 + 65,000/3 − 30,000) = 50,000 ÷ 95,000
    expect(cei.currencies.find((c: { currency: string }) => c.currency === 'EUR')).toMatchObject({
      beginningReceivables: 40_000,
      creditSales: 65_000,
      endingTotalReceivables: 45_000,
      endingCurrentReceivables: 30_000,
      ceiBp: 5263,
    });
    const future = await suite.t.call('GET', '/api/v1/insight/cei?from=2025-06&months=1');
    expect(future.statusCode).toBe(422);
    expect(future.json().error).toMatchObject({ code: 'CEI_PERIOD_NOT_OVER', field: 'from' });
  });

  it('measures payment behaviour per customer', async () => {
    const behaviour = await ok(suite.t, 'GET', '/api/v1/insight/payment-behaviour');
    expect(behaviour.paidSince).toBe('2024-06-15');
    expect(behaviour.data).toEqual([
      {
        customerId: ids.A,
        customerName: 'Alpha SRL',
        currency: 'EUR',
        paidInvoices: 3,
        paidLate: 2,
        paidLateShareBp: 6667,
        averageDaysLateTenths: 50,
        // (5 × 15,000 + 10 × 10,000) ÷ 45,000 = 3.89
        weightedAverageDaysLateTenths: 39,
        averageDaysToPayTenths: 350,
      },
    ]);
  });

  it('explains each customer risk level by its reasons', async () => {
    const a = await ok(suite.t, 'GET', `/api/v1/insight/customers/${ids.A}`);
    expect(a.balances).toEqual([{ currency: 'EUR', balance: 30_000, overdue: 30_000, openInvoices: 1, overdueInvoices: 1, maxDaysOverdue: 15 }]);
    expect(a.risk).toEqual({
      level: 'medium',
      score: 25,
      reasons: [
        { code: 'SHARE_PAID_LATE', value: 6667, points: 17 },
        { code: 'OVERDUE_VS_CREDIT_LIMIT', value: 3000, overdue: 30_000, creditLimit: 100_000, points: 5 },
        { code: 'AVG_DAYS_LATE', value: 39, points: 3 },
      ],
    });
    const b = await ok(suite.t, 'GET', `/api/v1/insight/customers/${ids.B}`);
    expect(b.risk).toEqual({ level: 'medium', score: 0, reasons: [{ code: 'NO_HISTORY', value: 0, points: 0 }] });
    expect(b.balances[0]).toMatchObject({ balance: 60_000, overdue: 10_000, maxDaysOverdue: 104 });

    const list = await ok(suite.t, 'GET', '/api/v1/insight/customers?q=gmbh');
    expect(list.data.map((c: { name: string }) => c.name)).toEqual(['Beta GmbH']);
  });

  it('predicts pay dates from the customer history, then the organization history', async () => {
    const predictions = await ok(suite.t, 'GET', '/api/v1/insight/predictions?currency=EUR');
    const byId = Object.fromEntries(predictions.data.map((p: { invoiceId: string }) => [p.invoiceId, p]));
    // A paid 0, 5 and 10 days after due weighing 20,000, 15,000 and 10,000: the weighted median is 5.
    expect(byId[ids.i3!]).toMatchObject({ predictedPayDate: '2025-06-15', clampedToToday: true, basis: { kind: 'customer', sampleSize: 3, medianDaysAfterDue: 5 } });
    expect(byId[ids.i5!]).toMatchObject({ predictedPayDate: '2025-07-06', basis: { kind: 'organization', sampleSize: 3, medianDaysAfterDue: 5 }, customerName: 'Beta GmbH' });
    expect(predictions.data).toHaveLength(3);
  });

  it('forecasts cash-in for 13 ISO weeks', async () => {
    const forecast = await ok(suite.t, 'GET', '/api/v1/insight/forecast');
    const eur = forecast.currencies.find((c: { currency: string }) => c.currency === 'EUR');
    expect(eur.weeks).toHaveLength(13);
    expect(eur.weeks[0]).toEqual({ isoWeek: '2025-W24', weekStart: '2025-06-09', weekEnd: '2025-06-15', amount: 40_000, invoices: 2 });
    expect(eur.weeks[3]).toMatchObject({ isoWeek: '2025-W27', amount: 50_000, invoices: 1 });
    expect(eur.total).toBe(90_000);
    const vnd = forecast.currencies.find((c: { currency: string }) => c.currency === 'VND');
    expect(vnd.weeks[1]).toMatchObject({ weekStart: '2025-06-16', amount: 1_000_000 });
  });

  it('summarises the dashboard figures per currency', async () => {
    const summary = await ok(suite.t, 'GET', '/api/v1/insight/summary');
    const eur = summary.currencies.find((c: { currency: string }) => c.currency === 'EUR');
    // Collected in June: nothing (the last payment was on 05-20).
    expect(eur).toMatchObject({ receivables: 90_000, overdue: 40_000, collectedThisMonth: 0, dso: { dsoTenths: 580 } });
    expect(summary.note).toMatch(/never converted/);
  });
});

describe('CSV export', () => {
  it('downloads every list as CSV with decimal amounts', async () => {
    const aging = await suite.t.call('GET', '/api/v1/insight/aging?format=csv');
    expect(aging.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(aging.headers['content-disposition']).toBe('attachment; filename="aging-2025-06-15.csv"');
    const lines = aging.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('currency,customer_id,customer,bucket_current,bucket_1-30,bucket_31-60,bucket_61-90,bucket_91+,total');
    expect(lines[1]).toBe(`EUR,${ids.B},Beta GmbH,500.00,0.00,0.00,0.00,100.00,600.00`);
    expect(lines[3]).toBe(`VND,${ids.C},Công ty Gamma,1000000,0,0,0,0,1000000`);
    for (const url of ['/api/v1/insight/dso', '/api/v1/insight/payment-behaviour', '/api/v1/insight/customers', '/api/v1/insight/predictions', '/api/v1/insight/forecast']) {
      const r = await suite.t.call('GET', `${url}?format=csv`);
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['content-type'], url).toBe('text/csv; charset=utf-8');
      expect(r.body.split('\r\n').length, url).toBeGreaterThan(2);
    }
  });

  it('exports the invoice register with customer names, filtered like the invoice list', async () => {
    const json = await ok(suite.t, 'GET', `/api/v1/insight/invoices?overdue=true&customerId=${ids.A}`);
    expect(json.data.map((i: { id: string; customerName: string }) => [i.id, i.customerName])).toEqual([[ids.i3, 'Alpha SRL']]);
    const csv = await suite.t.call('GET', '/api/v1/insight/invoices?status=paid&format=csv');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('invoice_id,kind,number,status,customer_id,customer,currency,issue_date,due_date,days_overdue,subtotal,tax,total,paid,credited,balance,po_number');
    expect(lines).toHaveLength(4);
    expect(lines.slice(1).every((l: string) => l.includes(',paid,') && l.includes('Alpha SRL'))).toBe(true);
    const paged = await ok(suite.t, 'GET', '/api/v1/insight/invoices?limit=3');
    expect(paged.data).toHaveLength(3);
    const next = await ok(suite.t, 'GET', `/api/v1/insight/invoices?limit=3&cursor=${paged.nextCursor}`);
    expect(next.data.map((i: { id: string }) => i.id)).not.toContain(paged.data[0].id);
  });

  it('answers Accept: text/csv too, and escapes formula-like names', async () => {
    const evil = await ok(suite.t, 'POST', '/api/v1/customers', { name: '=HYPERLINK("http://x","y")', currency: 'EUR' });
    await invoice(suite.t, evil.id, '2025-06-01', '2025-06-30', 1_000);
    const r = await suite.app.inject({ method: 'GET', url: '/api/v1/insight/aging', headers: { authorization: `Bearer ${suite.t.key}`, accept: 'text/csv' } });
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(r.body).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
  });
});

describe('bad input and other organizations', () => {
  it.each([
    ['/api/v1/insight/aging?edges=60,30', 422, 'INVALID_AGING_EDGES'],
    ['/api/v1/insight/aging?edges=abc', 400, 'VALIDATION_FAILED'],
    ['/api/v1/insight/aging?edges=0', 422, 'INVALID_AGING_EDGES'],
    ['/api/v1/insight/aging?asOf=2025-02-30', 400, 'INVALID_DATE'],
    ['/api/v1/insight/aging?asOf=2025-06-16', 422, 'AS_OF_IN_FUTURE'],
    ['/api/v1/insight/aging?customerId=not-a-uuid', 400, 'VALIDATION_FAILED'],
    ["/api/v1/insight/customers?q=%27%3B%20drop%20table%20invoices%3B--", 200, null],
    ['/api/v1/insight/dso?method=median', 400, 'VALIDATION_FAILED'],
    ['/api/v1/insight/dso?periodDays=0&method=simple', 400, 'VALIDATION_FAILED'],
    ['/api/v1/insight/cei?from=2025-13', 400, 'INVALID_DATE'],
    ['/api/v1/insight/cei?months=0', 400, 'VALIDATION_FAILED'],
    ['/api/v1/insight/payment-behaviour?paidSince=yesterday', 400, 'VALIDATION_FAILED'],
    ['/api/v1/insight/forecast?format=xlsx', 400, 'VALIDATION_FAILED'],
  ])('%s → %i', async (url, status, code) => {
    const r = await suite.t.call('GET', url);
    expect(r.statusCode, r.body).toBe(status);
    if (code) expect(r.json().error.code).toBe(code);
  });

  it('a search for % or _ matches those characters, not everything', async () => {
    const r = await ok(suite.t, 'GET', '/api/v1/insight/customers?q=%25');
    expect(r.data).toEqual([]);
  });

  it("gives 404 for another organization's customer and shows none of its money", async () => {
    const other = await tenant(suite.database, suite.app, suite.clock, { name: 'Other Co' });
    for (const url of [`/api/v1/insight/customers/${ids.A}`, `/api/v1/insight/aging?customerId=${ids.A}`, `/api/v1/insight/predictions?customerId=${ids.A}`, `/api/v1/insight/payment-behaviour?customerId=${ids.A}`]) {
      const r = await other.call('GET', url);
      expect(r.statusCode, url).toBe(404);
      expect(r.json().error.code).toBe('CUSTOMER_NOT_FOUND');
    }
    for (const url of ['/api/v1/insight/aging', '/api/v1/insight/forecast', '/api/v1/insight/summary', '/api/v1/insight/dso?months=1']) {
      const body = await ok(other, 'GET', url);
      expect(body.currencies, url).toEqual([]);
    }
    expect((await ok(other, 'GET', '/api/v1/insight/customers')).data).toEqual([]);
    expect((await ok(other, 'GET', '/api/v1/insight/predictions')).data).toEqual([]);
    expect((await ok(other, 'GET', `/api/v1/insight/invoices?customerId=${ids.A}`)).data).toEqual([]);
    // And the first organization's figures did not move.
    expect((await ok(suite.t, 'GET', '/api/v1/insight/summary')).currencies.find((c: { currency: string }) => c.currency === 'EUR').receivables).toBe(91_000);
  });

  it('needs reports:read and a caller', async () => {
    expect((await suite.app.inject({ method: 'GET', url: '/api/v1/insight/summary' })).statusCode).toBe(401);
  });
});
