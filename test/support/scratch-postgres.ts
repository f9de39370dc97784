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
      // pg's pool.end() resolves before its sockets have closed; a forced drop would then kill them
      // mid-goodbye and surface as an uncaught "terminating connection" error in the test file.
      for (let waited = 0; waited < 5000; waited += 50) {
        const { rows } = await cleanup.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
        if (rows[0]!.n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
