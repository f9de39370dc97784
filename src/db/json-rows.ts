import { getTableColumns, is, sql, SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * The rows of a bulk insert as `select … from json_to_recordset($1)`, for `db.insert(table).select(…)`: one
 * JSON document that PostgreSQL takes apart, where a multi-row VALUES list costs a parameter per cell (each
 * built by drizzle and escaped by the driver: most of a tick's time in Node for rendered messages kilobytes
 * long). Rows carry the table's JavaScript property names; a column a row leaves out gets its default, as in
 * an ordinary insert.
 */
export function jsonRows<T extends PgTable>(table: T, rows: readonly Partial<T['$inferInsert']>[]): SQL {
  // The same columns, in the same order, as drizzle lists after `insert into table (…)`: all but generated ones.
  const columns = Object.entries(getTableColumns(table)).filter(([, column]) => !column.generated || column.generated.type === 'byDefault');
  const selected = columns.map(([key, column]) => {
    const value = sql`r.${sql.identifier(key)}`;
    if (column.default === undefined) return value;
    const fallback = is(column.default, SQL) ? column.default : sql.param(column.default, column);
    return sql`coalesce(${value}, ${fallback})`;
  });
  const shape = columns.map(([key, column]) => sql`${sql.identifier(key)} ${sql.raw(column.getSQLType())}`);
  return sql`select ${sql.join(selected, sql`, `)} from json_to_recordset(${JSON.stringify(rows)}::json) as r (${sql.join(shape, sql`, `)})`;
}
