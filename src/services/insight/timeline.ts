import { failure, type Result, success } from '../../domain/result.ts';
import { customerTimeline, type TimelineRow } from '../../db/repositories/insight-timeline.ts';
import type { Ctx } from '../context.ts';
import { requireCustomer, withInsightScope } from './scope.ts';

const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function encodeTimelineCursor(row: Pick<TimelineRow, 'at' | 'id'>): string {
  return Buffer.from(`${row.at}|${row.id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { at: string; id: string } | null {
  const m = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return m ? { at: m[1]!, id: m[2]! } : null;
}

/** One page of the customer's timeline, newest first, and the cursor of the next (older) page. */
export async function customerTimelinePage(ctx: Ctx, customerId: string, page: { cursor?: string; limit: number }): Promise<Result<{ entries: TimelineRow[]; nextCursor: string | null }>> {
  const before = page.cursor === undefined ? undefined : decodeCursor(page.cursor);
  if (before === null) return failure('INVALID_CURSOR', 'Unknown cursor', 'cursor');
  return withInsightScope(ctx, async (scope) => {
    const found = await requireCustomer(scope, customerId);
    if (!found.ok) return failure('CUSTOMER_NOT_FOUND', 'No such customer', 'id');
    const entries = await customerTimeline(scope.tx, scope.orgId, customerId, { before, limit: page.limit });
    const last = entries.length === page.limit ? entries[entries.length - 1] : undefined;
    return success({ entries, nextCursor: last ? encodeTimelineCursor(last) : null });
  });
}
