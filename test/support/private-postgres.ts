import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './server-process.ts';

const run = promisify(execFile);

export interface PrivatePostgres {
  /** postgres://postgres@127.0.0.1:PORT/postgres (trust authentication, loopback only). */
  readonly url: string;
  /** Restart the server: `fast` ends every session as `pg_ctlcluster … restart` does, `immediate` crashes it (WAL recovery on start). */
  restart(mode: 'fast' | 'immediate'): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * A throwaway PostgreSQL server of the same major version as DATABASE_URL's, in a temporary folder on a
 * free port, for tests that restart the database: restarting the shared server would break every other test
 * using it at that moment. Needs root (initdb runs as the postgres user); null when that is not possible.
 */
export async function privatePostgres(sharedUrl: string): Promise<PrivatePostgres | null> {
  const client = new pg.Client({ connectionString: sharedUrl });
  await client.connect();
  const { rows } = await client.query<{ v: string }>(`select current_setting('server_version_num') as v`);
  await client.end();
  const bin = `/usr/lib/postgresql/${Math.floor(Number(rows[0]!.v) / 10_000)}/bin`;
  if (process.getuid?.() !== 0 || !existsSync(join(bin, 'initdb'))) return null;
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  const dir = mkdtempSync(join(tmpdir(), 'punctual-pg-'));
  chownSync(dir, uid, gid);
  const data = join(dir, 'data');
  const port = await freePort();
  const asPostgres = (tool: string, args: string[]) => run('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args], { cwd: dir });
  await asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
  // fsync off only matters if the machine itself dies; a killed or restarted server still recovers from its WAL.
  await asPostgres('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async restart(mode) {
      await asPostgres('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-m', mode, 'restart']);
    },
    async dispose() {
      await asPostgres('pg_ctl', ['-D', data, '-w', '-m', 'immediate', 'stop']).catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
