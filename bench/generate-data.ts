// A realistic organization of any size for benchmarks: customers in six currencies, invoices over the last
// year with a mix of terms and states (open, overdue, partially paid, paid), and the payments and
// allocations behind them. Loaded with COPY (PostgreSQL through pg-copy-streams, PGlite through /dev/blob).
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Temporal } from 'temporal-polyfill';
import type { Database } from '../src/db/connection.ts';
import { newId } from '../src/db/ids.ts';
import { systemClock } from '../src/services/context.ts';
import { createApiKey, createOrganization } from '../src/services/organizations.ts';

export interface Generated {
  readonly orgId: string;
  readonly apiKey: string;
  readonly customers: number;
  readonly invoices: number;
  readonly openInvoices: number;
}

const CURRENCIES = [
  ['EUR', 'Europe/Bucharest', 'ro', 1900, 50_000],
  ['RON', 'Europe/Bucharest', 'ro', 2100, 250_000],
  ['VND', 'Asia/Ho_Chi_Minh', 'vi', 1000, 12_000_000],
  ['IDR', 'Asia/Jakarta', 'id', 1100, 800_000_000],
  ['RUB', 'Europe/Moscow', 'ru', 2000, 4_500_000],
  ['USD', 'America/New_York', 'en', 0, 60_000],
] as const;
const TERMS = [['net_30', 30], ['net_15', 15], ['net_60', 60], ['due_on_receipt', 0]] as const;

function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const csvValue = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'string' && /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : String(v));

async function copy(database: Database, table: string, columns: readonly string[], rows: Iterable<unknown[]>): Promise<void> {
  const statement = `copy ${table} (${columns.join(', ')}) from STDIN with (format csv)`;
  function* lines() {
    let chunk = '';
    for (const row of rows) {
      chunk += `${row.map(csvValue).join(',')}\n`;
      if (chunk.length > 1 << 20) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  if (database.url) {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await pipeline(Readable.from(lines()), client.query(copyFrom(statement)));
    } finally {
      await client.end();
    }
  } else {
    const blob = new Blob([...lines()]);
    await database.pglite!.query(statement.replace('STDIN', "'/dev/blob'"), [], { blob });
  }
}

export async function generateOrganization(database: Database, invoices: number, seed = 1): Promise<Generated> {
  const next = random(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  const created = await createOrganization(database.db, systemClock, { name: `Bench ${invoices}`, baseCurrency: 'EUR', timeZone: 'Europe/Bucharest' });
  if (!created.ok) throw new Error(created.message);
  const orgId = created.value.orgId;
  const { key } = await createApiKey(database.db, systemClock, orgId, 'bench', 'owner');
  const now = new Date().toISOString();
  const today = Temporal.Now.plainDateISO('Europe/Bucharest');
  const customerCount = Math.max(10, Math.round(invoices / 20));
  const customers = Array.from({ length: customerCount }, (_, i) => ({ id: newId(), ref: `B-${i}`, c: pick(CURRENCIES), terms: pick(TERMS) }));
  await copy(
    database,
    'customers',
    ['org_id', 'id', 'external_ref', 'name', 'locale', 'time_zone', 'currency', 'payment_terms', 'status', 'tags', 'created_at', 'updated_at', 'billing_address'],
    customers.map((c) => [orgId, c.id, c.ref, `Customer ${c.ref}`, c.c[2], c.c[1], c.c[0], c.terms[0], 'active', '{}', now, now, '{}']),
  );
  await copy(
    database,
    'contacts',
    ['org_id', 'id', 'customer_id', 'name', 'email', 'phone', 'role', 'preferred_channel', 'is_primary', 'created_at'],
    customers.map((c) => [orgId, newId(), c.id, `AP ${c.ref}`, `ap-${c.ref.toLowerCase()}@bench.example`, '+40700000000', 'accounts_payable', 'email', true, now]),
  );
  const invoiceRows: unknown[][] = [];
  const lineRows: unknown[][] = [];
  const paymentRows: unknown[][] = [];
  const allocationRows: unknown[][] = [];
  // Copied in batches: two million invoices' rows held at once exceed Node's default heap.
  const flush = async () => {
    await copy(
      database,
      'invoices',
      ['org_id', 'id', 'kind', 'customer_id', 'series', 'number', 'status', 'issue_date', 'due_date', 'payment_terms', 'currency', 'subtotal', 'discount_total', 'tax_total', 'total', 'tax_breakdown', 'amount_paid', 'amount_credited', 'balance', 'last_payment_on', 'last_allocated_on', 'issued_at', 'created_at', 'updated_at'],
      invoiceRows.splice(0),
    );
    await copy(database, 'invoice_lines', ['org_id', 'id', 'invoice_id', 'position', 'description', 'quantity', 'unit_price', 'tax_rate_bp', 'tax_category', 'discount_bp', 'net_amount'], lineRows.splice(0));
    await copy(database, 'payments', ['org_id', 'id', 'customer_id', 'amount', 'currency', 'received_on', 'method', 'source', 'status', 'unallocated', 'refunded', 'created_at'], paymentRows.splice(0));
    await copy(database, 'allocations', ['org_id', 'id', 'invoice_id', 'payment_id', 'amount', 'allocated_on', 'created_at'], allocationRows.splice(0));
  };
  let open = 0;
  for (let i = 0; i < invoices; i++) {
    const customer = customers[Math.floor(next() * customers.length)]!;
    const [currency, , , taxBp, typical] = customer.c;
    const issue = today.subtract({ days: Math.floor(next() * 365) });
    const due = issue.add({ days: customer.terms[1] });
    const net = Math.max(1, Math.round(typical * (0.2 + next() * 2)));
    const tax = Math.round((net * taxBp) / 10_000);
    const total = net + tax;
    const roll = next();
    const paid = Temporal.PlainDate.compare(due, today) > 0 && roll < 0.3 ? 0 : roll < 0.55 ? total : roll < 0.7 ? Math.round(total * 0.4) : 0;
    const balance = total - paid;
    if (balance > 0) open++;
    const status = balance === 0 ? 'paid' : paid > 0 ? 'partially_paid' : 'open';
    const id = newId();
    // Standard rated where there is a rate, zero rated where there is none (USD here), as issuing decides.
    const category = taxBp > 0 ? 'S' : 'Z';
    const on = paid > 0 ? (Temporal.PlainDate.compare(due, today) < 0 ? due.add({ days: Math.floor(next() * 20) }) : issue) : undefined;
    const receivedOn = on && (Temporal.PlainDate.compare(on, today) > 0 ? today : on).toString();
    invoiceRows.push([orgId, id, 'invoice', customer.id, 'BENCH', `B-${i}`, status, issue.toString(), due.toString(), customer.terms[0], currency, net, 0, tax, total, JSON.stringify([{ taxCategory: category, taxRateBp: taxBp, taxableAmount: net, taxAmount: tax }]), paid, 0, balance, receivedOn, receivedOn, now, now, now]);
    lineRows.push([orgId, newId(), id, 1, 'Services', '1', net, taxBp, category, 0, net]);
    if (receivedOn) {
      const paymentId = newId();
      paymentRows.push([orgId, paymentId, customer.id, paid, currency, receivedOn, 'bank_transfer', 'bench', 'recorded', 0, 0, now]);
      allocationRows.push([orgId, newId(), id, paymentId, paid, receivedOn, now]);
    }
    if (invoiceRows.length === 200_000) await flush();
  }
  await flush();
  if (database.url) {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query('analyze');
    await client.end();
  }
  return { orgId, apiKey: key, customers: customerCount, invoices, openInvoices: open };
}
