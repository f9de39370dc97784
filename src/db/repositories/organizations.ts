import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { apiKeys, organizations } from '../schema/index.ts';

export type OrganizationRow = typeof organizations.$inferSelect;
export type ApiKeyRow = typeof apiKeys.$inferSelect;

export async function insertOrganization(tx: Db, row: typeof organizations.$inferInsert): Promise<OrganizationRow> {
  const [inserted] = await tx.insert(organizations).values(row).returning();
  if (!inserted) throw new Error('Organization insert returned nothing');
  return inserted;
}

export async function findOrganization(db: Db, orgId: string): Promise<OrganizationRow | undefined> {
  const [row] = await db.select().from(organizations).where(eq(organizations.orgId, orgId));
  return row;
}

export async function insertApiKey(tx: Db, row: typeof apiKeys.$inferInsert): Promise<void> {
  await tx.insert(apiKeys).values(row);
}

/** Looks a key up by its public id across organizations: the id is what tells us the organization. */
export async function findActiveApiKey(db: Db, id: string): Promise<ApiKeyRow | undefined> {
  const [row] = await db.select().from(apiKeys).where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)));
  return row;
}

export async function organizationIds(db: Db): Promise<string[]> {
  return (await db.select({ orgId: organizations.orgId }).from(organizations).orderBy(organizations.orgId)).map((r) => r.orgId);
}
