import { PgBoss, fromPglite } from 'pg-boss';
import type { Database } from '../db/connection.ts';

/**
 * pg-boss on the application's own database: on PGlite through the same embedded instance (one process
 * owns the folder, so web server and workers share it), on PostgreSQL through its own small pool.
 */
export function createBoss(database: Database): PgBoss {
  if (database.kind === 'pglite') {
    if (!database.pglite) throw new Error('PGlite database without its engine handle');
    return new PgBoss({ db: fromPglite(database.pglite), backend: 'pglite', schema: 'pgboss', instanceName: 'punctual' });
  }
  if (!database.url) throw new Error('PostgreSQL database without a connection string');
  return new PgBoss({ connectionString: database.url, schema: 'pgboss', max: 4, application_name: 'punctual-worker', instanceName: 'punctual' });
}
