import { and, asc, desc, eq, gte, inArray, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { jsonRows } from '../json-rows.ts';
import { queryRows } from '../raw.ts';
import { collectionTasks, customerNotes, disputes, paymentClaims, paymentPlanInstallments, paymentPlans, paymentPromises } from '../schema/index.ts';

export type DisputeRow = typeof disputes.$inferSelect;
export type PromiseRow = typeof paymentPromises.$inferSelect;
export type ClaimRow = typeof paymentClaims.$inferSelect;
export type PlanRow = typeof paymentPlans.$inferSelect;
export type InstallmentRow = typeof paymentPlanInstallments.$inferSelect;
export type TaskRow = typeof collectionTasks.$inferSelect;
export type NewTaskRow = typeof collectionTasks.$inferInsert;
export type NoteRow = typeof customerNotes.$inferSelect;

const anyUuid = (ids: readonly string[]) => sql`any(${sql.param([...ids])}::uuid[])`;

// ---- disputes -------------------------------------------------------------------------------------------

export async function insertDispute(tx: Db, row: typeof disputes.$inferInsert): Promise<DisputeRow> {
  const [inserted] = await tx.insert(disputes).values(row).returning();
  if (!inserted) throw new Error('Dispute insert returned nothing');
  return inserted;
}

export async function findDispute(db: Db, orgId: string, id: string, forUpdate = false): Promise<DisputeRow | undefined> {
  const q = db.select().from(disputes).where(and(eq(disputes.orgId, orgId), eq(disputes.id, id)));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function updateDispute(tx: Db, orgId: string, id: string, patch: Partial<typeof disputes.$inferInsert>): Promise<DisputeRow> {
  const [row] = await tx.update(disputes).set(patch).where(and(eq(disputes.orgId, orgId), eq(disputes.id, id))).returning();
  if (!row) throw new Error(`Dispute ${id} vanished inside its transaction`);
  return row;
}

export interface CollectionFilter {
  readonly status?: string;
  readonly customerId?: string;
  readonly invoiceId?: string;
  readonly before?: string;
  readonly limit: number;
}

export async function listDisputes(db: Db, orgId: string, f: CollectionFilter): Promise<DisputeRow[]> {
  const where: (SQL | undefined)[] = [eq(disputes.orgId, orgId)];
  if (f.status) where.push(eq(disputes.status, f.status));
  if (f.customerId) where.push(eq(disputes.customerId, f.customerId));
  if (f.invoiceId) where.push(eq(disputes.invoiceId, f.invoiceId));
  if (f.before) where.push(lt(disputes.id, f.before));
  return db.select().from(disputes).where(and(...where)).orderBy(desc(disputes.id)).limit(f.limit);
}

export async function openDisputesOfCustomers(db: Db, orgId: string, customerIds: readonly string[]): Promise<DisputeRow[]> {
  if (customerIds.length === 0) return [];
  return db.select().from(disputes).where(and(eq(disputes.orgId, orgId), sql`${disputes.customerId} = ${anyUuid(customerIds)}`, eq(disputes.status, 'open')));
}

// ---- promises to pay ------------------------------------------------------------------------------------

export async function insertPromise(tx: Db, row: typeof paymentPromises.$inferInsert): Promise<PromiseRow> {
  const [inserted] = await tx.insert(paymentPromises).values(row).returning();
  if (!inserted) throw new Error('Promise insert returned nothing');
  return inserted;
}

export async function findPromise(db: Db, orgId: string, id: string, forUpdate = false): Promise<PromiseRow | undefined> {
  const q = db.select().from(paymentPromises).where(and(eq(paymentPromises.orgId, orgId), eq(paymentPromises.id, id)));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function listPromises(db: Db, orgId: string, f: CollectionFilter): Promise<PromiseRow[]> {
  const where: (SQL | undefined)[] = [eq(paymentPromises.orgId, orgId)];
  if (f.status) where.push(eq(paymentPromises.status, f.status));
  if (f.customerId) where.push(eq(paymentPromises.customerId, f.customerId));
  if (f.invoiceId) where.push(eq(paymentPromises.invoiceId, f.invoiceId));
  if (f.before) where.push(lt(paymentPromises.id, f.before));
  return db.select().from(paymentPromises).where(and(...where)).orderBy(desc(paymentPromises.id)).limit(f.limit);
}

export async function openPromisesOfCustomers(db: Db, orgId: string, customerIds: readonly string[]): Promise<PromiseRow[]> {
  if (customerIds.length === 0) return [];
  return db
    .select()
    .from(paymentPromises)
    .where(and(eq(paymentPromises.orgId, orgId), sql`${paymentPromises.customerId} = ${anyUuid(customerIds)}`, eq(paymentPromises.status, 'open')));
}

export async function openPromisesOfInvoices(tx: Db, orgId: string, invoiceIds: readonly string[]): Promise<PromiseRow[]> {
  if (invoiceIds.length === 0) return [];
  return tx
    .select()
    .from(paymentPromises)
    .where(and(eq(paymentPromises.orgId, orgId), sql`${paymentPromises.invoiceId} = ${anyUuid(invoiceIds)}`, eq(paymentPromises.status, 'open')));
}

export async function closePromises(tx: Db, orgId: string, ids: readonly string[], status: 'kept' | 'broken' | 'cancelled', reason: string, at: Date): Promise<PromiseRow[]> {
  if (ids.length === 0) return [];
  return tx
    .update(paymentPromises)
    .set({ status, closedReason: reason, closedAt: at })
    .where(and(eq(paymentPromises.orgId, orgId), sql`${paymentPromises.id} = ${anyUuid(ids)}`, eq(paymentPromises.status, 'open')))
    .returning();
}

// ---- "already paid" claims ------------------------------------------------------------------------------

export async function insertClaim(tx: Db, row: typeof paymentClaims.$inferInsert): Promise<ClaimRow> {
  const [inserted] = await tx.insert(paymentClaims).values(row).returning();
  if (!inserted) throw new Error('Claim insert returned nothing');
  return inserted;
}

export async function findClaim(db: Db, orgId: string, id: string): Promise<ClaimRow | undefined> {
  const [row] = await db.select().from(paymentClaims).where(and(eq(paymentClaims.orgId, orgId), eq(paymentClaims.id, id)));
  return row;
}

/** Close one open claim; undefined when it was not open. */
export async function closeClaim(tx: Db, orgId: string, id: string, at: Date): Promise<ClaimRow | undefined> {
  const [row] = await tx
    .update(paymentClaims)
    .set({ status: 'closed', closedAt: at })
    .where(and(eq(paymentClaims.orgId, orgId), eq(paymentClaims.id, id), eq(paymentClaims.status, 'open')))
    .returning();
  return row;
}

/** Open claims still pausing reminders on or after `from`. */
export async function openClaimsOfCustomers(db: Db, orgId: string, customerIds: readonly string[], from: string): Promise<ClaimRow[]> {
  if (customerIds.length === 0) return [];
  return db
    .select()
    .from(paymentClaims)
    .where(and(eq(paymentClaims.orgId, orgId), sql`${paymentClaims.customerId} = ${anyUuid(customerIds)}`, eq(paymentClaims.status, 'open'), gte(paymentClaims.until, from)));
}

export async function listClaims(db: Db, orgId: string, f: CollectionFilter): Promise<ClaimRow[]> {
  const where: (SQL | undefined)[] = [eq(paymentClaims.orgId, orgId)];
  if (f.status) where.push(eq(paymentClaims.status, f.status));
  if (f.customerId) where.push(eq(paymentClaims.customerId, f.customerId));
  if (f.invoiceId) where.push(eq(paymentClaims.invoiceId, f.invoiceId));
  if (f.before) where.push(lt(paymentClaims.id, f.before));
  return db.select().from(paymentClaims).where(and(...where)).orderBy(desc(paymentClaims.id)).limit(f.limit);
}

export async function closeClaimsOfInvoices(tx: Db, orgId: string, invoiceIds: readonly string[], at: Date): Promise<ClaimRow[]> {
  if (invoiceIds.length === 0) return [];
  return tx
    .update(paymentClaims)
    .set({ status: 'closed', closedAt: at })
    .where(and(eq(paymentClaims.orgId, orgId), sql`${paymentClaims.invoiceId} = ${anyUuid(invoiceIds)}`, eq(paymentClaims.status, 'open')))
    .returning();
}

// ---- payment plans --------------------------------------------------------------------------------------

export async function insertPlan(tx: Db, plan: typeof paymentPlans.$inferInsert, installments: readonly (typeof paymentPlanInstallments.$inferInsert)[]): Promise<PlanRow> {
  const [inserted] = await tx.insert(paymentPlans).values(plan).returning();
  if (!inserted) throw new Error('Plan insert returned nothing');
  await tx.insert(paymentPlanInstallments).values([...installments]);
  return inserted;
}

export async function findPlan(db: Db, orgId: string, id: string, forUpdate = false): Promise<PlanRow | undefined> {
  const q = db.select().from(paymentPlans).where(and(eq(paymentPlans.orgId, orgId), eq(paymentPlans.id, id)));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function listPlans(db: Db, orgId: string, f: CollectionFilter): Promise<PlanRow[]> {
  const where: (SQL | undefined)[] = [eq(paymentPlans.orgId, orgId)];
  if (f.status) where.push(eq(paymentPlans.status, f.status));
  if (f.customerId) where.push(eq(paymentPlans.customerId, f.customerId));
  if (f.invoiceId) where.push(eq(paymentPlans.invoiceId, f.invoiceId));
  if (f.before) where.push(lt(paymentPlans.id, f.before));
  return db.select().from(paymentPlans).where(and(...where)).orderBy(desc(paymentPlans.id)).limit(f.limit);
}

export async function installmentsOf(db: Db, orgId: string, planIds: readonly string[]): Promise<InstallmentRow[]> {
  if (planIds.length === 0) return [];
  return db
    .select()
    .from(paymentPlanInstallments)
    .where(and(eq(paymentPlanInstallments.orgId, orgId), sql`${paymentPlanInstallments.planId} = ${anyUuid(planIds)}`))
    .orderBy(asc(paymentPlanInstallments.planId), asc(paymentPlanInstallments.number));
}

export async function activePlansOfCustomers(db: Db, orgId: string, customerIds: readonly string[]): Promise<PlanRow[]> {
  if (customerIds.length === 0) return [];
  return db.select().from(paymentPlans).where(and(eq(paymentPlans.orgId, orgId), sql`${paymentPlans.customerId} = ${anyUuid(customerIds)}`, eq(paymentPlans.status, 'active')));
}

export async function activePlansOfInvoices(tx: Db, orgId: string, invoiceIds: readonly string[]): Promise<PlanRow[]> {
  if (invoiceIds.length === 0) return [];
  return tx.select().from(paymentPlans).where(and(eq(paymentPlans.orgId, orgId), sql`${paymentPlans.invoiceId} = ${anyUuid(invoiceIds)}`, eq(paymentPlans.status, 'active')));
}

export async function closePlans(tx: Db, orgId: string, ids: readonly string[], status: 'completed' | 'broken' | 'cancelled', at: Date, brokenInstallment?: ReadonlyMap<string, number>): Promise<void> {
  for (const id of ids) {
    await tx
      .update(paymentPlans)
      .set({ status, closedAt: at, brokenInstallment: brokenInstallment?.get(id) ?? null })
      .where(and(eq(paymentPlans.orgId, orgId), eq(paymentPlans.id, id), eq(paymentPlans.status, 'active')));
  }
}

// ---- tasks ----------------------------------------------------------------------------------------------

/** Insert tasks; one whose source key exists is skipped. Returns the tasks actually created. */
export async function insertTasks(tx: Db, rows: readonly NewTaskRow[]): Promise<TaskRow[]> {
  const created: TaskRow[] = [];
  for (let i = 0; i < rows.length; i += 2_000) created.push(...(await tx.insert(collectionTasks).select(jsonRows(collectionTasks, rows.slice(i, i + 2_000))).onConflictDoNothing().returning()));
  return created;
}

export async function findTask(db: Db, orgId: string, id: string, forUpdate = false): Promise<TaskRow | undefined> {
  const q = db.select().from(collectionTasks).where(and(eq(collectionTasks.orgId, orgId), eq(collectionTasks.id, id)));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function updateTask(tx: Db, orgId: string, id: string, patch: Partial<NewTaskRow>): Promise<TaskRow> {
  const [row] = await tx.update(collectionTasks).set(patch).where(and(eq(collectionTasks.orgId, orgId), eq(collectionTasks.id, id))).returning();
  if (!row) throw new Error(`Task ${id} vanished inside its transaction`);
  return row;
}

/** Open tasks every one of whose invoices is settled: nobody should call about them any more. */
export async function cancelTasksOfSettledInvoices(tx: Db, orgId: string, invoiceIds: readonly string[], at: Date): Promise<TaskRow[]> {
  if (invoiceIds.length === 0) return [];
  return tx
    .update(collectionTasks)
    .set({ status: 'cancelled', outcome: 'invoices_settled', completedAt: at })
    .where(
      and(
        eq(collectionTasks.orgId, orgId),
        eq(collectionTasks.status, 'open'),
        sql`${collectionTasks.invoiceIds} && ${sql.param([...invoiceIds])}::uuid[]`,
        sql`cardinality(${collectionTasks.invoiceIds}) > 0`,
        sql`not exists (select 1 from invoices i where i.org_id = ${collectionTasks.orgId} and i.id = any(${collectionTasks.invoiceIds})
                          and i.status in ('open', 'partially_paid', 'uncollectible') and i.balance > 0)`,
      ),
    )
    .returning();
}

/**
 * A customer's open calls closed with an outcome: every task dunning made is a call to the customer; a
 * follow-up made by hand is the collector's own reminder and stays.
 */
export async function cancelOpenCallsOfCustomer(tx: Db, orgId: string, customerId: string, outcome: string, at: Date): Promise<TaskRow[]> {
  return tx
    .update(collectionTasks)
    .set({ status: 'cancelled', outcome, completedAt: at })
    .where(and(eq(collectionTasks.orgId, orgId), eq(collectionTasks.customerId, customerId), eq(collectionTasks.status, 'open'), ne(collectionTasks.kind, 'follow_up')))
    .returning();
}

export interface WorklistFilter {
  /** Tasks due on or before this day. */
  readonly dueBy?: string;
  readonly dueOn?: string;
  readonly status: string;
  readonly assigneeId?: string;
  /** Only the team queue (tasks assigned to nobody). */
  readonly unassigned?: boolean;
  readonly customerId?: string;
  readonly today: string;
  readonly limit: number;
  readonly offset: number;
}

export interface WorklistRow {
  readonly id: string;
  readonly amountAtRisk: number;
  readonly daysOverdue: number;
}

/**
 * The collector's worklist: tasks with the open balance of their invoices (amount at risk) and the days the
 * oldest of them is overdue, most at risk first. Amounts of different currencies add up as minor units: the
 * order is a triage aid, not a sum anyone reads as money.
 */
export async function worklist(db: Db, orgId: string, f: WorklistFilter): Promise<WorklistRow[]> {
  const where: SQL[] = [sql`t.org_id = ${orgId}`, sql`t.status = ${f.status}`];
  if (f.dueBy) where.push(sql`t.due_on <= ${f.dueBy}`);
  if (f.dueOn) where.push(sql`t.due_on = ${f.dueOn}`);
  if (f.assigneeId) where.push(sql`t.assignee_id = ${f.assigneeId}`);
  if (f.unassigned) where.push(sql`t.assignee_id is null`);
  if (f.customerId) where.push(sql`t.customer_id = ${f.customerId}`);
  const rows = await queryRows<{ id: string; risk: string; days_overdue: string | number }>(
    db,
    sql`select id, at_risk::text as risk, days_overdue from (
        select t.id, t.due_on,
               coalesce(sum(i.balance) filter (where i.status in ('open', 'partially_paid', 'uncollectible')), 0)::bigint as at_risk,
               greatest(0, coalesce(max(${f.today}::date - i.due_date) filter (where i.balance > 0), 0))::int as days_overdue
          from collection_tasks t
          left join invoices i on i.org_id = t.org_id and i.id = any(t.invoice_ids)
         where ${sql.join(where, sql` and `)}
         group by t.org_id, t.id) ranked
         order by at_risk desc, days_overdue desc, due_on, id
         limit ${f.limit} offset ${f.offset}`,
  );
  return rows.map((r) => ({ id: r.id, amountAtRisk: Number(r.risk), daysOverdue: Number(r.days_overdue) }));
}

export async function tasksOfInvoice(db: Db, orgId: string, customerId: string, invoiceId: string): Promise<TaskRow[]> {
  return db
    .select()
    .from(collectionTasks)
    .where(and(eq(collectionTasks.orgId, orgId), eq(collectionTasks.customerId, customerId), sql`${invoiceId}::uuid = any(${collectionTasks.invoiceIds})`))
    .orderBy(asc(collectionTasks.id));
}

export async function tasksByIds(db: Db, orgId: string, ids: readonly string[]): Promise<TaskRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(collectionTasks).where(and(eq(collectionTasks.orgId, orgId), inArray(collectionTasks.id, [...ids])));
}

// ---- notes ----------------------------------------------------------------------------------------------

export async function insertNote(tx: Db, row: typeof customerNotes.$inferInsert): Promise<NoteRow> {
  const [inserted] = await tx.insert(customerNotes).values(row).returning();
  if (!inserted) throw new Error('Note insert returned nothing');
  return inserted;
}

export async function listNotes(db: Db, orgId: string, customerId: string, before: string | undefined, limit: number): Promise<NoteRow[]> {
  return db
    .select()
    .from(customerNotes)
    .where(and(eq(customerNotes.orgId, orgId), eq(customerNotes.customerId, customerId), before ? lt(customerNotes.id, before) : undefined))
    .orderBy(desc(customerNotes.id))
    .limit(limit);
}

