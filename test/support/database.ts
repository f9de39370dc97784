import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { openDatabase } from '../../src/db/connection.ts';
import { refuseConcurrentQueries } from './one-query-at-a-time.ts';
import { scratchPostgres, type Disposable } from './scratch-postgres.ts';

/**
 * A migrated database for one test file: PGlite in memory by default; with DATABASE_URL set, a fresh
 * PostgreSQL database created for this file and dropped afterwards, so files can run in parallel.
 */
export async function testDatabase(): Promise<Disposable> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const template = new Blob([readFileSync(inject('pgliteTemplate'))]);
    const database = await openDatabase({ template });
    return { ...database, dispose: () => database.close() };
  }
  refuseConcurrentQueries();
  return scratchPostgres(url, `punctual_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`, 5);
}
