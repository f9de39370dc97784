import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { buildServer, type App } from '../../src/http/server.ts';
import { fixedClock, type Ctx } from '../../src/services/context.ts';
import { createApiKey, createOrganization, type NewOrganization } from '../../src/services/organizations.ts';
import { testDatabase } from './database.ts';

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

export interface ApiSuite {
  database: Database & { dispose(): Promise<void> };
  app: App;
  clock: TestClock;
  /** An organization with an owner API key, ready to call the API. */
  t: Tenant;
}

/**
 * Register the hooks that give a test file its own migrated database, a server and one organization;
 * the returned object is filled in before the first test runs.
 */
export function useApi(at?: string): ApiSuite {
  const suite = {} as ApiSuite;
  beforeAll(async () => {
    suite.database = await testDatabase();
    const started = await testApp(suite.database, at);
    suite.app = started.app;
    suite.clock = started.clock;
    suite.t = await tenant(suite.database, suite.app, suite.clock);
  });
  afterAll(async () => {
    await suite.app?.close();
    await suite.database?.dispose();
  });
  return suite;
}
