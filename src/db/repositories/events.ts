import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
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
  // Chunked: a bulk import writes thousands of events and one statement takes at most 65,535 parameters.
  for (let i = 0; i < list.length; i += 5000) await insertChunk(tx, orgId, actor, at, list.slice(i, i + 5000));
}

async function insertChunk(tx: Db, orgId: string, actor: Actor, at: Date, list: readonly NewEvent[]): Promise<void> {
  await tx.insert(events).values(
    list.map((e) => ({
      orgId,
      id: newId(),
      occurredAt: at,
      actorType: actor.type,
      actorId: actor.id ?? null,
      entityType: e.entityType,
      entityId: e.entityId,
      action: e.action,
      before: e.before ?? null,
      after: e.after ?? null,
    })),
  );
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
