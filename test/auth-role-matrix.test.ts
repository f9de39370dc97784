import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, PERMISSIONS, ROLES, type Permission, type Role } from '../src/domain/roles.ts';
import type { App } from '../src/http/server.ts';
import { createApiKey } from '../src/services/organizations.ts';
import { testApp, tenant, type Tenant } from './support/app.ts';
import { testDatabase } from './support/database.ts';

let database: Awaited<ReturnType<typeof testDatabase>>;
let app: App;
let org: Tenant;
const keys = new Map<Role, string>();

interface Route {
  readonly method: string;
  readonly path: string;
  readonly permission?: string;
  readonly access?: string;
}

/** Every documented /api/v1 operation with the access rule the server enforces for it. */
function routes(): Route[] {
  const spec = app.swagger() as { paths: Record<string, Record<string, { 'x-permission'?: string; 'x-access'?: string }>> };
  return Object.entries(spec.paths)
    .filter(([path]) => path.startsWith('/api/v1/'))
    .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, permission: op['x-permission'], access: op['x-access'] })));
}

const url = (path: string) => path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'series' ? 'INV' : randomUUID()));

beforeAll(async () => {
  database = await testDatabase();
  let clock;
  ({ app, clock } = await testApp(database));
  org = await tenant(database, app, clock, { name: 'Matrix Co' });
  for (const role of ROLES) keys.set(role, (await createApiKey(database.db, clock, org.orgId, `${role} key`, role)).key);
});
afterAll(async () => {
  await app.close();
  await database.dispose();
});

describe('the permission matrix', () => {
  it('gives every /api/v1 route a permission from the list, or an explicit access level', () => {
    const all = routes();
    expect(all.length).toBeGreaterThan(30);
    for (const r of all) {
      const rule = r.permission ?? r.access;
      expect(rule, `${r.method} ${r.path} declares no permission`).toBeDefined();
      if (r.permission) expect(PERMISSIONS, `${r.method} ${r.path}`).toContain(r.permission);
      else expect(['public', 'signed-in']).toContain(r.access);
    }
  });

  it('refuses each role every route its permission lacks (403), and lets it reach every route it has', async () => {
    const outcomes: string[] = [];
    for (const r of routes().filter((x) => x.access !== 'public')) {
      const target = url(r.path);
      for (const role of ROLES) {
        const response = await app.inject({ method: r.method as 'GET', url: target, headers: { authorization: `Bearer ${keys.get(role)}` }, ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload: {} }) });
        const allowed = r.access === 'signed-in' || can(role, r.permission as Permission);
        const refused = response.statusCode === 403 && response.json().error.code === 'FORBIDDEN';
        if (allowed === refused || response.statusCode === 401) outcomes.push(`${role} ${r.method} ${r.path}: ${response.statusCode} ${response.body.slice(0, 120)}`);
      }
    }
    expect(outcomes).toEqual([]);
  });

  it('asks a sign-in of every non-public route', async () => {
    const open: string[] = [];
    for (const r of routes().filter((x) => x.access !== 'public')) {
      const response = await app.inject({ method: r.method as 'GET', url: url(r.path), ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload: {} }) });
      if (response.statusCode !== 401) open.push(`${r.method} ${r.path}: ${response.statusCode}`);
    }
    expect(open).toEqual([]);
  });

  it('matches the roles of the issue: collectors touch no money or settings, viewers only read', () => {
    const writes = PERMISSIONS.filter((p) => !p.endsWith(':read'));
    expect(writes.filter((p) => can('viewer', p))).toEqual([]);
    expect(PERMISSIONS.filter((p) => can('collector', p) && (p === 'payments:write' || p === 'invoices:write' || p.startsWith('settings') || p === 'users:manage'))).toEqual([]);
    expect(can('collector', 'collections:write') && can('collector', 'customers:write')).toBe(true);
    expect(can('accountant', 'invoices:write') && can('accountant', 'payments:write') && !can('accountant', 'users:manage')).toBe(true);
  });
});
