import { and, eq, inArray, isNull, ne } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { addDays, compareDates, date, maxDate, type PlainDate } from '../src/domain/dates.ts';
import {
  agingReport,
  buildLedger,
  cashForecast,
  ceiFiguresFromLedger,
  collectionEffectivenessIndex,
  dsoTrend,
  type Ledger,
  type LedgerInvoice,
  paymentBehaviour,
  predictPayDates,
} from '../src/domain/metrics/index.ts';
import type { Db } from '../src/db/connection.ts';
import { allocations, events, invoices } from '../src/db/schema/index.ts';
import { tenant, useApi, type Tenant } from './support/app.ts';

// The insight API computes in SQL and hands compressed inputs to the domain metrics. Here random books are
// written through the API (payments before issue, partial payments, reversals, credit notes, write-offs on
// other days, voids, several currencies), and every report must equal the domain metrics run on the full,
// uncompressed ledger read straight from the tables.

const TODAY = '2025-09-10';
const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const suite = useApi(`${TODAY}T03:00:00Z`);

function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

async function call(t: Tenant, method: 'GET' | 'POST', url: string, body?: unknown) {
  const r = await t.call(method, url, body);
  expect(r.statusCode, `${method} ${url}: ${r.body}`).toBeLessThan(300);
  return r.json();
}

/** Write a random book for one organization through the API. */
async function writeBook(t: Tenant, seed: number): Promise<void> {
  const rnd = random(seed);
  const today = date(TODAY);
  const start = date('2024-05-01');
  const span = start.until(today, { largestUnit: 'day' }).days;
  const customers: { id: string; currency: string }[] = [];
  for (const [i, currency] of ['EUR', 'EUR', 'VND', 'RON'].entries())
    customers.push({ id: (await call(t, 'POST', '/api/v1/customers', { name: `Customer ${i}`, currency, creditLimit: rnd.next() < 0.5 ? rnd.int(0, 3) * 100_000 : null })).id, currency });
  // Two edges every book has: money received before the invoice existed, and a write-off on a month-end
  // evening UTC that is already the next month in Ho Chi Minh City.
  const [first] = customers as [{ id: string; currency: string }];
  const prepaid = await call(t, 'POST', '/api/v1/invoices', { customerId: first.id, issueDate: '2025-03-05', dueDate: '2025-03-20', issue: true, lines: [{ description: 'Prepaid', quantity: 1, unitPrice: 8_000, taxRateBp: 0 }] });
  await call(t, 'POST', '/api/v1/payments', { customerId: first.id, amount: 5_000, currency: first.currency, receivedOn: '2025-02-20', method: 'bank_transfer', allocations: [{ invoiceId: prepaid.id, amount: 5_000 }] });
  const late = await call(t, 'POST', '/api/v1/invoices', { customerId: first.id, issueDate: '2025-01-15', dueDate: '2025-02-14', issue: true, lines: [{ description: 'Lost', quantity: 1, unitPrice: 7_000, taxRateBp: 0 }] });
  suite.clock.set('2025-03-31T20:30:00Z');
  await call(t, 'POST', `/api/v1/invoices/${late.id}/write-off`, { reason: 'Gone' });
  suite.clock.set(`${TODAY}T03:00:00Z`);
  // An amount beyond 2^32 minor units paid late: the SQL multiplies days by amount as numerics there.
  const vnd = customers[2]!;
  const large = await call(t, 'POST', '/api/v1/invoices', { customerId: vnd.id, issueDate: '2025-04-01', dueDate: '2025-04-30', issue: true, lines: [{ description: 'Plant', quantity: 1, unitPrice: 90_000_000_000, taxRateBp: 0 }] });
  await call(t, 'POST', '/api/v1/payments', { customerId: vnd.id, amount: 90_000_000_000, currency: vnd.currency, receivedOn: '2025-05-20', method: 'bank_transfer', allocations: [{ invoiceId: large.id, amount: 90_000_000_000 }] });
  const notAfterYesterday = (d: PlainDate) => (compareDates(d, addDays(today, -1)) > 0 ? addDays(today, -1) : d);
  for (let k = 0; k < 28; k++) {
    const c = rnd.pick(customers);
    const unit = c.currency === 'VND' ? 1000 : 100;
    const issue = addDays(start, rnd.int(0, span - 2));
    const due = addDays(issue, rnd.int(0, 60));
    const amount = rnd.int(1, 900) * unit;
    const fate = rnd.next();
    if (fate < 0.1) {
      // Money first, invoice later: the credit is applied with the payment's earlier date.
      const prepaid = Math.max(unit, Math.floor((amount * rnd.int(2, 10)) / 10 / unit) * unit);
      await call(t, 'POST', '/api/v1/payments', { customerId: c.id, amount: prepaid, currency: c.currency, receivedOn: addDays(issue, -rnd.int(1, 20)).toString(), method: 'bank_transfer', allocations: [] });
    }
    const created = await call(t, 'POST', '/api/v1/invoices', { customerId: c.id, issueDate: issue.toString(), dueDate: due.toString(), issue: true, lines: [{ description: 'Work', quantity: 1, unitPrice: amount, taxRateBp: 0 }] });
    let balance: number = created.balance;
    let last = issue;
    if (fate >= 0.1 && fate < 0.15 && created.amountPaid === 0) {
      await call(t, 'POST', `/api/v1/invoices/${created.id}/void`, { reason: 'Issued by mistake' });
      continue;
    }
    for (let p = rnd.int(0, 3); p > 0 && balance > 0; p--) {
      const on = notAfterYesterday(addDays(issue, rnd.int(-5, 120)));
      const part = p === 1 || rnd.next() < 0.4 ? balance : Math.max(1, Math.floor(balance / rnd.int(2, 4)));
      const paid = await call(t, 'POST', '/api/v1/payments', { customerId: c.id, amount: part, currency: c.currency, receivedOn: on.toString(), method: 'card', allocations: [{ invoiceId: created.id, amount: part }] });
      balance = paid.invoices[0].balance;
      last = maxDate(last, on);
      if (rnd.next() < 0.1) {
        const reversed = await call(t, 'POST', `/api/v1/payments/${paid.payment.id}/reverse`, { reason: 'Bounced' });
        balance = reversed.invoices[0].balance;
      }
    }
    if (balance > 0 && fate > 0.75 && fate < 0.85) {
      const on = notAfterYesterday(addDays(last, rnd.int(0, 40)));
      const note = await call(t, 'POST', `/api/v1/invoices/${created.id}/credit-notes`, { reason: 'Goodwill', amount: Math.max(1, Math.floor(balance / 2)), issueDate: on.toString() });
      balance = note.invoice.balance;
    }
    if (balance > 0 && fate >= 0.85) {
      // Written off late in the evening UTC: already the next day in Ho Chi Minh City.
      const on = notAfterYesterday(addDays(last, rnd.int(1, 60)));
      suite.clock.set(`${addDays(on, -1).toString()}T20:30:00Z`);
      await call(t, 'POST', `/api/v1/invoices/${created.id}/write-off`, { reason: 'Gone' });
      suite.clock.set(`${TODAY}T03:00:00Z`);
    }
  }
}

/** The metrics' ledger straight from the tables, one invoice at a time: the definition the SQL must meet. */
async function fullLedgers(db: Db, orgId: string): Promise<Map<string, Ledger>> {
  const rows = await db.select().from(invoices).where(and(eq(invoices.orgId, orgId), eq(invoices.kind, 'invoice'), ne(invoices.status, 'draft'), ne(invoices.status, 'void')));
  const moves = await db.select().from(allocations).where(and(eq(allocations.orgId, orgId), isNull(allocations.reversedAt)));
  const writeOffs = await db.select().from(events).where(and(eq(events.orgId, orgId), inArray(events.action, ['invoice.written_off'])));
  const byCurrency = new Map<string, LedgerInvoice[]>();
  for (const i of rows) {
    const issueDate = date(i.issueDate);
    const own = moves
      .filter((a) => a.invoiceId === i.id)
      .map((a) => ({ kind: a.paymentId ? ('payment' as const) : ('credit' as const), date: maxDate(date(a.allocatedOn), issueDate), amount: a.amount }));
    if (i.status === 'written_off') {
      const at = writeOffs.find((e) => e.entityId === i.id)!.occurredAt;
      const day = maxDate(Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(TIME_ZONE).toPlainDate(), issueDate);
      own.push({ kind: 'credit', date: day, amount: i.balance });
    }
    const list = byCurrency.get(i.currency) ?? [];
    list.push({ id: i.id, customerId: i.customerId, currency: i.currency, issueDate, dueDate: date(i.dueDate), total: i.total, allocations: own.filter((a) => a.amount > 0) });
    byCurrency.set(i.currency, list);
  }
  const ledgers = new Map<string, Ledger>();
  for (const [currency, list] of byCurrency) {
    const built = buildLedger(currency, list);
    if (!built.ok) throw new Error(built.message);
    ledgers.set(currency, built.value);
  }
  return ledgers;
}

const value = <T,>(r: { ok: true; value: T } | { ok: false; code: string }) => {
  if (!r.ok) throw new Error(r.code);
  return r.value;
};


describe.each([11, 2024, 777])('random book %i: the API equals the domain on the full ledger', (seed) => {
  let t: Tenant;
  let ledgers: Map<string, Ledger>;
  const today = date(TODAY);

  it('writes the book', async () => {
    t = await tenant(suite.database, suite.app, suite.clock, { name: `Book ${seed}`, timeZone: TIME_ZONE, baseCurrency: 'EUR' });
    await writeBook(t, seed);
    ledgers = await fullLedgers(suite.database.db, t.orgId);
    expect(ledgers.size).toBeGreaterThan(0);
  });

  it.each([
    [TODAY, '30,60,90'],
    ['2025-03-31', '7,45,120'],
    ['2024-12-01', '1'],
  ])('aging as of %s with edges %s', async (asOf, edges) => {
    const api = await call(t, 'GET', `/api/v1/insight/aging?asOf=${asOf}&edges=${edges}`);
    const expected = [...ledgers.keys()].sort().flatMap((currency) => {
      const r = value(agingReport(ledgers.get(currency)!, date(asOf), edges.split(',').map(Number)));
      return r.total === 0 ? [] : [{ currency, bucketTotals: r.bucketTotals, total: r.total, customers: r.customers.map((c) => ({ customerId: c.customerId, amounts: c.amounts, total: c.total })) }];
    });
    expect(api.currencies.map((c: { currency: string; bucketTotals: number[]; total: number; customers: { customerId: string; amounts: number[]; total: number }[] }) => ({
      currency: c.currency,
      bucketTotals: c.bucketTotals,
      total: c.total,
      customers: c.customers.map(({ customerId, amounts, total }) => ({ customerId, amounts, total })),
    }))).toEqual(expected);
  });

  it.each([
    ['countback', ''],
    ['simple', '&periodDays=30'],
    ['simple', '&periodDays=90'],
  ])('DSO trend by the %s method %s', async (method, extra) => {
    const api = await call(t, 'GET', `/api/v1/insight/dso?method=${method}${extra}&months=15`);
    for (const c of api.currencies) {
      const m = method === 'countback' ? ({ kind: 'countback' } as const) : ({ kind: 'simple', periodDays: Number(extra.split('=')[1]) } as const);
      const trend = value(dsoTrend(ledgers.get(c.currency)!, today, m, 15));
      expect(c.trend.map((p: { monthEnd: string; dso: unknown; unavailable: { code: string } | null }) => [p.monthEnd, p.dso, p.unavailable?.code ?? null])).toEqual(
        trend.map((p) => [p.monthEnd.toString(), p.dso.ok ? { ...p.dso.value, asOf: p.dso.value.asOf.toString() } : null, p.dso.ok ? null : p.dso.code]),
      );
    }
    expect(api.currencies.map((c: { currency: string }) => c.currency)).toEqual([...ledgers.keys()].sort());
  });

  it.each([
    ['2024-06', 3],
    ['2025-01', 1],
    ['2024-11', 9],
  ])('CEI from %s over %i months', async (from, months) => {
    const api = await call(t, 'GET', `/api/v1/insight/cei?from=${from}&months=${months}`);
    for (const c of api.currencies) {
      const figures = value(ceiFiguresFromLedger(ledgers.get(c.currency)!, Temporal.PlainYearMonth.from(from), months));
      const index = collectionEffectivenessIndex(figures);
      expect(c).toEqual({ currency: c.currency, ...figures, ceiBp: index.ok ? index.value : null, unavailable: index.ok ? null : { code: index.code, message: index.message } });
    }
  });

  it.each([undefined, '2024-01-01', '2025-08-01'])('payment behaviour paid since %s', async (since) => {
    const api = await call(t, 'GET', `/api/v1/insight/payment-behaviour${since ? `?paidSince=${since}` : ''}`);
    const paidSince = date(since ?? '2024-09-10');
    const expected = [...ledgers.entries()].flatMap(([currency, ledger]) => paymentBehaviour(ledger, today, { paidSince }).map((b) => ({ ...b, currency })));
    const key = (b: { customerId: string; currency: string }) => `${b.customerId} ${b.currency}`;
    const strip = ({ customerName: _n, ...b }: { customerName: string; customerId: string; currency: string }) => b;
    expect(api.data.map(strip).sort((a: { customerId: string; currency: string }, b: { customerId: string; currency: string }) => (key(a) < key(b) ? -1 : 1))).toEqual(
      expected.sort((a, b) => (key(a) < key(b) ? -1 : 1)),
    );
  });

  it('predicted pay dates and the 13-week forecast', async () => {
    const api = await call(t, 'GET', '/api/v1/insight/predictions');
    const forecast = await call(t, 'GET', '/api/v1/insight/forecast');
    const expected = [...ledgers.keys()].sort().flatMap((currency) => predictPayDates(ledgers.get(currency)!, today));
    const shape = (p: { invoiceId: string; customerId: string; dueDate: unknown; openBalance: number; predictedPayDate: unknown; basis: unknown; clampedToToday: boolean }) => ({
      invoiceId: p.invoiceId,
      customerId: p.customerId,
      dueDate: String(p.dueDate),
      openBalance: p.openBalance,
      predictedPayDate: String(p.predictedPayDate),
      basis: p.basis,
      clampedToToday: p.clampedToToday,
    });
    expect(api.data.map(shape)).toEqual(expected.map(shape));
    for (const c of forecast.currencies) {
      const f = cashForecast(predictPayDates(ledgers.get(c.currency)!, today), today);
      expect(c.weeks.map((w: { amount: number; invoices: number }) => [w.amount, w.invoices])).toEqual(f.weeks.map((w) => [w.amount, w.invoices]));
      expect([c.later, c.total]).toEqual([f.later, f.total]);
    }
  });
});
