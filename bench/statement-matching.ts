// Bank-statement matching at scale: 100,000 statement credits against 100,000 open invoices of one
// organization. Punctual loads the open invoices (three plain scans) and runs every matching rule (RF reference,
// invoice number, payer account or name + amount, amount near the due date; partial, split and over-
// payments). The baseline, measured in the same run on the same database, is the hand-written SQL most
// people would start from: load the lines into a table and join them to invoices on the exact invoice
// number found in the text and the exact amount. A full import (parse a CAMT.053 file, store its lines,
// match, record every sure match as a payment) is measured too, as a dry run so the data set stays put.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { openDatabase } from '../src/db/connection.ts';
import { newId } from '../src/db/ids.ts';
import { queryRows } from '../src/db/raw.ts';
import { addCustomerAccounts } from '../src/db/repositories/banking.ts';
import { insertCustomers } from '../src/db/repositories/customers.ts';
import { insertInvoices } from '../src/db/repositories/invoices.ts';
import { date } from '../src/domain/dates.ts';
import { matchTransactions, type CreditToMatch } from '../src/domain/matching/index.ts';
import { formatAmount } from '../src/domain/money.ts';
import { importStatement } from '../src/services/banking/import-statement.ts';
import { loadOpenInvoices } from '../src/services/banking/open-invoices.ts';
import { invoicePaymentReference } from '../src/services/documents/payment-reference.ts';
import { systemClock, type Ctx } from '../src/services/context.ts';
import { createOrganization } from '../src/services/organizations.ts';
import { fmt, record } from './support.ts';

const INVOICES = Number(process.env.BENCH_INVOICES ?? 100_000);
const LINES = Number(process.env.BENCH_LINES ?? 100_000);
const IMPORT_LINES = Number(process.env.BENCH_IMPORT_LINES ?? 2_000);
const CUSTOMERS = Math.max(10, Math.round(INVOICES / 5));

function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const next = random(7);
const WORDS = ['Nord', 'Sud', 'Delta', 'Orion', 'Vega', 'Atlas', 'Luna', 'Sol', 'Terra', 'Nova', 'Astra', 'Kappa', 'Sigma', 'Omega', 'Lyra'];
const KINDS = ['Trading', 'Logistics', 'Studio', 'Construct', 'Foods', 'Digital', 'Retail', 'Medical'];

const dir = mkdtempSync(join(tmpdir(), 'punctual-bench-'));
const database = await openDatabase({ url: process.env.DATABASE_URL, dataDir: process.env.DATABASE_URL ? undefined : join(dir, 'data') });
await database.migrate();
const org = await createOrganization(database.db, systemClock, { name: 'Matching bench', baseCurrency: 'EUR', timeZone: 'Europe/Bucharest' });
if (!org.ok) throw new Error(org.message);
const orgId = org.value.orgId;
const ctx: Ctx = { db: database.db, orgId, actor: { type: 'cli', id: 'bench' }, clock: systemClock };
const now = new Date();

// Customers, a third of them with a registered paying account; invoices spread over four months of due
// dates, 2 % of them in RON.
const customers = Array.from({ length: CUSTOMERS }, (_, i) => ({
  id: newId(),
  name: `${WORDS[i % WORDS.length]} ${KINDS[Math.floor(i / WORDS.length) % KINDS.length]} ${i} SRL`,
  iban: i % 3 === 0 ? `RO${String(10 + (i % 89)).padStart(2, '0')}BANK${String(i).padStart(16, '0')}` : null,
}));
const base = { locale: 'ro', timeZone: 'Europe/Bucharest', currency: 'EUR', paymentTerms: 'net_30', status: 'active', createdAt: now, updatedAt: now };
await database.db.transaction(async (tx) => {
  await insertCustomers(tx, customers.map((c) => ({ orgId, id: c.id, name: c.name, ...base })), []);
  await addCustomerAccounts(tx, customers.flatMap((c) => (c.iban ? [{ orgId, id: newId(), customerId: c.id, account: c.iban, source: 'manual', createdAt: now }] : [])));
});
const firstDue = Temporal.PlainDate.from('2025-01-01');
const invoices = Array.from({ length: INVOICES }, (_, i) => {
  const customer = customers[i % CUSTOMERS]!;
  const total = 1_000 + Math.floor(next() * 500_000);
  return { id: newId(), number: `INV-${String(i).padStart(6, '0')}`, customer, total, currency: i % 50 === 0 ? 'RON' : 'EUR', due: firstDue.add({ days: Math.floor(next() * 120) }).toString() };
});
await database.db.transaction(async (tx) => {
  await insertInvoices(
    tx,
    invoices.map((v) => ({
      orgId, id: v.id, kind: 'invoice', customerId: v.customer.id, series: 'BENCH', number: v.number, status: 'open', issueDate: '2024-12-01', dueDate: v.due, paymentTerms: 'net_30',
      currency: v.currency, subtotal: v.total, discountTotal: 0, taxTotal: 0, total: v.total, taxBreakdown: [], balance: v.total, issuedAt: now, createdAt: now, updatedAt: now,
    })),
    [],
  );
});
if (database.url) await database.db.execute(sql`analyze`);

// One credit per invoice, in the ways payers actually pay: the number in the text (sometimes short), the
// RF reference, from a registered account or a recognizable name with no reference, only the amount, or
// nothing we can use.
interface Line extends CreditToMatch {
  readonly n: number;
}
const lines: Line[] = Array.from({ length: LINES }, (_, n) => {
  const v = invoices[n % INVOICES]!;
  const kind = next();
  const bookingDate = date(Temporal.PlainDate.from(v.due).add({ days: Math.floor(next() * 20) - 5 }).toString());
  const common = { n, bookingDate, currency: v.currency, reversal: false };
  if (kind < 0.45) return { ...common, amountMinor: next() < 0.9 ? v.total : Math.floor(v.total / 2), remittanceText: `Plata factura ${v.number}`, counterpartyName: v.customer.name };
  if (kind < 0.6) return { ...common, amountMinor: v.total, remittanceText: '', creditorReference: invoicePaymentReference(v.number)!, counterpartyName: v.customer.name };
  if (kind < 0.75 && v.customer.iban) return { ...common, amountMinor: v.total, remittanceText: 'transfer', counterpartyIban: v.customer.iban };
  if (kind < 0.85) return { ...common, amountMinor: v.total, remittanceText: 'plata', counterpartyName: v.customer.name.toUpperCase() };
  if (kind < 0.95) return { ...common, amountMinor: v.total, remittanceText: 'payment' };
  return { ...common, amountMinor: 100 + Math.floor(next() * 1_000_000), remittanceText: 'misc' };
});

// Punctual: load the open invoices set-based, then match every line.
let t = performance.now();
const open = await loadOpenInvoices(database.db, orgId);
const loaded = performance.now() - t;
t = performance.now();
const results = matchTransactions(lines, open);
const matched = performance.now() - t;
const ours = loaded + matched;
const count = (status: string) => results.filter((r) => r.status === status).length;
const sure = count('sure');

// Baseline: the lines into a table (multi-row INSERT, as the import stores them), then one join on the
// exact number taken from the text and the exact amount.
t = performance.now();
const baselineSure = await database.db.transaction(async (tx) => {
  await tx.execute(sql`create temporary table bench_lines (n integer primary key, remittance text not null, amount bigint not null, currency text not null) on commit drop`);
  for (let i = 0; i < lines.length; i += 5_000) {
    const chunk = lines.slice(i, i + 5_000);
    await tx.execute(sql`insert into bench_lines (n, remittance, amount, currency) values ${sql.join(chunk.map((l) => sql`(${l.n}, ${l.remittanceText}, ${l.amountMinor}, ${l.currency})`), sql`, `)}`);
  }
  const rows = await queryRows<{ n: number }>(
    tx,
    sql`select l.n from bench_lines l join invoices i
          on i.org_id = ${orgId} and i.number = substring(l.remittance from 'INV-[0-9]{6}') and i.balance = l.amount and i.currency = l.currency
         where i.kind = 'invoice' and i.status in ('open', 'partially_paid', 'uncollectible')`,
  );
  return rows.length;
});
const baseline = performance.now() - t;

// The whole import path on a statement of IMPORT_LINES of the same credits: parse the XML, store the
// lines, match, record each sure match as a payment with its allocations and events; rolled back.
const imported = lines.slice(0, IMPORT_LINES);
const xml = camt(imported);
t = performance.now();
const dry = await importStatement(ctx, { content: Buffer.from(xml), fileName: 'bench.xml' }, { dryRun: true });
const full = performance.now() - t;
if (!dry.ok) throw new Error(dry.message);

function camt(credits: readonly Line[]): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const entries = credits.map((c) => `<Ntry><Amt Ccy="${c.currency}">${formatAmount(c.amountMinor, c.currency)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>${c.bookingDate.toString()}</Dt></BookgDt><AcctSvcrRef>B${c.n}</AcctSvcrRef><NtryDtls><TxDtls><RltdPties>${c.counterpartyName ? `<Dbtr><Nm>${esc(c.counterpartyName)}</Nm></Dbtr>` : ''}${c.counterpartyIban ? `<DbtrAcct><Id><IBAN>${c.counterpartyIban}</IBAN></Id></DbtrAcct>` : ''}</RltdPties><RmtInf>${c.remittanceText ? `<Ustrd>${esc(c.remittanceText)}</Ustrd>` : ''}${c.creditorReference ? `<Strd><CdtrRefInf><Ref>${c.creditorReference}</Ref></CdtrRefInf></Strd>` : ''}</RmtInf></TxDtls></NtryDtls></Ntry>`);
  return `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>BENCH</MsgId><CreDtTm>2025-05-01T00:00:00Z</CreDtTm></GrpHdr><Stmt><Id>BENCH-1</Id><Acct><Id><IBAN>RO49BTRL01301202925689XX</IBAN></Id><Ccy>EUR</Ccy></Acct>${entries.join('')}</Stmt></BkToCstmrStmt></Document>`;
}

const perSecond = (n: number, ms: number) => fmt((n / ms) * 1000);
const s = dry.value.statement;
record(
  `Statement matching, ${fmt(LINES)} credits × ${fmt(INVOICES)} open invoices (${database.kind})`,
  `Punctual: the open invoices read set-based (${fmt(loaded / 1000, 2)} s) then every rule in memory (${fmt(matched / 1000, 2)} s): ${fmt(sure)} sure, ${fmt(count('review'))} for review, ${fmt(count('unmatched'))} unmatched. ` +
    `Baseline: the lines inserted into a table and joined to invoices on the exact number in the text and the exact amount: ${fmt(baselineSure)} matches (it misses RF references, payers without a reference, partial and split payments). ` +
    `Full import (dry run, rolled back) of a ${fmt(IMPORT_LINES)}-line CAMT.053 file against the same invoices: parse, store, match and record ${fmt(s.linesRecorded)} payments in ${fmt(full / 1000, 1)} s (${perSecond(IMPORT_LINES, full)} lines/s; each payment goes through the payment service, about ${fmt(full / Math.max(1, s.linesRecorded))} ms apiece). ` +
    `Load average during the run: ${fmt(loadavg()[0]!, 1)} on ${fmt(cpus().length)} cores.`,
  [
    { name: 'credits matched per second', ours: perSecond(LINES, ours), baseline: perSecond(LINES, baseline), ratio: ours / baseline },
    { name: 'total time', ours: `${fmt(ours / 1000, 2)} s`, baseline: `${fmt(baseline / 1000, 2)} s`, ratio: ours / baseline },
  ],
);
await database.close();
rmSync(dir, { recursive: true, force: true });
