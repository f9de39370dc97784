import type { Result } from '../../domain/result.ts';
import { inOrg, inOrgResult, type Db } from '../../db/connection.ts';

class DryRunRollback {
  constructor(readonly result: unknown) {}
}

/**
 * Run a use case in one organization transaction; with `dryRun`, do all of it and roll everything back,
 * so a preview shows exactly what the real run would do (same matching, same refusals) and changes nothing.
 */
export async function inOrgMaybeDry<T>(db: Db, orgId: string, dryRun: boolean, fn: (tx: Db) => Promise<Result<T>>): Promise<Result<T>> {
  if (!dryRun) return inOrgResult(db, orgId, fn);
  try {
    await inOrg(db, orgId, async (tx) => {
      throw new DryRunRollback(await fn(tx));
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.result as Result<T>;
    throw error;
  }
  throw new Error('A dry run must end in a rollback');
}
