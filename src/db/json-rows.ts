import { getTableColumns, is, sql, SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * The rows of a bulk insert as `select … from json_to_recordset($1)`, for `db.insert(table).select(…)`: one
 * JSON document that PostgreSQL takes apart, where a multi-row VALUES list costs a parameter per cell (each
 * built by drizzle and escaped by the driver: most of a tick's time in Node for rendered messages kilobytes
 * long). Rows carry the table's JavaScript property names; a column a row leaves out gets its default, as in
 * an ordinary insert.
 *
 * Columns named in `apart` travel instead as one parameter per row, joined back by row number: PostgreSQL
 * reads a parameter as it comes, but scans and unescapes every character of a JSON document, which made
 * inserting rendered emails five times the cost of the insert itself (bench/RESULTS.md). Rows keep their order.
 */
export function jsonRows<T extends PgTable>(table: T, rows: readonly Partial<T['$inferInsert']>[], apart: readonly (keyof T['$inferInsert'] & string)[] = []): SQL {
  // The same columns, in the same order, as drizzle lists after `insert into table (…)`: all but generated ones.
  const columns = Object.entries(getTableColumns(table)).filter(([, column]) => !column.generated || column.generated.type === 'byDefault');
  const separate = new Set<string>(apart);
  const selected = columns.map(([key, column]) => {
    const value = sql`${sql.identifier(separate.has(key) ? 'p' : 'r')}.${sql.identifier(key)}`;
    if (column.default === undefined) return value;
    const fallback = is(column.default, SQL) ? column.default : sql.param(column.default, column);
    return sql`coalesce(${value}, ${fallback})`;
  });
  const shape = columns.filter(([key]) => !separate.has(key)).map(([key, column]) => sql`${sql.identifier(key)} ${sql.raw(column.getSQLType())}`);
  if (separate.size === 0) return sql`select ${sql.join(selected, sql`, `)} from json_to_recordset(${JSON.stringify(rows)}::json) as r (${sql.join(shape, sql`, `)})`;

  const parameters = columns.filter(([key]) => separate.has(key));
  const left = Object.fromEntries(apart.map((key) => [key, undefined]));
  const document = JSON.stringify(rows.map((row, n) => ({ ...row, ...left, '#': n })));
  const values = rows.map((row, n) => {
    const cells = parameters.map(([key, column]) => sql`${(row as Record<string, unknown>)[key] ?? null}::${sql.raw(column.getSQLType())}`);
    return sql`(${sql.raw(String(n))}, ${sql.join(cells, sql`, `)})`;
  });
  return sql`select ${sql.join(selected, sql`, `)}
    from json_to_recordset(${document}::json) as r (${sql.join(shape, sql`, `)}, "#" int)
    join (values ${sql.join(values, sql`, `)}) as p ("#", ${sql.join(parameters.map(([key]) => sql.identifier(key)), sql`, `)}) using ("#")
   order by "#"`;
}
