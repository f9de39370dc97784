import { and, asc, desc, eq, lt, lte, type SQL } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { recurringRuns, recurringSchedules } from '../schema/index.ts';

export type RecurringScheduleRow = typeof recurringSchedules.$inferSelect;
export type NewRecurringScheduleRow = typeof recurringSchedules.$inferInsert;
export type RecurringRunRow = typeof recurringRuns.$inferSelect;

export async function insertRecurringSchedule(tx: Db, row: NewRecurringScheduleRow): Promise<RecurringScheduleRow> {
  const [inserted] = await tx.insert(recurringSchedules).values(row).returning();
  if (!inserted) throw new Error('Recurring schedule insert returned nothing');
  return inserted;
}

export async function findRecurringSchedule(db: Db, orgId: string, id: string, forUpdate = false): Promise<RecurringScheduleRow | undefined> {
  const q = db.select().from(recurringSchedules).where(and(eq(recurringSchedules.orgId, orgId), eq(recurringSchedules.id, id)));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

/** The schedule locked for this runner, or nothing when another runner holds it right now. */
export async function lockRecurringSchedule(tx: Db, orgId: string, id: string): Promise<RecurringScheduleRow | undefined> {
  const [row] = await tx
    .select()
    .from(recurringSchedules)
    .where(and(eq(recurringSchedules.orgId, orgId), eq(recurringSchedules.id, id)))
    .for('update', { skipLocked: true });
  return row;
}

export async function updateRecurringSchedule(tx: Db, orgId: string, id: string, patch: Partial<NewRecurringScheduleRow>): Promise<RecurringScheduleRow> {
  const [row] = await tx.update(recurringSchedules).set(patch).where(and(eq(recurringSchedules.orgId, orgId), eq(recurringSchedules.id, id))).returning();
  if (!row) throw new Error(`Recurring schedule ${id} vanished inside its transaction`);
  return row;
}

export interface RecurringFilter {
  readonly customerId?: string;
  readonly status?: string;
  readonly before?: string;
  readonly limit: number;
}

export async function listRecurringSchedules(db: Db, orgId: string, f: RecurringFilter): Promise<RecurringScheduleRow[]> {
  const where: SQL[] = [eq(recurringSchedules.orgId, orgId)];
  if (f.customerId) where.push(eq(recurringSchedules.customerId, f.customerId));
  if (f.status) where.push(eq(recurringSchedules.status, f.status));
  if (f.before) where.push(lt(recurringSchedules.id, f.before));
  return db.select().from(recurringSchedules).where(and(...where)).orderBy(desc(recurringSchedules.id)).limit(f.limit);
}

/**
 * Active schedules of every organization whose next run is on or before `through`. The runner passes a day
 * ahead of UTC's date so that organizations east of UTC are included; each schedule then checks its own day.
 */
export async function dueRecurringSchedules(db: Db, through: string, limit: number): Promise<{ orgId: string; id: string }[]> {
  return db
    .select({ orgId: recurringSchedules.orgId, id: recurringSchedules.id })
    .from(recurringSchedules)
    .where(and(eq(recurringSchedules.status, 'active'), lte(recurringSchedules.nextRunDate, through)))
    .orderBy(asc(recurringSchedules.nextRunDate), asc(recurringSchedules.id))
    .limit(limit);
}

export async function insertRecurringRuns(tx: Db, rows: readonly (typeof recurringRuns.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 5000) await tx.insert(recurringRuns).values(rows.slice(i, i + 5000));
}

export async function recurringRunsOf(db: Db, orgId: string, scheduleId: string, limit: number): Promise<RecurringRunRow[]> {
  return db
    .select()
    .from(recurringRuns)
    .where(and(eq(recurringRuns.orgId, orgId), eq(recurringRuns.scheduleId, scheduleId)))
    .orderBy(desc(recurringRuns.period))
    .limit(limit);
}
