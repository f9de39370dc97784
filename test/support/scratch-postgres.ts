import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/connection.ts';

export type Disposable = Database & { dispose(): Promise<void> };

/**
 * A migrated PostgreSQL database of its own, created beside the one `url` names and dropped by dispose(),
 * so test files and benchmarks never share state. Used by tests and by bench/.
 */
export async function scratchPostgres(url: string, name: string, poolSize: number): Promise<Disposable> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ url: target.toString(), poolSize });
  await database.migrate();
  return {
    ...database,
    dispose: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
