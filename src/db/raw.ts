import { sql, type SQL } from 'drizzle-orm';
import type { Db } from './connection.ts';

/** Run hand-written SQL and get its rows; both drivers answer with `{ rows }`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** One column of a bulk insert: its values in row order and the PostgreSQL type of one value. */
export type ColumnValues = readonly [values: readonly unknown[], pgType: string];

/**
 * `unnest($1::type[], $2::type[], …)`: rows passed as one array parameter per column. A bulk insert then costs
 * a handful of parameters whatever its size, where a multi-row VALUES list costs one per cell — slow to build,
 * bind and plan, and capped at 65,535 parameters. jsonb values go as their JSON text.
 */
export function unnestColumns(columns: readonly ColumnValues[]): SQL {
  return sql`unnest(${sql.join(
    columns.map(([values, type]) => sql`${sql.param(values)}::${sql.raw(type)}[]`),
    sql`, `,
  )})`;
}
