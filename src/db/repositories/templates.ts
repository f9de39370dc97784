import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { templateOverrides } from '../schema/index.ts';

export type TemplateOverrideRow = typeof templateOverrides.$inferSelect;
export type NewTemplateOverrideRow = typeof templateOverrides.$inferInsert;

export async function findTemplateOverride(db: Db, orgId: string, key: string, locale: string, forUpdate = false): Promise<TemplateOverrideRow | undefined> {
  const q = db
    .select()
    .from(templateOverrides)
    .where(and(eq(templateOverrides.orgId, orgId), eq(templateOverrides.key, key), eq(templateOverrides.locale, locale)));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

/** The organization's overrides, for one locale or all of them, ordered by locale then key. */
export async function listTemplateOverrides(db: Db, orgId: string, locale?: string): Promise<TemplateOverrideRow[]> {
  const where = locale === undefined ? eq(templateOverrides.orgId, orgId) : and(eq(templateOverrides.orgId, orgId), eq(templateOverrides.locale, locale));
  return db.select().from(templateOverrides).where(where).orderBy(asc(templateOverrides.locale), asc(templateOverrides.key));
}

/** Inserts or replaces the override of (key, locale); returns the stored row. */
export async function upsertTemplateOverride(tx: Db, row: NewTemplateOverrideRow): Promise<TemplateOverrideRow> {
  const [stored] = await tx
    .insert(templateOverrides)
    .values(row)
    .onConflictDoUpdate({
      target: [templateOverrides.orgId, templateOverrides.key, templateOverrides.locale],
      set: { source: row.source, updatedAt: row.updatedAt },
    })
    .returning();
  if (!stored) throw new Error('Template override upsert returned nothing');
  return stored;
}

export async function deleteTemplateOverride(tx: Db, orgId: string, key: string, locale: string): Promise<void> {
  await tx
    .delete(templateOverrides)
    .where(and(eq(templateOverrides.orgId, orgId), eq(templateOverrides.key, key), eq(templateOverrides.locale, locale)));
}
