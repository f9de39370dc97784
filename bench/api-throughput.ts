// API throughput and p99 latency for the invoice list, invoice create and the customer portal's page, against
// bare Fastify running the same SQL by hand in the same process and database.
// Run: npm run bench -- api  (DATABASE_URL for PostgreSQL: the bench makes its own scratch database there)
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { sql } from 'drizzle-orm';
import { readConfig } from '../src/cli/config.ts';
import { newId } from '../src/db/ids.ts';
import { queryRows } from '../src/db/raw.ts';
import type { ThrottleRule } from '../src/db/repositories/throttle.ts';
import { PORTAL_TOKEN_HEADER } from '../src/http/routes/portal.ts';
import { buildServer } from '../src/http/server.ts';
import { systemClock } from '../src/services/context.ts';
import { importInvoices } from '../src/services/import-invoices.ts';
import { PORTAL_MAX_DOCUMENTS } from '../src/services/portal/overview.ts';
import { PORTAL_PER_ADDRESS, PORTAL_PER_LINK } from '../src/services/portal/session.ts';
import { createPortalLink } from '../src/services/portal/team-links.ts';
import { demoApiKey, DEMO_ORG_ID, seedDemo } from '../src/services/seed-demo.ts';
import { generateOrganization } from './generate-data.ts';
import { benchDatabase, fmt, peakRss, record, resetPeakRss } from './support.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PORTAL_INVOICES = 20_000;
const dir = mkdtempSync(join(tmpdir(), 'punctual-bench-'));
const database = await benchDatabase('api', { dataDir: join(dir, 'data'), poolSize: 10 });
const { db } = database;
await seedDemo(db, systemClock);
const ctx = { db, orgId: DEMO_ORG_ID, actor: { type: 'system' as const }, clock: systemClock };
const rows = ['invoice_number,customer_ref,issue_date,due_date,description,quantity,unit_price,tax_rate'];
const batch = `B${Date.now()}`;
for (let i = 0; i < 20_000; i++) rows.push(`${batch}-${i},C-0${String((i % 9) + 1).padStart(2, '0')},2025-06-01,2025-07-01,Item ${i},1,${1000 + i},10`);
const imported = await importInvoices(ctx, rows.join('\n'));
if (!imported.ok) throw new Error(imported.message);
const key = demoApiKey();
const customerId = (await queryRows<{ id: string }>(db, sql`select id from customers where org_id = ${DEMO_ORG_ID} and external_ref = 'C-022'`))[0]!.id;
const createBody = JSON.stringify({ customerId, issue: true, lines: [{ description: 'Benchmark line', quantity: 1, unitPrice: 12_345, taxRateBp: 1900 }] });

// The portal page: every customer of a generated organization has a link, made by the service the team's
// "portal link" button uses; the load cycles through them, as many customers opening their own page would.
// Each side gets its own links, so neither inherits the other's per-link counts or last-used stamps.
const portalOrg = await generateOrganization(database, PORTAL_INVOICES);
const portalCustomers = await queryRows<{ id: string }>(db, sql`select id from customers where org_id = ${portalOrg.orgId} order by id`);
async function portalTokens(): Promise<string[]> {
  const portalCtx = { db, orgId: portalOrg.orgId, actor: { type: 'system' as const }, clock: systemClock };
  const tokens: string[] = [];
  for (const customer of portalCustomers) {
    const created = await createPortalLink(portalCtx, 'http://bench.invalid', customer.id, {});
    if (!created.ok) throw new Error(created.message);
    tokens.push(new URL(created.value.url).hash.slice(1));
  }
  return tokens;
}
const ourTokens = await portalTokens();
const baselineTokens = await portalTokens();

// All the load comes from 127.0.0.1, as it would through a gateway that puts many customers behind one
// address: this server, and only this one, raises the per-address limit the way such an operator would.
const loadAddressLimit = 10_000_000;
const { portalRequestsPerAddress } = readConfig({ PORTAL_REQUESTS_PER_ADDRESS: String(loadAddressLimit) });
const ours = await buildServer({ db, clock: systemClock, portalRequestsPerAddress });
await ours.listen({ port: 0, host: '127.0.0.1' });

// The baseline does the same database work as Punctual's handlers, written by hand with no schema
// validation, no typed serialisation and no services: authenticate the key, load the organization, then
// the list query or the create transaction.
const bare = Fastify();
const keyId = /^pk_([0-9a-f]{32})_/.exec(key)![1]!.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
async function authenticate() {
  const [k] = await queryRows<{ org_id: string }>(db, sql`select org_id from api_keys where id = ${keyId} and revoked_at is null`);
  return queryRows(db, sql`select * from organizations where org_id = ${k!.org_id}`);
}
bare.get('/list', async () => {
  await authenticate();
  return { data: await queryRows(db, sql`select * from invoices where org_id = ${DEMO_ORG_ID} order by id desc limit 50`) };
});
bare.post('/create', async (request) => {
  await authenticate();
  const body = request.body as { customerId: string; lines: { description: string; unitPrice: number; taxRateBp: number }[] };
  return db.transaction(async (tx) => {
    const id = newId();
    const line = body.lines[0]!;
    const tax = Math.round((line.unitPrice * line.taxRateBp) / 10_000);
    await tx.execute(sql`select * from customers where org_id = ${DEMO_ORG_ID} and id = ${body.customerId} for update`);
    const [n] = await queryRows<{ next_number: number }>(tx, sql`insert into number_series (org_id, id, prefix) values (${DEMO_ORG_ID}, 'BASE', 'BASE-') on conflict do nothing returning next_number`);
    const [s] = await queryRows<{ next_number: number }>(tx, sql`update number_series set next_number = next_number + 1 where org_id = ${DEMO_ORG_ID} and id = 'BASE' returning next_number`);
    void n;
    await tx.execute(sql`insert into invoices (org_id, id, kind, customer_id, series, number, status, issue_date, due_date, payment_terms, currency, subtotal, discount_total, tax_total, total, tax_breakdown, balance, issued_at, created_at, updated_at)
      values (${DEMO_ORG_ID}, ${id}, 'invoice', ${body.customerId}, 'BASE', ${`BASE-${s!.next_number}`}, 'open', current_date, current_date + 14, 'net_14', 'EUR', ${line.unitPrice}, 0, ${tax}, ${line.unitPrice + tax}, '[]', ${line.unitPrice + tax}, now(), now(), now())`);
    await tx.execute(sql`insert into invoice_lines (org_id, id, invoice_id, position, description, quantity, unit_price, tax_rate_bp, tax_category, net_amount) values (${DEMO_ORG_ID}, ${newId()}, ${id}, 1, ${line.description}, 1, ${line.unitPrice}, ${line.taxRateBp}, 'S', ${line.unitPrice})`);
    await tx.execute(sql`insert into events (org_id, id, occurred_at, actor_type, entity_type, entity_id, action, after) values (${DEMO_ORG_ID}, ${newId()}, now(), 'api_key', 'invoice', ${id}, 'invoice.created', '{}')`);
    return { id };
  });
});

// The portal page's work as openPortalSession and portalOverview do it: the address and link counters,
// the link by its token's hash, then the customer, organization, documents, credit, settings and holds.
const perAddress: ThrottleRule = { ...PORTAL_PER_ADDRESS, limit: loadAddressLimit };
const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;
async function limited(key: string, now: Date, rule: ThrottleRule): Promise<boolean> {
  const fresh = sql`auth_throttle.window_started_at <= ${at(new Date(now.getTime() - rule.windowMs))}`;
  const hits = sql`case when ${fresh} then 1 else auth_throttle.hits + 1 end`;
  const [row] = await queryRows<{ locked: boolean | null }>(db, sql`
    insert into auth_throttle (key, hits, window_started_at) values (${key}, 1, ${at(now)})
    on conflict (key) do update set hits = ${hits},
      window_started_at = case when ${fresh} then ${at(now)} else auth_throttle.window_started_at end,
      locked_until = case when ${hits} >= ${rule.limit} then ${at(new Date(now.getTime() + rule.lockMs))} else auth_throttle.locked_until end
    returning locked_until > ${at(now)} as locked`);
  return row!.locked === true;
}
bare.get('/portal', async (request, reply) => {
  const now = new Date();
  const [missLock] = await queryRows(db, sql`select 1 from auth_throttle where key = ${`baseline:miss:${request.ip}`} and locked_until > ${at(now)}`);
  if (missLock || (await limited(`baseline:ip:${request.ip}`, now, perAddress))) return reply.status(429).send();
  const hash = createHash('sha256').update(String(request.headers[PORTAL_TOKEN_HEADER])).digest('hex');
  const [link] = await queryRows<{ id: string; org_id: string; customer_id: string; usable: boolean; stale: boolean }>(db, sql`
    select *, revoked_at is null and expires_at > ${at(now)} as usable, last_used_at is null or last_used_at <= ${at(new Date(now.getTime() - 300_000))} as stale
      from portal_links where token_hash = ${hash}`);
  if (!link?.usable) return reply.status(401).send();
  if (await limited(`baseline:link:${link.id}`, now, PORTAL_PER_LINK)) return reply.status(429).send();
  const [org, customer] = [link.org_id, link.customer_id];
  if (link.stale) await db.execute(sql`update portal_links set last_used_at = ${at(now)} where org_id = ${org} and id = ${link.id}`);
  return db.transaction(async (tx) => {
    const [organization] = await queryRows<{ time_zone: string }>(tx, sql`select * from organizations where org_id = ${org}`);
    const today = sql`(now() at time zone ${organization!.time_zone})::date`;
    return {
      organization,
      customer: (await queryRows(tx, sql`select * from customers where org_id = ${org} and id = ${customer}`))[0],
      documents: await queryRows(tx, sql`select * from invoices where org_id = ${org} and customer_id = ${customer} and status not in ('draft', 'void')
        order by balance > 0 desc, issue_date desc, id desc limit ${PORTAL_MAX_DOCUMENTS}`),
      credit: await queryRows(tx, sql`select currency, sum(amount)::bigint as amount from (
        select currency, unallocated as amount from payments where org_id = ${org} and customer_id = ${customer} and status = 'recorded' and unallocated > 0
        union all
        select currency, balance from invoices where org_id = ${org} and customer_id = ${customer} and kind = 'credit_note' and status = 'open' and balance > 0
      ) credit group by currency order by currency`),
      settings: await queryRows(tx, sql`select * from portal_settings where org_id = ${org}`),
      disputes: await queryRows(tx, sql`select * from disputes where org_id = ${org} and customer_id = ${customer} and status = 'open'`),
      promises: await queryRows(tx, sql`select * from payment_promises where org_id = ${org} and customer_id = ${customer} and status = 'open'`),
      claims: await queryRows(tx, sql`select * from payment_claims where org_id = ${org} and customer_id = ${customer} and status = 'open' and until >= ${today}`),
      plans: await queryRows(tx, sql`select * from payment_plans where org_id = ${org} and customer_id = ${customer} and status = 'active'`),
    };
  });
});
await bare.listen({ port: 0, host: '127.0.0.1' });

const portOf = (app: typeof bare) => (app.server.address() as { port: number }).port;
// Peak memory is the whole process's during one measure: the server under test (with PGlite, when embedded),
// the other server idle, and autocannon; the same for both, so their difference is the servers'.
let peakPerMeasure = true;
// With tokens, each request carries the next portal token in turn (autocannon rebuilds the request each time).
async function load(url: string, method: 'GET' | 'POST', body?: string, tokens?: readonly string[]) {
  let next = 0;
  const requests = tokens && [{ setupRequest: (request: autocannon.Request) => ({ ...request, headers: { ...request.headers, [PORTAL_TOKEN_HEADER]: tokens[next++ % tokens.length]! } }) }];
  peakPerMeasure = resetPeakRss() && peakPerMeasure;
  const r = await autocannon({ url, method, body, requests, duration: SECONDS, connections: 10, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' } });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${url}: ${r.non2xx} non-2xx (${JSON.stringify(r.statusCodeStats)}), ${r.errors} errors`);
  return { rps: r.requests.average, p99: r.latency.p99, peak: peakRss() };
}
const mib = (bytes: number) => `${fmt(bytes / 2 ** 20)} MiB`;

// Both sides show the same customer the same documents before either is timed.
const documentIds = async (url: string, token: string) => {
  const page = (await (await fetch(url, { headers: { [PORTAL_TOKEN_HEADER]: token } })).json()) as { documents?: { id: string }[] };
  return (page.documents ?? []).map((d) => d.id).join();
};
const ourDocuments = await documentIds(`http://127.0.0.1:${portOf(ours as unknown as typeof bare)}/portal-api/overview`, ourTokens[0]!);
if (!ourDocuments || ourDocuments !== (await documentIds(`http://127.0.0.1:${portOf(bare)}/portal`, baselineTokens[0]!))) throw new Error('The portal page and its baseline disagree on the first customer\'s documents');

const results = [];
const loads: number[] = [];
const portalPage = `GET /portal-api/overview (portal page, ${fmt(portalCustomers.length)} customers' links in turn)`;
for (const [name, method, path, basePath, body, tokens] of [
  ['GET /invoices (50 of 20,200)', 'GET', '/api/v1/invoices?limit=50', '/list', undefined, undefined],
  ['POST /invoices (create + issue)', 'POST', '/api/v1/invoices', '/create', createBody, undefined],
  [portalPage, 'GET', '/portal-api/overview', '/portal', undefined, [ourTokens, baselineTokens]],
] as const) {
  const a = await load(`http://127.0.0.1:${portOf(ours as unknown as typeof bare)}${path}`, method, body, tokens?.[0]);
  const b = await load(`http://127.0.0.1:${portOf(bare)}${basePath}`, method, body, tokens?.[1]);
  loads.push(loadavg()[0]!);
  results.push(
    { name: `${name}: requests/s`, ours: fmt(a.rps), baseline: fmt(b.rps), ratio: b.rps / a.rps },
    { name: `${name}: p99 latency`, ours: `${a.p99} ms`, baseline: `${b.p99} ms`, ratio: a.p99 / Math.max(b.p99, 1) },
    { name: `${name}: peak RSS under load`, ours: mib(a.peak), baseline: mib(b.peak), ratio: a.peak / b.peak },
  );
}
record(
  `API throughput (${database.kind})`,
  [
    `autocannon, 10 connections, ${SECONDS} s per measure, server and load generator in one process on loopback; baseline = bare Fastify running the same SQL by hand.`,
    `Portal page: the request the portal's web page makes to show a customer everything they were invoiced, for the ${fmt(portalCustomers.length)} customers of a generated organization (${fmt(portalOrg.invoices)} invoices, ${fmt(portalOrg.openInvoices)} open, six currencies), one link each, the load taking them in turn; the load comes from one address, so this server runs with PORTAL_REQUESTS_PER_ADDRESS=${loadAddressLimit} (the per-link limit stays); the baseline keeps the same counters, looks the link up by its hash and reads the customer's documents, credit, settings and holds, without row-level security.`,
    `Peak RSS is the process's ${peakPerMeasure ? "during each measure (the kernel's high-water mark reset before it)" : 'over the whole run (this system cannot reset the high-water mark)'}: both servers, the database driver${database.kind === 'pglite' ? ' and PGlite' : ''}, and autocannon.`,
    `Load average (1 min) after each pair of measures: ${loads.map((l) => fmt(l, 1)).join(', ')} on a machine shared with other work.`,
  ].join(' '),
  results,
);
await ours.close();
await bare.close();
await database.dispose();
rmSync(dir, { recursive: true, force: true });
