import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../../src/db/raw.ts';
import { ledgerBreaches } from '../../src/db/repositories/ledger-check.ts';
import { systemClock } from '../../src/services/context.ts';
import { updateDunningSettings } from '../../src/services/dunning/settings.ts';
import { createApiKey } from '../../src/services/organizations.ts';
import { newOrganization } from '../support/organization.ts';
import { processDatabase, type ProcessDatabase } from '../support/process-database.ts';
import { memoryOf, startPunctual, type PunctualServer } from '../support/server-process.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { fixedRate, median, percentile, type Action } from './support/fixed-rate.ts';

// Minutes of mixed API traffic at a fixed rate against `punctual start` (its own process, so its memory is
// its own), while dunning ticks queue reminders and the workers deliver them to a local SMTP server. Then:
// no 5xx, every message queued was delivered exactly once (the sink's Message-IDs against the outbox), the
// ledger agrees with its allocations, and the server's memory stayed flat.
// RELIABILITY_MINUTES (default 5; CI runs 0.3) and RELIABILITY_RATE (actions per second; an action is one
// request, or two when it creates a customer and its invoice). The default rate is 25 on PostgreSQL and 10 on
// PGlite, which runs every query on the server's one thread: 25/s saturated it on a shared 2-core machine,
// and a saturated server measures its queue, not its reliability.
const MINUTES = Number(process.env.RELIABILITY_MINUTES ?? 5);
const RATE = Number(process.env.RELIABILITY_RATE ?? (process.env.DATABASE_URL ? 25 : 10));
const SECONDS = Math.max(10, Math.round(MINUTES * 60));
const DOMAIN = 'load.punctual.test';
const MB = 1024 * 1024;

let target: ProcessDatabase;
let sink: SmtpSink;
let server: PunctualServer | undefined;
let orgId: string;
let key: string;

beforeAll(async () => {
  target = await processDatabase('load');
  sink = await startSmtpSink();
  const database = await target.open();
  try {
    const ctx = await newOrganization(database.db, 'Load Co');
    orgId = ctx.orgId;
    key = (await createApiKey(database.db, systemClock, orgId, 'load', 'owner')).key;
    // Every hour of every day is a sending hour, so each tick of the run decides the customers it finds.
    const settings = await updateDunningSettings(ctx, { windowStart: '00:00', windowEnd: '23:59', workingDays: [1, 2, 3, 4, 5, 6, 7] });
    if (!settings.ok) throw new Error(settings.message);
  } finally {
    await database.close();
  }
  server = await startPunctual({ ...target.env, SMTP_URL: sink.url(), SMTP_FROM: `Load Co <billing@${DOMAIN}>`, DELIVERY_INTERVAL_SECONDS: '1', TRUST_PROXY: 'true' });
});

afterAll(async () => {
  if (server && server.child.exitCode === null) await server.kill();
  await sink?.close();
  await target?.dispose();
});

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
// The customers' zone is one where it is about noon now: the whole run falls on one local day, far from the
// sending window's edges.
const noonZone = () => {
  const shift = 12 - new Date().getUTCHours();
  return shift === 0 ? 'Etc/GMT' : `Etc/GMT${shift > 0 ? '-' : '+'}${Math.abs(shift)}`;
};

it(`serves ${SECONDS} s of mixed traffic at ${RATE}/s with ticks and deliveries running: no 5xx, every message once, ledger whole, memory flat`, async () => {
  const api = `${server!.url}/api/v1`;
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  const customers: string[] = [];
  const invoices: string[] = [];
  const tokens: string[] = [];
  const zone = noonZone();
  let serial = 0;
  const json = async (r: Response) => {
    if (!r.ok) throw new Error(`${r.url}: ${r.status} ${await r.text()}`);
    return r.json() as Promise<Record<string, unknown>>;
  };
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)]!;

  const newCustomer = async (call: (name: string, url: string, init?: RequestInit) => Promise<Response>) => {
    const n = (serial += 1);
    const body = { name: `Customer ${n}`, currency: 'EUR', paymentTerms: 'net_30', locale: pick(['en', 'vi', 'id', 'ru', 'ro']), timeZone: zone, contacts: [{ name: `Payer ${n}`, email: `payer${n}@customers.test`, role: 'billing' }] };
    const id = (await json(await call('POST /customers', `${api}/customers`, { method: 'POST', headers, body: JSON.stringify(body) }))).id as string;
    customers.push(id);
    return id;
  };
  // Overdue by 3 to 40 days: the tick owes each new customer a reminder.
  const newInvoice = async (call: (name: string, url: string, init?: RequestInit) => Promise<Response>, customerId: string) => {
    const overdue = 3 + Math.floor(Math.random() * 38);
    const body = { customerId, issue: true, issueDate: day(-overdue - 30), dueDate: day(-overdue), lines: [{ description: 'Retainer', quantity: 1, unitPrice: 10_000 + Math.floor(Math.random() * 90_000), taxRateBp: 1900 }] };
    invoices.push((await json(await call('POST /invoices', `${api}/invoices`, { method: 'POST', headers, body: JSON.stringify(body) }))).id as string);
  };

  const seedCall = (_name: string, url: string, init?: RequestInit) => fetch(url, init);
  for (let i = 0; i < 30; i += 1) {
    const id = await newCustomer(seedCall);
    await newInvoice(seedCall, id);
    tokens.push(new URL((await json(await fetch(`${api}/customers/${id}/portal-links`, { method: 'POST', headers, body: '{}' }))).url as string).hash.slice(1));
  }

  const mix: [number, Action][] = [
    [25, (call) => call('GET /invoices', `${api}/invoices?limit=50`, { headers }).then(json).then(() => undefined)],
    [15, (call) => call('GET /invoices/:id', `${api}/invoices/${pick(invoices)}`, { headers }).then(json).then(() => undefined)],
    [8, (call) => call('GET /customers/:id', `${api}/customers/${pick(customers)}`, { headers }).then(json).then(() => undefined)],
    [6, async (call) => newInvoice(call, await newCustomer(call))],
    [12, (call) => newInvoice(call, pick(customers))],
    [
      10,
      (call) =>
        call('POST /payments', `${api}/payments`, { method: 'POST', headers, body: JSON.stringify({ customerId: pick(customers), amount: 1_000 + Math.floor(Math.random() * 60_000), currency: 'EUR', receivedOn: day(0), method: 'bank_transfer' }) })
          .then(json)
          .then(() => undefined),
    ],
    [
      8,
      (call) =>
        call('GET /portal-api/overview', `${server!.url}/portal-api/overview`, { headers: { 'x-portal-token': pick(tokens), 'x-forwarded-for': `198.51.100.${1 + Math.floor(Math.random() * 250)}` } })
          .then(json)
          .then(() => undefined),
    ],
    [6, (call) => call('GET /insight/aging', `${api}/insight/aging`, { headers }).then(json).then(() => undefined)],
    [5, (call) => call('GET /events', `${api}/events?limit=50`, { headers }).then(json).then(() => undefined)],
    [5, (call) => call('GET /messages', `${api}/messages?limit=20`, { headers }).then(json).then(() => undefined)],
  ];
  const weight = mix.reduce((n, [w]) => n + w, 0);
  const choose = () => {
    let r = Math.random() * weight;
    for (const [w, action] of mix) if ((r -= w) < 0) return action;
    return mix[0]![1];
  };

  // The dunning tick, back to back on its own (as the hourly job would run, only far more often), and the
  // server's memory once a second, both for as long as the traffic lasts.
  let loading = true;
  const began = Date.now();
  const ticks: { status: number; queued: number; ms: number; at: number }[] = [];
  const ticking = (async () => {
    while (loading) {
      const started = Date.now();
      const r = await fetch(`${api}/dunning/run`, { method: 'POST', headers: { authorization: headers.authorization }, signal: AbortSignal.timeout(60_000) }).catch(() => null);
      const queued = r?.ok ? ((await r.json()) as { messagesQueued: number }).messagesQueued : 0;
      ticks.push({ status: r?.status ?? 0, queued, ms: Date.now() - started, at: (started - began) / 1000 });
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
  })();
  const memory: { at: number; rss: number }[] = [];
  const sampler = setInterval(() => {
    const m = memoryOf(server!.pid);
    if (m) memory.push({ at: (Date.now() - began) / 1000, rss: m.rss });
  }, 1_000);
  const report = await fixedRate({ rate: RATE, seconds: SECONDS, pick: choose });
  clearInterval(sampler);
  loading = false;
  await ticking;
  const deliveredDuringLoad = sink.received.length;
  const peak = memoryOf(server!.pid)!.peak;

  // The customers created in the last seconds are decided by one more tick; then the outbox drains.
  expect((await fetch(`${api}/dunning/run`, { method: 'POST', headers: { authorization: headers.authorization } })).status).toBe(200);
  const drainUntil = Date.now() + 120_000;
  while (Date.now() < drainUntil) {
    const pending = (await json(await fetch(`${api}/messages?status=pending&limit=1`, { headers }))).data as unknown[];
    if (pending.length === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  expect(await server!.stop(), server!.output()).toBe(0);

  const database = await target.open();
  let rows: { id: string; status: string; channel: string; provider_message_id: string | null; sent_events: number }[];
  let breaches;
  try {
    rows = await queryRows(
      database.db,
      sql`select o.id::text, o.status, o.channel, o.provider_message_id,
                 (select count(*)::int from events e where e.org_id = o.org_id and e.entity_type = 'message' and e.entity_id = o.id and e.action = 'message.sent') as sent_events
            from outbox o where o.org_id = ${orgId}`,
    );
    breaches = await ledgerBreaches(database.db, orgId);
  } finally {
    await database.close();
  }

  const statuses = report.samples.map((s) => s.status);
  const tally = (xs: readonly (string | number)[]) => [...xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string | number, number>())].map(([x, n]) => `${x} ${n}`).join(', ');
  const latencies = report.samples.map((s) => s.ms);
  const slow = report.samples.filter((x) => x.ms > 5_000);
  const warm = memory.filter((m) => m.at >= SECONDS * 0.2);
  const third = Math.max(1, Math.floor(warm.length / 3));
  const early = median(warm.slice(0, third).map((m) => m.rss));
  const late = median(warm.slice(-third).map((m) => m.rss));
  console.info(
    [
      `load test on ${target.kind}: ${report.samples.length} requests in ${report.seconds.toFixed(1)} s (${(report.samples.length / report.seconds).toFixed(1)}/s, ${RATE} actions/s asked, ${report.dropped} slots dropped), statuses ${tally(statuses)}`,
      `  latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`,
      `  p99 by request: ${[...new Set(report.samples.map((x) => x.name))].map((name) => `${name} ${percentile(report.samples.filter((x) => x.name === name).map((x) => x.ms), 99).toFixed(0)} ms`).join(', ')}`,
      `  ${ticks.length} ticks (median ${median(ticks.map((t) => t.ms))} ms) queued ${ticks.reduce((n, t) => n + t.queued, 0)} reminders; outbox ${tally(rows.map((r) => r.status))}; ${sink.received.length} emails received (${deliveredDuringLoad} during the load)`,
      `  ${slow.length} requests over 5 s${slow.length ? `, sent between ${Math.min(...slow.map((x) => x.at)).toFixed(0)} s and ${Math.max(...slow.map((x) => x.at)).toFixed(0)} s` : ''}; ticks slower than 5 s: ${ticks.filter((t) => t.ms > 5_000).map((t) => `${t.ms} ms at ${t.at.toFixed(0)} s`).join(', ') || 'none'}`,
      `  server RSS by the minute: ${memory.filter((_, i) => i % 60 === 0).map((m) => `${(m.rss / MB) | 0}`).join(', ')} MB`,
      `  server RSS after warm-up ${(warm[0]?.rss ?? NaN) / MB | 0} MB, end ${(memory.at(-1)?.rss ?? NaN) / MB | 0} MB, peak ${(peak / MB) | 0} MB; median first third ${(early / MB) | 0} MB, last third ${(late / MB) | 0} MB`,
    ].join('\n'),
  );

  expect(report.errors, report.errors.slice(0, 5).join('\n')).toEqual([]);
  expect(statuses.filter((s) => s >= 500 || s === 0)).toEqual([]);
  expect(statuses.filter((s) => s >= 300)).toEqual([]);
  expect(ticks.filter((t) => t.status !== 200)).toEqual([]);
  expect(breaches).toEqual([]);

  // Reminders really went out while the traffic ran, and every one that was queued is accounted for.
  expect(deliveredDuringLoad).toBeGreaterThan(0);
  expect(rows.filter((r) => r.status !== 'sent' && r.status !== 'cancelled')).toEqual([]);
  const sent = rows.filter((r) => r.status === 'sent');
  expect(sent.every((r) => r.channel === 'email' && r.provider_message_id === `<${r.id}@${DOMAIN}>`)).toBe(true);
  // Exactly once: each sent row's Message-ID arrived one time, and nothing arrived that no row names.
  const received = sink.received.map((m) => m.messageId).sort();
  expect(received).toEqual(sent.map((r) => r.provider_message_id!).sort());
  expect(sent.filter((r) => r.sent_events !== 1)).toEqual([]);

  expect(warm.length).toBeGreaterThanOrEqual(3);
  expect(late).toBeLessThanOrEqual(early * 1.2 + 16 * MB);
});
