import type { SQL } from 'drizzle-orm';
import type { Db } from './connection.ts';

/** Run hand-written SQL and get its rows; both drivers answer with `{ rows }`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
