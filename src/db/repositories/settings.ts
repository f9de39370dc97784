import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { queryRows } from '../raw.ts';
import { numberSeries, organizationLogos, organizations } from '../schema/index.ts';

export type NumberSeriesRow = typeof numberSeries.$inferSelect;
export type LogoRow = typeof organizationLogos.$inferSelect;
export type OrganizationPatch = Partial<Omit<typeof organizations.$inferInsert, 'orgId' | 'createdAt'>>;

export async function updateOrganization(tx: Db, orgId: string, patch: OrganizationPatch) {
  const [row] = await tx.update(organizations).set(patch).where(eq(organizations.orgId, orgId)).returning();
  if (!row) throw new Error(`Organization ${orgId} vanished inside its transaction`);
  return row;
}

export async function lockOrganization(tx: Db, orgId: string) {
  const [row] = await tx.select().from(organizations).where(eq(organizations.orgId, orgId)).for('update');
  return row;
}

export async function listNumberSeries(db: Db, orgId: string): Promise<NumberSeriesRow[]> {
  return db.select().from(numberSeries).where(eq(numberSeries.orgId, orgId)).orderBy(asc(numberSeries.id));
}

/** The series row, created with the defaults invoicing uses if it does not exist yet, locked until commit. */
export async function lockNumberSeries(tx: Db, orgId: string, id: string): Promise<NumberSeriesRow> {
  await tx.insert(numberSeries).values({ orgId, id, prefix: `${id}-` }).onConflictDoNothing();
  const [row] = await tx.select().from(numberSeries).where(and(eq(numberSeries.orgId, orgId), eq(numberSeries.id, id))).for('update');
  if (!row) throw new Error(`Number series ${id} missing after upsert`);
  return row;
}

/**
 * The highest number already given out in the series under this prefix: the digits after the prefix of
 * every document numbered in the series. Numbers under another prefix cannot collide with new ones.
 */
export async function highestNumberUsed(tx: Db, orgId: string, series: string, prefix: string): Promise<number> {
  const [row] = await queryRows<{ highest: string | number | null }>(tx, sql`
    select max(substr(number, ${prefix.length + 1})::numeric) as highest
      from invoices
     where org_id = ${orgId} and series = ${series} and number is not null
       and left(number, ${prefix.length}) = ${prefix}
       and substr(number, ${prefix.length + 1}) ~ '^[0-9]{1,18}$'`);
  return row?.highest == null ? 0 : Number(row.highest);
}

export async function updateNumberSeries(tx: Db, orgId: string, id: string, patch: Pick<NumberSeriesRow, 'prefix' | 'padding' | 'nextNumber'>): Promise<NumberSeriesRow> {
  const [row] = await tx.update(numberSeries).set(patch).where(and(eq(numberSeries.orgId, orgId), eq(numberSeries.id, id))).returning();
  if (!row) throw new Error(`Number series ${id} vanished inside its transaction`);
  return row;
}

export interface LogoInfo {
  readonly contentType: string;
  readonly size: number;
  readonly updatedAt: Date;
}

export async function logoInfo(db: Db, orgId: string): Promise<LogoInfo | undefined> {
  const [row] = await db
    .select({ contentType: organizationLogos.contentType, size: sql<number>`octet_length(${organizationLogos.data})`.mapWith(Number), updatedAt: organizationLogos.updatedAt })
    .from(organizationLogos)
    .where(eq(organizationLogos.orgId, orgId));
  return row;
}

export async function findLogo(db: Db, orgId: string): Promise<LogoRow | undefined> {
  const [row] = await db.select().from(organizationLogos).where(eq(organizationLogos.orgId, orgId));
  return row;
}

export async function saveLogo(tx: Db, row: LogoRow): Promise<void> {
  await tx
    .insert(organizationLogos)
    .values(row)
    .onConflictDoUpdate({ target: organizationLogos.orgId, set: { contentType: row.contentType, data: row.data, updatedAt: row.updatedAt } });
}

export async function deleteLogo(tx: Db, orgId: string): Promise<boolean> {
  const rows = await tx.delete(organizationLogos).where(eq(organizationLogos.orgId, orgId)).returning({ orgId: organizationLogos.orgId });
  return rows.length > 0;
}
