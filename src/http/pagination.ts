import { Type } from 'typebox';

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 100, description: 'nextCursor of the previous page' })),
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// Cursors are opaque to clients but simply the last id seen: ids are time-ordered UUIDs, so keyset
// pagination on id is stable under concurrent inserts and costs one index range scan per page.
export function decodeCursor(cursor: string | undefined): string | undefined | null {
  if (cursor === undefined) return undefined;
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  return UUID.test(id) ? id : null;
}

export function page<T extends { id: string }, V>(rows: readonly T[], limit: number, view: (row: T) => V): { data: V[]; nextCursor: string | null } {
  const last = rows.length === limit ? rows[rows.length - 1] : undefined;
  return { data: rows.map(view), nextCursor: last ? Buffer.from(last.id, 'utf8').toString('base64url') : null };
}
