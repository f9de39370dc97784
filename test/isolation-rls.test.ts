import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inOrg, TENANT_ROLE } from '../src/db/connection.ts';
import { queryRows } from '../src/db/raw.ts';
import type { App } from '../src/http/server.ts';
import { testApp, tenant, type Tenant } from './support/app.ts';
import { testDatabase } from './support/database.ts';

let database: Awaited<ReturnType<typeof testDatabase>>;
let app: App;
let a: Tenant;
let b: Tenant;

/** Drizzle wraps database errors; the database's own message is in the cause. */
async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const e = error as Error & { cause?: Error };
    return e.cause?.message ?? e.message;
  }
  return 'no error';
}

/** Every table of the public schema with an org_id column: the tenant tables. */
async function tenantTables(): Promise<string[]> {
  const rows = await queryRows<{ table_name: string }>(database.db, sql`
    select c.relname as table_name
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped
     where n.nspname = 'public' and c.relkind in ('r', 'p')
     order by 1`);
  return rows.map((r) => r.table_name);
}

async function seed(t: Tenant) {
  const customer = (await t.call('POST', '/api/v1/customers', { name: 'Shared Name Ltd', currency: 'EUR', contacts: [{ name: 'Ion', email: `ion.${t.orgId}@example.com` }] })).json();
  const invoice = (await t.call('POST', '/api/v1/invoices', { customerId: customer.id, issue: true, lines: [{ description: 'Work', quantity: 1, unitPrice: 10_000 }] })).json();
  await t.call('POST', '/api/v1/payments', { customerId: customer.id, amount: 4_000, currency: 'EUR', receivedOn: '2025-06-10', method: 'bank_transfer' });
  await t.call('POST', '/api/v1/users', { email: `viewer.${t.orgId}@example.com`, role: 'viewer' });
  return { customer, invoice };
}

beforeAll(async () => {
  database = await testDatabase();
  let clock;
  ({ app, clock } = await testApp(database));
  a = await tenant(database, app, clock, { name: 'Org A' });
  b = await tenant(database, app, clock, { name: 'Org B' });
  await seed(a);
  await seed(b);
});
afterAll(async () => {
  await app.close();
  await database.dispose();
});

describe('row-level security policies', () => {
  it('cover every table with an org_id column, with the one strict tenant policy', async () => {
    const tables = await tenantTables();
    expect(tables).toEqual(expect.arrayContaining(['customers', 'invoices', 'events', 'outbox', 'users', 'sessions', 'api_keys', 'organizations']));
    const off = await queryRows<{ relname: string }>(database.db, sql`
      select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relrowsecurity order by 1`);
    expect(off.map((r) => r.relname).filter((t) => tables.includes(t)), 'tables with an org_id column but row-level security off: end their migration with SELECT punctual_isolate_tenant_tables();').toEqual([]);

    const policies = await queryRows<{ tablename: string; policyname: string; permissive: string; cmd: string; qual: string | null; with_check: string | null }>(
      database.db,
      sql`select tablename, policyname, permissive, cmd, qual, with_check from pg_policies where schemaname = 'public'`,
    );
    const canonical = policies.find((p) => p.tablename === 'customers' && p.policyname === 'tenant_isolation')!;
    expect(canonical.qual).toMatch(/org_id = \(NULLIF\(current_setting\('app\.org_id'::text, true\), ''::text\)\)::uuid/);
    for (const table of tables) {
      const own = policies.filter((p) => p.tablename === table);
      expect(own.map((p) => p.policyname), `${table} lacks the tenant policy`).toContain('tenant_isolation');
      // Permissive policies are OR-ed: any other permissive policy could open the table, so each must be as strict.
      for (const p of own.filter((x) => x.permissive === 'PERMISSIVE'))
        expect({ table, policy: p.policyname, cmd: p.cmd, qual: p.qual, check: p.with_check }).toEqual({ table, policy: p.policyname, cmd: 'ALL', qual: canonical.qual, check: canonical.qual });
    }
  });

  it('bind the tenant role: no superuser, no bypass, owns nothing', async () => {
    const [role] = await queryRows<{ rolsuper: boolean; rolbypassrls: boolean; rolcanlogin: boolean }>(database.db, sql`select rolsuper, rolbypassrls, rolcanlogin from pg_roles where rolname = ${TENANT_ROLE}`);
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcanlogin: false });
    const owned = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from pg_class where relowner = (select oid from pg_roles where rolname = ${TENANT_ROLE})`);
    expect(owned[0]!.n).toBe(0);
    const [me] = await inOrg(database.db, a.orgId, (tx) => queryRows<{ who: string }>(tx, sql`select current_user as who`));
    expect(me!.who).toBe(TENANT_ROLE);
  });
});

describe('with app.org_id set to organization A', () => {
  it("selects none of B's rows in any tenant table, though they exist", async () => {
    const tables = await tenantTables();
    const seen = await inOrg(database.db, a.orgId, async (tx) => {
      const out: Record<string, { foreign: number; own: number }> = {};
      for (const t of tables) {
        const [row] = await queryRows<{ foreign: number; own: number }>(
          tx,
          sql`select count(*) filter (where org_id = ${b.orgId})::int as foreign, count(*) filter (where org_id = ${a.orgId})::int as own from ${sql.identifier(t)}`,
        );
        out[t] = row!;
      }
      return out;
    });
    for (const t of tables) expect(seen[t]!.foreign, t).toBe(0);
    for (const t of ['customers', 'invoices', 'payments', 'events', 'users', 'api_keys', 'organizations', 'outbox']) {
      const [asOwner] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from ${sql.identifier(t)} where org_id = ${b.orgId}`);
      expect(asOwner!.n, `B has rows in ${t}`).toBeGreaterThan(0);
      expect(seen[t]!.own, `A sees its own ${t}`).toBeGreaterThan(0);
    }
  });

  it("cannot write B's rows: updates and deletes touch nothing, inserts are refused", async () => {
    const touched = await inOrg(database.db, a.orgId, async (tx) => {
      const updated = await queryRows<{ id: string }>(tx, sql`update customers set name = 'pwned' where org_id = ${b.orgId} returning id`);
      const deleted = await queryRows<{ id: string }>(tx, sql`delete from contacts where org_id = ${b.orgId} returning id`);
      const roles = await queryRows<{ id: string }>(tx, sql`update users set role = 'owner' returning id`);
      return { updated: updated.length, deleted: deleted.length, users: roles.length };
    });
    expect(touched.updated).toBe(0);
    expect(touched.deleted).toBe(0);
    const [ownUsers] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from users where org_id = ${a.orgId}`);
    expect(touched.users).toBe(ownUsers!.n);
    expect(
      await failure(
        inOrg(database.db, a.orgId, (tx) => tx.execute(sql`insert into customers (org_id, id, name, locale, time_zone, currency, payment_terms, created_at, updated_at)
          values (${b.orgId}, gen_random_uuid(), 'Planted', 'en', 'UTC', 'EUR', 'net_30', now(), now())`)),
      ),
    ).toMatch(/row-level security/);
    const [names] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from customers where org_id = ${b.orgId} and name in ('pwned', 'Planted')`);
    expect(names!.n).toBe(0);
  });

  it('shows nothing at all to the tenant role when no organization is set', async () => {
    const rows = await database.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('role', ${TENANT_ROLE}, true)`);
      return queryRows<{ n: number }>(tx as never, sql`select (select count(*) from customers) + (select count(*) from users) + (select count(*) from organizations) as n`);
    });
    expect(Number(rows[0]!.n)).toBe(0);
  });
});

describe('the event log', () => {
  it('cannot be edited, deleted or truncated, by requests or by the owner', async () => {
    expect(await failure(inOrg(database.db, a.orgId, (tx) => tx.execute(sql`update events set action = 'x' where org_id = ${a.orgId}`)))).toMatch(/permission denied/);
    expect(await failure(inOrg(database.db, a.orgId, (tx) => tx.execute(sql`delete from events where org_id = ${a.orgId}`)))).toMatch(/permission denied/);
    expect(await failure(database.db.execute(sql`update events set action = 'x' where org_id = ${a.orgId}`))).toMatch(/append-only/);
    expect(await failure(database.db.execute(sql`delete from events where org_id = ${a.orgId}`))).toMatch(/append-only/);
    expect(await failure(database.db.execute(sql`truncate events`))).toMatch(/append-only/);
    const [left] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from events where org_id = ${a.orgId} and action = 'x'`);
    expect(left!.n).toBe(0);
  });

  it('has no route that edits or deletes events', async () => {
    const [event] = (await a.call('GET', '/api/v1/events?limit=1')).json().data;
    for (const method of ['PATCH', 'DELETE'] as const) {
      for (const url of ['/api/v1/events', `/api/v1/events/${event.id}`]) expect((await a.call(method, url, method === 'PATCH' ? { action: 'x' } : undefined)).statusCode).toBe(404);
    }
    const paths = Object.entries((app.swagger() as { paths: Record<string, Record<string, unknown>> }).paths).filter(([p]) => p.includes('/events'));
    for (const [path, ops] of paths) expect(Object.keys(ops).filter((m) => m !== 'get'), path).toEqual([]);
  });
});
