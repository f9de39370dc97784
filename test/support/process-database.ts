import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/db/connection.ts';
import { scratchPostgres } from './scratch-postgres.ts';

/**
 * A migrated database of its own that child processes open: a PostgreSQL database beside DATABASE_URL's,
 * or else a PGlite data folder copied from the run's migrated template. On PGlite only one process may
 * hold the folder, so `open()` is for before a child starts and after it ended.
 */
export interface ProcessDatabase {
  readonly kind: 'postgres' | 'pglite';
  /** PostgreSQL connection string of this database. */
  readonly url?: string;
  /** PGlite data folder. */
  readonly dataDir?: string;
  /** What a `punctual` child needs in its environment to open this database. */
  readonly env: Record<string, string>;
  open(poolSize?: number): Promise<Database>;
  dispose(): Promise<void>;
}

export async function processDatabase(prefix: string): Promise<ProcessDatabase> {
  const admin = process.env.DATABASE_URL;
  if (admin) {
    const scratch = await scratchPostgres(admin, `punctual_${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`, 1);
    const url = scratch.url!;
    return { kind: 'postgres', url, env: { DATABASE_URL: url }, open: (poolSize = 4) => openDatabase({ url, poolSize }), dispose: () => scratch.dispose() };
  }
  const dir = mkdtempSync(join(tmpdir(), `punctual-${prefix}-`));
  const dataDir = join(dir, 'data');
  const engine = await PGlite.create(dataDir, { loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) });
  await engine.close();
  return {
    kind: 'pglite',
    dataDir,
    env: { PUNCTUAL_DATA_DIR: dataDir },
    open: () => openDatabase({ dataDir }),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}
