import { type ReactNode, useMemo, useState } from 'react';

export type SortDirection = 'asc' | 'desc';

type SortValue = number | string | readonly (number | string)[];

function compare(x: SortValue, y: SortValue): number {
  if (Array.isArray(x) && Array.isArray(y)) {
    for (let i = 0; i < x.length; i++) {
      const c = compare(x[i] as number | string, y[i] as number | string);
      if (c !== 0) return c;
    }
    return 0;
  }
  return typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
}

/** Rows sorted by the chosen column; a key may return [group, value] so amounts sort within their currency. */
export function useSorted<T, K extends string>(rows: readonly T[], keys: Record<K, (row: T) => SortValue>, initial: { key: K; direction: SortDirection }) {
  const [sort, setSort] = useState(initial);
  const sorted = useMemo(() => {
    const get = keys[sort.key];
    const factor = sort.direction === 'asc' ? 1 : -1;
    return [...rows].sort((a, b) => factor * compare(get(a), get(b)));
  }, [rows, keys, sort]);
  const toggle = (key: K) => setSort((s) => (s.key === key ? { key, direction: s.direction === 'asc' ? 'desc' : 'asc' } : { key, direction: typeof keys[key](rows[0] as T) === 'string' ? 'asc' : 'desc' }));
  return { sorted, sort, toggle };
}

export function SortHeader<K extends string>({ label, column, sort, onSort, numeric, className }: { label: ReactNode; column: K; sort: { key: K; direction: SortDirection }; onSort: (k: K) => void; numeric?: boolean; className?: string }) {
  const active = sort.key === column;
  return (
    <th className={[numeric ? 'num' : '', className ?? ''].join(' ').trim() || undefined} aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" onClick={() => onSort(column)}>
        {label} {active ? (sort.direction === 'asc' ? '↑' : '↓') : ''}
      </button>
    </th>
  );
}
