import { and, desc, eq, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { newId } from '../ids.ts';
import { unnestColumns } from '../raw.ts';
import { events } from '../schema/index.ts';

export interface Actor {
  readonly type: 'api_key' | 'user' | 'system' | 'cli' | 'customer';
  readonly id?: string;
}

export interface NewEvent {
  readonly entityType: string;
  readonly entityId: string;
  readonly action: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

export async function appendEvents(tx: Db, orgId: string, actor: Actor, at: Date, list: readonly NewEvent[]): Promise<void> {
  // Array parameters (unnestColumns): a catch-up tick or a bulk import writes tens of thousands of events.
  for (let i = 0; i < list.length; i += 10_000) {
    const chunk = list.slice(i, i + 10_000);
    const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));
    await tx.execute(sql`
      insert into events (org_id, id, occurred_at, actor_type, actor_id, entity_type, entity_id, action, before, after)
      select ${orgId}::uuid, u.id, ${at.toISOString()}::timestamptz, ${actor.type}, ${actor.id ?? null}, u.entity_type, u.entity_id, u.action, u.before, u.after
        from ${unnestColumns([
          [chunk.map(() => newId()), 'uuid'],
          [chunk.map((e) => e.entityType), 'text'],
          [chunk.map((e) => e.entityId), 'uuid'],
          [chunk.map((e) => e.action), 'text'],
          [chunk.map((e) => json(e.before)), 'jsonb'],
          [chunk.map((e) => json(e.after)), 'jsonb'],
        ])} as u (id, entity_type, entity_id, action, before, after)`);
  }
}

export interface EventFilter {
  readonly entityType?: string;
  readonly entityId?: string;
  readonly actorId?: string;
  readonly from?: Date;
  readonly to?: Date;
  readonly before?: string;
  readonly limit: number;
}

export async function listEvents(db: Db, orgId: string, f: EventFilter) {
  const where: SQL[] = [eq(events.orgId, orgId)];
  if (f.entityType) where.push(eq(events.entityType, f.entityType));
  if (f.entityId) where.push(eq(events.entityId, f.entityId));
  if (f.actorId) where.push(eq(events.actorId, f.actorId));
  if (f.from) where.push(gte(events.occurredAt, f.from));
  if (f.to) where.push(lte(events.occurredAt, f.to));
  if (f.before) where.push(lt(events.id, f.before));
  return db.select().from(events).where(and(...where)).orderBy(desc(events.id)).limit(f.limit);
}
