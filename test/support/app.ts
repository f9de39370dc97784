import type { LightMyRequestResponse } from 'fastify';
import type { Database } from '../../src/db/connection.ts';
import { buildServer, type App } from '../../src/http/server.ts';
import { fixedClock, type Ctx } from '../../src/services/context.ts';
import { createApiKey, createOrganization, type NewOrganization } from '../../src/services/organizations.ts';

export type TestClock = ReturnType<typeof fixedClock>;

export interface Tenant {
  readonly orgId: string;
  readonly key: string;
  readonly ctx: Ctx;
  call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

/** A new organization with an API key, and a helper that calls the API as it. */
export async function tenant(database: Database, app: App, clock: TestClock, org: Partial<NewOrganization> = {}): Promise<Tenant> {
  const created = await createOrganization(database.db, clock, { name: 'Test Co', baseCurrency: 'EUR', timeZone: 'Europe/Bucharest', ...org });
  if (!created.ok) throw new Error(created.message);
  const orgId = created.value.orgId;
  const { key } = await createApiKey(database.db, clock, orgId, 'test', 'owner');
  return {
    orgId,
    key,
    ctx: { db: database.db, orgId, actor: { type: 'system' }, clock },
    call: (method, url, body) =>
      app.inject({ method, url, headers: { authorization: `Bearer ${key}` }, ...(body === undefined ? {} : { payload: body as object }) }),
  };
}

export async function testApp(database: Database, at = '2025-06-15T09:00:00Z'): Promise<{ app: App; clock: TestClock }> {
  const clock = fixedClock(at);
  const app = await buildServer({ db: database.db, clock });
  await app.ready();
  return { app, clock };
}
