// API throughput and p99 latency for the invoice list and invoice create, against bare Fastify running the
// same SQL by hand in the same process and database. Run: npm run bench -- api  (DATABASE_URL for PostgreSQL)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/db/connection.ts';
import { newId } from '../src/db/ids.ts';
import { queryRows } from '../src/db/raw.ts';
import { buildServer } from '../src/http/server.ts';
import { systemClock } from '../src/services/context.ts';
import { importInvoices } from '../src/services/import-invoices.ts';
import { demoApiKey, DEMO_ORG_ID, seedDemo } from '../src/services/seed-demo.ts';
import { fmt, peakRss, record, resetPeakRss } from './support.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const dir = mkdtempSync(join(tmpdir(), 'punctual-bench-'));
const database = await openDatabase({ url: process.env.DATABASE_URL, dataDir: process.env.DATABASE_URL ? undefined : join(dir, 'data') });
await database.migrate();
if (process.env.DATABASE_URL) await database.db.execute(sql`delete from events where false`);
const { db } = database;
if (!(await queryRows<{ n: number }>(db, sql`select 1 as n from organizations where org_id = ${DEMO_ORG_ID}`)).length) await seedDemo(db, systemClock);
const ctx = { db, orgId: DEMO_ORG_ID, actor: { type: 'system' as const }, clock: systemClock };
const rows = ['invoice_number,customer_ref,issue_date,due_date,description,quantity,unit_price,tax_rate'];
const batch = `B${Date.now()}`;
for (let i = 0; i < 20_000; i++) rows.push(`${batch}-${i},C-0${String((i % 9) + 1).padStart(2, '0')},2025-06-01,2025-07-01,Item ${i},1,${1000 + i},10`);
const imported = await importInvoices(ctx, rows.join('\n'));
if (!imported.ok) throw new Error(imported.message);
const key = demoApiKey();
const customerId = (await queryRows<{ id: string }>(db, sql`select id from customers where org_id = ${DEMO_ORG_ID} and external_ref = 'C-022'`))[0]!.id;
const createBody = JSON.stringify({ customerId, issue: true, lines: [{ description: 'Benchmark line', quantity: 1, unitPrice: 12_345, taxRateBp: 1900 }] });

const ours = await buildServer({ db, clock: systemClock });
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
    await tx.execute(sql`insert into invoice_lines (org_id, id, invoice_id, position, description, quantity, unit_price, tax_rate_bp, net_amount) values (${DEMO_ORG_ID}, ${newId()}, ${id}, 1, ${line.description}, 1, ${line.unitPrice}, ${line.taxRateBp}, ${line.unitPrice})`);
    await tx.execute(sql`insert into events (org_id, id, occurred_at, actor_type, entity_type, entity_id, action, after) values (${DEMO_ORG_ID}, ${newId()}, now(), 'api_key', 'invoice', ${id}, 'invoice.created', '{}')`);
    return { id };
  });
});
await bare.listen({ port: 0, host: '127.0.0.1' });

const portOf = (app: typeof bare) => (app.server.address() as { port: number }).port;
// Peak memory is the whole process's during one measure: the server under test (with PGlite, when embedded),
// the other server idle, and autocannon; the same for both, so their difference is the servers'.
let peakPerMeasure = true;
async function load(url: string, method: 'GET' | 'POST', body?: string) {
  peakPerMeasure = resetPeakRss() && peakPerMeasure;
  const r = await autocannon({ url, method, body, duration: SECONDS, connections: 10, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' } });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { rps: r.requests.average, p99: r.latency.p99, peak: peakRss() };
}
const mib = (bytes: number) => `${fmt(bytes / 2 ** 20)} MiB`;

const results = [];
for (const [name, method, path, basePath, body] of [
  ['GET /invoices (50 of 20,200)', 'GET', '/api/v1/invoices?limit=50', '/list', undefined],
  ['POST /invoices (create + issue)', 'POST', '/api/v1/invoices', '/create', createBody],
] as const) {
  const a = await load(`http://127.0.0.1:${portOf(ours as unknown as typeof bare)}${path}`, method, body);
  const b = await load(`http://127.0.0.1:${portOf(bare)}${basePath}`, method, body);
  results.push(
    { name: `${name}: requests/s`, ours: fmt(a.rps), baseline: fmt(b.rps), ratio: b.rps / a.rps },
    { name: `${name}: p99 latency`, ours: `${a.p99} ms`, baseline: `${b.p99} ms`, ratio: a.p99 / Math.max(b.p99, 1) },
    { name: `${name}: peak RSS under load`, ours: mib(a.peak), baseline: mib(b.peak), ratio: a.peak / b.peak },
  );
}
record(
  `API throughput (${database.kind})`,
  `autocannon, 10 connections, ${SECONDS} s per measure, server and load generator in one process on loopback; baseline = bare Fastify running the same SQL by hand. Peak RSS is the process's ${peakPerMeasure ? 'during each measure (the kernel\'s high-water mark reset before it)' : 'over the whole run (this system cannot reset the high-water mark)'}: both servers, the database driver${database.kind === 'pglite' ? ' and PGlite' : ''}, and autocannon.`,
  results,
);
await ours.close();
await bare.close();
await database.close();
rmSync(dir, { recursive: true, force: true });
