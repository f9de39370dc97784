import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/raw.ts';
import type { App } from '../src/http/server.ts';
import { seedDemo } from '../src/services/seed-demo.ts';
import { createApiKey } from '../src/services/organizations.ts';
import { testApp, tenant, type Tenant, type TestClock } from './support/app.ts';
import { testDatabase } from './support/database.ts';

// Every /api/v1 operation is called as organization A with organization B's ids: in the path (must answer
// 404), in the body or query (must not succeed with them), and nothing of B may change or show. B is the
// demo organization (customers, invoices, payments, credit notes) plus one of everything its own API can
// create, so the ids are real rows of another organization, not random ones.

interface Schema {
  type?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  anyOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minItems?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  minProperties?: number;
  additionalProperties?: Schema | boolean;
}
interface Operation {
  method: string;
  path: string;
  access?: string;
  body?: Schema;
  query: string[];
}
type Spec = { paths: Record<string, Record<string, { 'x-access'?: string; requestBody?: { content?: Record<string, { schema?: Schema }> }; parameters?: { in: string; name: string }[] }>> };

let database: Awaited<ReturnType<typeof testDatabase>>;
let app: App;
let clock: TestClock;
let a: Tenant;
let bKey: string;
const B_ORG = '00000000-0000-4000-8000-00000000d0e0';
/** Ids of B's rows, by the collection path they live under ("/api/v1/customers/{}/contacts"). */
const foreign = new Map<string, string>();

function operations(): Operation[] {
  const spec = app.swagger() as Spec;
  return Object.entries(spec.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      access: op['x-access'],
      body: op.requestBody?.content?.['application/json']?.schema,
      query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
    })),
  );
}

// Which collection an id field points into, and which table holds B's rows when no API call created one.
const FIELD_COLLECTION: Record<string, string> = {
  customerId: '/api/v1/customers',
  invoiceId: '/api/v1/invoices',
  contactId: '/api/v1/customers/{}/contacts',
  billingContactId: '/api/v1/customers/{}/contacts',
  paymentId: '/api/v1/payments',
  policyId: '/api/v1/dunning/policies',
  defaultPolicyId: '/api/v1/dunning/policies',
  assigneeId: '/api/v1/users',
  collectorId: '/api/v1/users',
  mappingId: '/api/v1/bank-csv-mappings',
  statementId: '/api/v1/bank-statements',
  entityId: '/api/v1/customers',
};
const TABLE_OF: Record<string, string> = {
  '/api/v1/customers': 'customers',
  '/api/v1/customers/{}/contacts': 'contacts',
  '/api/v1/invoices': 'invoices',
  '/api/v1/payments': 'payments',
  '/api/v1/allocations': 'allocations',
  '/api/v1/users': 'users',
  '/api/v1/api-keys': 'api_keys',
  '/api/v1/messages': 'outbox',
  '/api/v1/bank-statements': 'bank_statements',
  '/api/v1/bank-transactions': 'bank_transactions',
  '/api/v1/invoices/{}/late-fees': 'late_fee_charges',
  '/api/v1/insight/customers': 'customers',
  '/api/v1/recurring-invoices': 'recurring_schedules',
  '/api/v1/tasks': 'collection_tasks',
  '/api/v1/promises': 'payment_promises',
  '/api/v1/customers/{}/bank-accounts': 'customer_bank_accounts',
  '/api/v1/settings/bank-accounts': 'bank_accounts',
  '/api/v1/customers/{}/portal-links': 'portal_links',
};

async function foreignId(collection: string): Promise<string | undefined> {
  if (foreign.has(collection)) return foreign.get(collection);
  const table = TABLE_OF[collection] ?? collection.split('/').at(-1)!.replaceAll('-', '_');
  const exists = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from pg_tables where schemaname = 'public' and tablename = ${table}`);
  if (!exists[0]!.n) return undefined;
  const [row] = await queryRows<{ id: string }>(database.db, sql`select id::text as id from ${sql.identifier(table)} where org_id = ${B_ORG} order by id limit 1`);
  if (row) foreign.set(collection, row.id);
  return row?.id;
}

/** The path with B's ids in it (or undefined where no foreign id applies), and the params that got one. */
async function fillPath(path: string): Promise<{ url: string; foreignParams: string[]; missing: string[] }> {
  const foreignParams: string[] = [];
  const missing: string[] = [];
  let url = '';
  const fixed: Record<string, string> = { series: 'INV', key: 'reminder.friendly', locale: 'en' };
  for (const part of path.split('/').filter(Boolean)) {
    const m = /^\{(\w+)\}$/.exec(part);
    if (!m) {
      url += `/${part}`;
      continue;
    }
    const name = m[1]!;
    const collection = url.replace(/\/[0-9a-f-]{36}(?=\/|$)/g, '/{}');
    if (fixed[name]) {
      url += `/${fixed[name]}`;
      continue;
    }
    const id = await foreignId(collection);
    if (id) foreignParams.push(name);
    url += `/${id ?? randomUUID()}`;
  }
  if (foreignParams.length === 0 && /\{\w+\}/.test(path) && !/^\/api\/v1\/(settings\/number-series|templates)\//.test(path)) missing.push(path);
  return { url, foreignParams, missing };
}

// Bodies the schema alone cannot make valid enough to reach the id lookup; merged over the generated ones.
const BODY: Record<string, Record<string, unknown>> = {
  'POST /api/v1/deposits': { currency: 'EUR', amount: 5_000 },
  'POST /api/v1/invoices/{id}/credit-notes': { reason: 'Isolation test', amount: 100 },
  'POST /api/v1/bank-csv-mappings': { mapping: { hasHeader: true, dateFormat: 'YYYY-MM-DD', decimalSeparator: '.', currency: 'EUR', columns: { bookingDate: 'Date', amount: 'Amount' } } },
  'POST /api/v1/dunning/policies': { steps: [{ id: 'due', offsetDays: 0, channel: 'email', tone: 'friendly', templateKey: 'due_today' }] },
  'PUT /api/v1/dunning/policies/{id}': { steps: [{ id: 'due', offsetDays: 0, channel: 'email', tone: 'friendly', templateKey: 'due_today' }] },
  'POST /api/v1/invoices/{id}/payment-plans': { firstDueDate: '2025-07-01', count: 2 },
  'POST /api/v1/invoices/{id}/promises': { promisedDate: '2025-06-25', amount: 100 },
};
// Values a field's name calls for, where a schema-valid string is not a valid value.
let emails = 0;
const BY_NAME: Record<string, () => unknown> = {
  quantity: () => '1',
  email: () => `isolation.${++emails}.${randomUUID().slice(0, 8)}@example.com`,
  iban: () => 'RO49AAAA1B31007593840000',
  account: () => 'RO49AAAA1B31007593840000',
};

async function requestBody(op: Operation): Promise<unknown> {
  const generated = await body(op.body);
  const extra = BODY[`${op.method} ${op.path}`];
  return extra ? { ...(generated as object), ...extra } : generated;
}

/** A body that passes the schema, with B's ids in every id field. */
async function body(schema: Schema | undefined, name = ''): Promise<unknown> {
  if (!schema) return undefined;
  if (BY_NAME[name]) return BY_NAME[name]!();
  if (schema.anyOf) return body(schema.anyOf.find((s) => s.type !== 'null') ?? schema.anyOf[0], name);
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const properties = Object.entries(schema.properties ?? {});
      for (const [key, s] of properties)
        if ((schema.required ?? []).includes(key) || FIELD_COLLECTION[key] || key.endsWith('Ids') || BY_NAME[key]) out[key] = await body(s, key);
      // PATCH bodies ask for at least one field: give the first.
      for (const [key, s] of properties) if (Object.keys(out).length < (schema.minProperties ?? 0)) out[key] = await body(s, key);
      // Maps keyed by currency (amounts per currency).
      if (Object.keys(out).length < (schema.minProperties ?? 0) && typeof schema.additionalProperties === 'object') out.EUR = await body(schema.additionalProperties);
      return out;
    }
    case 'array':
      return name.endsWith('Ids') ? [await foreignId(FIELD_COLLECTION[name.replace(/Ids$/, 'Id')] ?? '/api/v1/invoices')] : (schema.minItems ?? 0) > 0 ? [await body(schema.items, name)] : [];
    case 'integer':
    case 'number':
      return Math.min(Math.max(schema.minimum ?? 1, 1), schema.maximum ?? Number.MAX_SAFE_INTEGER);
    case 'boolean':
      return false;
    case 'string': {
      if (schema.format === 'uuid') return (FIELD_COLLECTION[name] && (await foreignId(FIELD_COLLECTION[name]))) ?? randomUUID();
      if (schema.format === 'date-time') return '2025-06-20T10:00:00Z';
      if (schema.format === 'email') return 'someone@example.com';
      if (schema.pattern?.includes('\\d{4}-\\d{2}-\\d{2}')) return '2025-06-20';
      if (schema.pattern === '^[A-Z]{3}$') return 'EUR';
      if (schema.pattern === '^[A-Z]{2}$') return 'RO';
      return 'x'.repeat(Math.max(schema.minLength ?? 1, 1));
    }
    default:
      return {};
  }
}

// Refusals that depend on the calling organization alone, not on any id, so they reveal nothing.
const ORG_WIDE_REFUSALS = new Set(['ONLINE_PAYMENT_UNAVAILABLE']);

/** A digest of every row an organization has, in every tenant table. */
async function fingerprint(orgId: string): Promise<string> {
  const tables = await queryRows<{ t: string }>(database.db, sql`
    select c.relname as t from pg_class c join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped
     where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`);
  const parts = tables.map(({ t }) => sql`select ${t}::text as t, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${sql.identifier(t)} x where org_id = ${orgId}`);
  const rows = await queryRows<{ t: string; h: string }>(database.db, sql.join(parts, sql` union all `));
  return rows.map((r) => `${r.t}:${r.h}`).join(',');
}

async function allForeignIds(): Promise<Set<string>> {
  const rows = await queryRows<{ id: string }>(database.db, sql`
    select id::text as id from customers where org_id = ${B_ORG} union all select id::text from invoices where org_id = ${B_ORG}
    union all select id::text from payments where org_id = ${B_ORG} union all select id::text from contacts where org_id = ${B_ORG}
    union all select id::text from users where org_id = ${B_ORG} union all select id::text from events where org_id = ${B_ORG}`);
  return new Set([B_ORG, ...rows.map((r) => r.id)]);
}

const call = (t: { key: string }, method: string, url: string, payload?: unknown) =>
  app.inject({ method: method as 'GET', url, headers: { authorization: `Bearer ${t.key}` }, ...(payload === undefined ? {} : { payload: payload as object }) });

/** B makes one of everything its API can make, with its own ids, so A has real foreign ids to try. */
async function furnishB(): Promise<void> {
  // An invoice still owed, its customer and contact, and a live payment: what disputes, promises and plans need.
  const [open] = await queryRows<{ id: string; customer_id: string; contact_id: string; payment_id: string }>(database.db, sql`
    select i.id, i.customer_id, (select c.id from contacts c where c.org_id = i.org_id and c.customer_id = i.customer_id limit 1) as contact_id,
           (select p.id from payments p where p.org_id = i.org_id and p.status = 'recorded' order by p.id limit 1) as payment_id
      from invoices i where i.org_id = ${B_ORG} and i.kind = 'invoice' and i.status = 'open' order by i.id limit 1`);
  foreign.set('/api/v1/invoices', open!.id);
  foreign.set('/api/v1/customers', open!.customer_id);
  foreign.set('/api/v1/customers/{}/contacts', open!.contact_id);
  foreign.set('/api/v1/payments', open!.payment_id);
  const statement = readFileSync(new URL('../src/payments/statements/fixtures/camt053-v08-de.xml', import.meta.url));
  await app.inject({ method: 'POST', url: '/api/v1/bank-statements', headers: { authorization: `Bearer ${bKey}`, 'content-type': 'application/xml' }, payload: statement });
  // Creations only: actions (void, reverse, cancel…) would spend the very rows the others need.
  const action = /\/(issue|void|write-off|mark-uncollectible|deactivate|reverse|settle|pause|resume|confirm|ignore|resolve|cancel|close|complete|waive|apply-credit|run|preview)$/;
  const creators = operations().filter((o) => o.method === 'POST' && !o.access && !o.path.includes('/auth/') && !action.test(o.path));
  // Parents first (/customers before /customers/{id}/contacts); a dispute last, as it pauses the invoice.
  const rank = (o: Operation) => o.path.split('/').length + (o.path.endsWith('/disputes') ? 10 : 0);
  creators.sort((x, y) => rank(x) - rank(y));
  for (const op of creators) {
    const { url } = await fillPath(op.path);
    const response = await call({ key: bKey }, 'POST', url, (await requestBody(op)) ?? {});
    if (response.statusCode >= 300) continue;
    const json = response.json() as Record<string, unknown>;
    const made = typeof json.id === 'string' ? json.id : Object.values(json).find((v): v is { id: string } => typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string')?.id;
    const collection = url.replace(/\/[0-9a-f-]{36}(?=\/|$)/g, '/{}');
    if (made && !foreign.has(collection)) foreign.set(collection, made);
  }
}

beforeAll(async () => {
  database = await testDatabase();
  ({ app, clock } = await testApp(database));
  await seedDemo(database.db, clock);
  bKey = (await createApiKey(database.db, clock, B_ORG, 'B owner', 'owner')).key;
  await furnishB();
  a = await tenant(database, app, clock, { name: 'Org A' });
}, 300_000);
afterAll(async () => {
  await app.close();
  await database.dispose();
});

describe("every /api/v1 endpoint, called with another organization's ids", () => {
  it('answers 404 for foreign ids in the path, never serves foreign rows, and changes nothing', { timeout: 300_000 }, async () => {
    const problems: string[] = [];
    const missing: string[] = [];
    const secrets = await allForeignIds();
    const before = await fingerprint(B_ORG);
    for (const op of operations().filter((o) => o.access !== 'public')) {
      const path = await fillPath(op.path);
      missing.push(...path.missing);
      const query = (await Promise.all(op.query.filter((q) => FIELD_COLLECTION[q]).map(async (q) => `${q}=${await foreignId(FIELD_COLLECTION[q]!)}`))).join('&');
      const url = query && op.method === 'GET' ? `${path.url}?${query}` : path.url;
      const payload = op.method === 'GET' || op.method === 'DELETE' ? undefined : ((await requestBody(op)) ?? {});
      const aBefore = await fingerprint(a.orgId);
      const response = await call(a, op.method, url, payload);
      const label = `${op.method} ${op.path} → ${response.statusCode}`;
      const orgWide = response.statusCode === 409 && ORG_WIDE_REFUSALS.has((response.json() as { error?: { code?: string } }).error?.code ?? '');
      if (path.foreignParams.length > 0 && response.statusCode !== 404 && !orgWide) problems.push(`${label}: expected 404 ${response.body.slice(0, 160)}`);
      const sentForeignInBody = JSON.stringify(payload ?? {}).match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g)?.some((id) => secrets.has(id));
      if (op.method !== 'GET' && sentForeignInBody && response.statusCode < 400) problems.push(`${label}: accepted another organization's id in the body`);
      if (response.statusCode < 300) {
        const leaked = [...secrets].filter((id) => response.body.includes(id));
        if (leaked.length) problems.push(`${label}: shows B's ${leaked.slice(0, 3).join(', ')}`);
      }
      if (response.statusCode === 404 && (await fingerprint(a.orgId)) !== aBefore) problems.push(`${label}: changed A's data while answering 404`);
      if ((await fingerprint(B_ORG)) !== before) {
        problems.push(`${label}: changed B's data`);
        break;
      }
    }
    // missing: routes whose path ids found no row of B to try; make B one in furnishB, or map the table in TABLE_OF.
    expect({ missing: [...new Set(missing)], problems }).toEqual({ missing: [], problems: [] });
  });
});
