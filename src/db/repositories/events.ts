import { and, desc, eq, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { newId } from '../ids.ts';
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
  // A catch-up tick or a bulk import writes tens of thousands of events: they travel as one JSON document per
  // batch, which PostgreSQL takes apart, rather than as a parameter per cell or as arrays of JSON text that the
  // driver would escape character by character.
  for (let i = 0; i < list.length; i += 10_000) {
    const rows = list.slice(i, i + 10_000).map((e) => ({ id: newId(), t: e.entityType, e: e.entityId, a: e.action, b: e.before ?? null, f: e.after ?? null }));
    await tx.execute(sql`
      insert into events (org_id, id, occurred_at, actor_type, actor_id, entity_type, entity_id, action, before, after)
      select ${orgId}::uuid, r.id, ${at.toISOString()}::timestamptz, ${actor.type}, ${actor.id ?? null}, r.t, r.e, r.a, r.b, r.f
        from json_to_recordset(${JSON.stringify(rows)}::json) as r (id uuid, t text, e uuid, a text, b jsonb, f jsonb)`);
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
