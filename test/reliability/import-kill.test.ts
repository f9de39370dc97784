import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../../src/db/raw.ts';
import { ledgerBreaches } from '../../src/db/repositories/ledger-check.ts';
import { systemClock } from '../../src/services/context.ts';
import { importCustomers } from '../../src/services/import-customers.ts';
import { importInvoices } from '../../src/services/import-invoices.ts';
import { newOrganization } from '../support/organization.ts';
import { processDatabase, type ProcessDatabase } from '../support/process-database.ts';
import { runPunctual } from '../support/server-process.ts';

// `punctual import invoices` killed with SIGKILL while it writes a large file. The import is one transaction
// (README, "Importing"): afterwards either every invoice of the file is there with its payment, allocation
// and events, or none is, and importing the file again completes it. On PostgreSQL the kill is placed inside
// the write transaction (its backend holds a transaction id); on PGlite, where the database dies with the
// process and must recover from its WAL, the kill falls at a random moment around the end of the validation.
const INVOICES = 3_000;
const CUSTOMERS = 100;

let target: ProcessDatabase;
let dir: string;
let file: string;
let orgId: string;

beforeAll(async () => {
  target = await processDatabase('import');
  dir = mkdtempSync(join(tmpdir(), 'punctual-import-kill-'));
  const database = await target.open();
  try {
    const ctx = await newOrganization(database.db, 'Import Co');
    orgId = ctx.orgId;
    const customers = await importCustomers(ctx, ['external_ref,name', ...Array.from({ length: CUSTOMERS }, (_, i) => `C${i},Customer ${i}`)].join('\n'));
    if (!customers.ok) throw new Error(customers.message);
  } finally {
    await database.close();
  }
  const rows = ['invoice_number,customer_ref,issue_date,due_date,description,quantity,unit_price,tax_rate,amount_paid,paid_on'];
  for (let i = 0; i < INVOICES; i += 1) rows.push(`OLD-${i},C${i % CUSTOMERS},2025-03-01,2025-03-31,"Work, lot ${i}",2,${(50 + (i % 900)).toFixed(2)},19,${i % 2 ? '10.00' : ''},${i % 2 ? '2025-03-20' : ''}`);
  file = join(dir, 'invoices.csv');
  writeFileSync(file, `${rows.join('\n')}\n`);
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await target?.dispose();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether another session of this database holds an open transaction that has written something. */
async function writing(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = current_database() and backend_xid is not null and pid <> pg_backend_pid()');
    return rows[0]!.n > 0;
  } finally {
    await client.end();
  }
}

interface Imported {
  invoices: number;
  lines: number;
  payments: number;
  allocations: number;
  invoiceEvents: number;
  paymentEvents: number;
}

async function imported(): Promise<Imported & { breaches: unknown[] }> {
  const database = await target.open();
  try {
    const [counts] = await queryRows<Imported>(
      database.db,
      sql`select (select count(*)::int from invoices where org_id = ${orgId} and series = 'IMPORT') as invoices,
                 (select count(*)::int from invoice_lines l join invoices i on i.org_id = l.org_id and i.id = l.invoice_id where i.org_id = ${orgId} and i.series = 'IMPORT') as lines,
                 (select count(*)::int from payments where org_id = ${orgId} and source = 'import') as payments,
                 (select count(*)::int from allocations a join payments p on p.org_id = a.org_id and p.id = a.payment_id where p.org_id = ${orgId} and p.source = 'import') as allocations,
                 (select count(*)::int from events where org_id = ${orgId} and action = 'invoice.imported') as "invoiceEvents",
                 (select count(*)::int from events where org_id = ${orgId} and action = 'payment.imported') as "paymentEvents"`,
    );
    return { ...counts!, breaches: await ledgerBreaches(database.db, orgId) };
  } finally {
    await database.close();
  }
}

const NOTHING = { invoices: 0, lines: 0, payments: 0, allocations: 0, invoiceEvents: 0, paymentEvents: 0, breaches: [] };
const EVERYTHING = { invoices: INVOICES, lines: INVOICES, payments: INVOICES / 2, allocations: INVOICES / 2, invoiceEvents: INVOICES, paymentEvents: INVOICES / 2, breaches: [] };
const importFile = (...extra: string[]) => runPunctual(['import', 'invoices', file, '--org', orgId, ...extra], target.env);

it(`leaves all or nothing of ${INVOICES.toLocaleString('en')} invoices when killed while importing them, and the next import completes`, async () => {
  let landed: string;
  if (target.url) {
    const child = importFile();
    let open = false;
    while (!open && child.child.exitCode === null) {
      open = await writing(target.url);
      if (!open) await sleep(10);
    }
    expect(open, `the import ended before it was seen writing:\n${child.output()}`).toBe(true);
    await sleep(Math.random() * 50);
    const stillOpen = await writing(target.url);
    await child.kill();
    expect(stillOpen, 'the transaction committed before the kill').toBe(true);
    landed = 'inside the write transaction';
  } else {
    // How long reading and validating take, from a dry run; the kill then falls around the start of the writes.
    const started = Date.now();
    const dry = importFile('--dry-run');
    expect((await dry.exited).code, dry.output()).toBe(0);
    const validating = Date.now() - started;
    const child = importFile();
    await sleep(validating * (0.9 + Math.random() * 0.5));
    await child.kill();
    landed = `${validating} ms of validation, killed`;
  }

  const afterKill = await imported();
  expect([NOTHING, EVERYTHING]).toContainEqual(afterKill);
  if (target.url) expect(afterKill).toEqual(NOTHING);

  if (afterKill.invoices === 0) {
    const again = importFile();
    expect((await again.exited).code, again.output()).toBe(0);
    expect(again.output()).toContain(`imported ${INVOICES}.`);
  }
  expect(await imported()).toEqual(EVERYTHING);
  // The same file once more: every number is already taken, so nothing is written twice.
  const database = await target.open();
  try {
    const repeat = await importInvoices({ db: database.db, orgId, actor: { type: 'system' }, clock: systemClock }, readFileSync(file));
    expect(repeat.ok && repeat.value.imported).toBe(0);
    expect(repeat.ok && repeat.value.errors.every((e) => e.code === 'DUPLICATE_INVOICE_NUMBER')).toBe(true);
  } finally {
    await database.close();
  }
  expect(await imported()).toEqual(EVERYTHING);
  console.info(`import kill on ${target.kind}: ${landed}; found ${afterKill.invoices === 0 ? 'nothing' : 'everything'} imported, then the import was complete`);
});
