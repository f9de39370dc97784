import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { users } from '../schema/index.ts';

export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;

/**
 * Inserts a user unless the email already has an account in any organization; returns nothing then. The
 * unique index decides, so it holds under concurrency and inside a tenant transaction, which cannot see
 * other organizations' users.
 */
export async function insertUser(tx: Db, row: NewUserRow): Promise<UserRow | undefined> {
  const [inserted] = await tx.insert(users).values(row).onConflictDoNothing({ target: users.email }).returning();
  return inserted;
}

export async function findUser(db: Db, orgId: string, id: string, forUpdate = false): Promise<UserRow | undefined> {
  const q = db.select().from(users).where(and(eq(users.orgId, orgId), eq(users.id, id)));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

/**
 * Finds an account by email across organizations: at login and password reset the email is all we know, and
 * it tells us the organization. Run it on the connecting role, never inside a tenant transaction.
 */
export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email));
  return row;
}

export async function listUsers(db: Db, orgId: string): Promise<UserRow[]> {
  return db.select().from(users).where(eq(users.orgId, orgId)).orderBy(asc(users.id));
}

export async function updateUser(tx: Db, orgId: string, id: string, patch: Partial<NewUserRow>): Promise<UserRow> {
  const [row] = await tx.update(users).set(patch).where(and(eq(users.orgId, orgId), eq(users.id, id))).returning();
  if (!row) throw new Error(`User ${id} vanished inside its transaction`);
  return row;
}

/**
 * Locks the organization's active owners and counts them, so two admins demoting the last two owners at
 * once cannot both succeed.
 */
export async function lockActiveOwners(tx: Db, orgId: string): Promise<number> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.role, 'owner'), eq(users.status, 'active')))
    .for('update');
  return rows.length;
}

/** Whether an email has an account anywhere; run on the connecting role (a tenant transaction sees only its own). */
export async function emailTaken(db: Db, email: string): Promise<boolean> {
  const [row] = await db.select({ one: sql<number>`1` }).from(users).where(eq(users.email, email));
  return row !== undefined;
}
