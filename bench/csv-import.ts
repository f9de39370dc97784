// CSV import rate: `punctual import invoices` (parse, validate every row, price, insert with events) against a
// baseline that inserts the same invoices and lines with hand-written multi-row INSERTs and no checks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { openDatabase } from '../src/db/connection.ts';
import { newId } from '../src/db/ids.ts';
import { queryRows } from '../src/db/raw.ts';
import { systemClock } from '../src/services/context.ts';
import { importCustomers } from '../src/services/import-customers.ts';
import { importInvoices } from '../src/services/import-invoices.ts';
import { createOrganization } from '../src/services/organizations.ts';
import { fmt, record } from './support.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const dir = mkdtempSync(join(tmpdir(), 'punctual-bench-'));
const database = await openDatabase({ url: process.env.DATABASE_URL, dataDir: process.env.DATABASE_URL ? undefined : join(dir, 'data') });
await database.migrate();
const org = await createOrganization(database.db, systemClock, { name: 'Import bench', baseCurrency: 'EUR' });
if (!org.ok) throw new Error(org.message);
const ctx = { db: database.db, orgId: org.value.orgId, actor: { type: 'cli' as const }, clock: systemClock };
await importCustomers(ctx, ['external_ref,name,currency', ...Array.from({ length: 50 }, (_, i) => `R-${i},Customer ${i},EUR`)].join('\n'));
const csv = ['invoice_number,customer_ref,issue_date,due_date,description,quantity,unit_price,tax_rate'];
for (let i = 0; i < ROWS; i++) csv.push(`IMP-${i},R-${i % 50},2025-03-${String((i % 28) + 1).padStart(2, '0')},2025-04-30,"Service, item ${i}",2,${(100 + (i % 900)).toFixed(2)},19`);
const content = csv.join('\n');

let t = performance.now();
const result = await importInvoices(ctx, content);
const ours = performance.now() - t;
if (!result.ok || result.value.imported !== ROWS) throw new Error('import failed');

const customers = new Map((await queryRows<{ id: string; external_ref: string }>(database.db, sql`select id, external_ref from customers where org_id = ${ctx.orgId}`)).map((c) => [c.external_ref, c.id]));
t = performance.now();
const records = parse(content, { columns: true }) as Record<string, string>[];
await database.db.transaction(async (tx) => {
  for (let i = 0; i < records.length; i += 1000) {
    const chunk = records.slice(i, i + 1000).map((r) => {
      const net = Math.round(Number(r.unit_price) * 100) * Number(r.quantity);
      const tax = Math.round((net * 1900) / 10_000);
      return { id: newId(), r, net, tax };
    });
    await tx.execute(sql`insert into invoices (org_id, id, kind, customer_id, series, number, status, issue_date, due_date, payment_terms, currency, subtotal, discount_total, tax_total, total, tax_breakdown, balance, issued_at, created_at, updated_at) values ${sql.join(
      chunk.map((c) => sql`(${ctx.orgId}, ${c.id}, 'invoice', ${customers.get(c.r.customer_ref!)}, 'BASE', ${c.r.invoice_number}, 'open', ${c.r.issue_date}, ${c.r.due_date}, 'net_30', 'EUR', ${c.net}, 0, ${c.tax}, ${c.net + c.tax}, '[]', ${c.net + c.tax}, now(), now(), now())`),
      sql`, `,
    )}`);
    await tx.execute(sql`insert into invoice_lines (org_id, id, invoice_id, position, description, quantity, unit_price, tax_category, tax_rate_bp, net_amount) values ${sql.join(
      chunk.map((c) => sql`(${ctx.orgId}, ${newId()}, ${c.id}, 1, ${c.r.description}, ${c.r.quantity}, ${Math.round(Number(c.r.unit_price) * 100)}, 'S', 1900, ${c.net})`),
      sql`, `,
    )}`);
  }
});
const baseline = performance.now() - t;

const rate = (ms: number) => (ROWS / ms) * 1000;
record(`CSV import of ${fmt(ROWS)} invoices (${database.kind})`, 'Punctual validates every row with the API rules, prices lines exactly, writes invoices, lines and one event per invoice in one transaction; the baseline inserts the same rows by hand-written multi-row INSERT with no validation and no events.', [
  { name: 'invoices per second', ours: fmt(rate(ours)), baseline: fmt(rate(baseline)), ratio: ours / baseline },
  { name: 'total time', ours: `${fmt(ours / 1000, 2)} s`, baseline: `${fmt(baseline / 1000, 2)} s`, ratio: ours / baseline },
]);
await database.close();
rmSync(dir, { recursive: true, force: true });
