import { mkdirSync, openSync, closeSync, unlinkSync, writeFileSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import type { Result } from '../domain/result.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** One handle type for both drivers; a transaction is a Db too, so repositories take either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  readonly db: Db;
  readonly kind: 'pglite' | 'postgres';
  /** The embedded engine when running on PGlite (the job queue needs it), else undefined. */
  readonly pglite?: PGlite;
  /** The PostgreSQL connection string when running on a server. */
  readonly url?: string;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface OpenOptions {
  /** PostgreSQL connection string; when absent, PGlite is used. */
  readonly url?: string;
  /** PGlite data folder; absent means in memory (tests). */
  readonly dataDir?: string;
  readonly poolSize?: number;
  /** A PGlite data-folder dump to start from (tests start from one migrated template). */
  readonly template?: Blob;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options.poolSize ?? 10) : openPglite(options.dataDir, options.template);
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // A connection whose server goes away (restart, failover) reports it as an 'error' event, which would end
  // the process unheard: on the pool when the connection was idle, on the connection itself when a
  // transaction held it between two queries. Either way the caller's next query fails and the pool drops the
  // connection, opening a fresh one for the query after.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    url,
    migrate: () => migratePg(drizzlePg({ client: pool, schema }), { migrationsFolder }),
    close: () => pool.end(),
  };
}

async function openPglite(dataDir: string | undefined, template?: Blob): Promise<Database> {
  let release = () => {};
  if (dataDir) {
    const dir = resolve(dataDir);
    mkdirSync(dirname(dir), { recursive: true });
    release = lockDataDir(dir);
  }
  try {
    const client = dataDir ? await PGlite.create(resolve(dataDir)) : await PGlite.create(template ? { loadDataDir: template } : {});
    const typed = drizzlePglite({ client, schema });
    return {
      db: typed as unknown as Db,
      kind: 'pglite',
      pglite: client,
      migrate: () => migratePglite(typed, { migrationsFolder }),
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

// Two processes opening one PGlite folder corrupt it without any error, so the first opener holds a lock
// file naming its pid; a second opener is refused unless that process is gone.
function lockDataDir(dir: string): () => void {
  const lock = `${dir}.lock`;
  try {
    const fd = openSync(lock, 'wx');
    writeFileSync(fd, String(process.pid));
    closeSync(fd);
  } catch {
    const holder = Number(readFileSync(lock, 'utf8'));
    if (holder && holder !== process.pid && isAlive(holder))
      throw new Error(`The data folder ${dir} is in use by process ${holder}; run one Punctual process per PGlite folder`);
    writeFileSync(lock, String(process.pid));
  }
  return () => {
    try {
      unlinkSync(lock);
    } catch {
      // already gone: nothing to release
    }
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The database role every organization-scoped transaction runs as; row-level security binds it. */
export const TENANT_ROLE = 'punctual_tenant';

/**
 * Run fn in one transaction scoped to an organization. The organization is set as a transaction-local
 * setting and the transaction switches to the tenant role, so the row-level security policies check every
 * statement against the organization (migration 0008).
 */
export async function inOrg<T>(db: Db, orgId: string, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.org_id', ${orgId}, true), set_config('role', ${TENANT_ROLE}, true)`);
    return fn(tx as unknown as Db);
  });
}

class Rollback {
  constructor(readonly failure: Result<never>) {}
}

/**
 * Like inOrg, for services that return a Result: a business failure rolls the whole transaction back,
 * so nothing half-written stays behind, and is returned as a value.
 */
export async function inOrgResult<T>(db: Db, orgId: string, fn: (tx: Db) => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await inOrg(db, orgId, async (tx) => {
      const result = await fn(tx);
      if (!result.ok) throw new Rollback(result);
      return result;
    });
  } catch (error) {
    if (error instanceof Rollback) return error.failure;
    throw error;
  }
}
