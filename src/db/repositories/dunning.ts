import { and, asc, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { queryRows, unnestColumns, type ColumnValues } from '../raw.ts';
import {
  bankAccounts,
  customerRisk,
  customers,
  dunningCustomerSettings,
  dunningHistory,
  dunningInvoiceSettings,
  dunningInvoiceState,
  dunningPolicies,
  dunningSettings,
  invoices,
  outbox,
  templateOverrides,
  webhookEndpoints,
} from '../schema/index.ts';

export type DunningPolicyRow = typeof dunningPolicies.$inferSelect;
export type DunningSettingsRow = typeof dunningSettings.$inferSelect;
export type NewDunningSettingsRow = typeof dunningSettings.$inferInsert;
export type CustomerDunningRow = typeof dunningCustomerSettings.$inferSelect;
export type InvoiceDunningRow = typeof dunningInvoiceSettings.$inferSelect;
export type HistoryRow = typeof dunningHistory.$inferSelect;
export type NewHistoryRow = typeof dunningHistory.$inferInsert;

const anyUuid = (ids: readonly string[]) => sql`any(${sql.param([...ids])}::uuid[])`;

// ---- policies -------------------------------------------------------------------------------------------

export async function listPolicies(db: Db, orgId: string): Promise<DunningPolicyRow[]> {
  return db.select().from(dunningPolicies).where(eq(dunningPolicies.orgId, orgId)).orderBy(asc(dunningPolicies.id));
}

export async function findPolicy(db: Db, orgId: string, id: string): Promise<DunningPolicyRow | undefined> {
  const [row] = await db.select().from(dunningPolicies).where(and(eq(dunningPolicies.orgId, orgId), eq(dunningPolicies.id, id)));
  return row;
}

export async function insertPolicy(tx: Db, row: typeof dunningPolicies.$inferInsert): Promise<DunningPolicyRow> {
  const [inserted] = await tx.insert(dunningPolicies).values(row).returning();
  if (!inserted) throw new Error('Policy insert returned nothing');
  return inserted;
}

export async function updatePolicy(tx: Db, orgId: string, id: string, patch: Partial<typeof dunningPolicies.$inferInsert>): Promise<DunningPolicyRow> {
  const [row] = await tx.update(dunningPolicies).set(patch).where(and(eq(dunningPolicies.orgId, orgId), eq(dunningPolicies.id, id))).returning();
  if (!row) throw new Error(`Policy ${id} vanished inside its transaction`);
  return row;
}

export async function deletePolicy(tx: Db, orgId: string, id: string): Promise<void> {
  await tx.delete(dunningPolicies).where(and(eq(dunningPolicies.orgId, orgId), eq(dunningPolicies.id, id)));
}

/** How many settings (organization, customers, invoices) name this policy. */
export async function policyUsage(db: Db, orgId: string, policyId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`
    select ((select count(*) from dunning_settings where org_id = ${orgId} and default_policy_id = ${policyId})
          + (select count(*) from dunning_customer_settings where org_id = ${orgId} and policy_id = ${policyId})
          + (select count(*) from dunning_invoice_settings where org_id = ${orgId} and policy_id = ${policyId}))::int as n`);
  return Number(row?.n ?? 0);
}

// ---- settings -------------------------------------------------------------------------------------------

export async function findDunningSettings(db: Db, orgId: string): Promise<DunningSettingsRow | undefined> {
  const [row] = await db.select().from(dunningSettings).where(eq(dunningSettings.orgId, orgId));
  return row;
}

export async function upsertDunningSettings(tx: Db, row: NewDunningSettingsRow): Promise<DunningSettingsRow> {
  const { orgId: _org, ...set } = row;
  const [stored] = await tx.insert(dunningSettings).values(row).onConflictDoUpdate({ target: dunningSettings.orgId, set }).returning();
  if (!stored) throw new Error('Dunning settings upsert returned nothing');
  return stored;
}

export async function findCustomerDunning(db: Db, orgId: string, customerId: string): Promise<CustomerDunningRow | undefined> {
  const [row] = await db
    .select()
    .from(dunningCustomerSettings)
    .where(and(eq(dunningCustomerSettings.orgId, orgId), eq(dunningCustomerSettings.customerId, customerId)));
  return row;
}

export async function upsertCustomerDunning(tx: Db, row: typeof dunningCustomerSettings.$inferInsert): Promise<CustomerDunningRow> {
  const { orgId: _org, customerId: _c, ...set } = row;
  const [stored] = await tx
    .insert(dunningCustomerSettings)
    .values(row)
    .onConflictDoUpdate({ target: [dunningCustomerSettings.orgId, dunningCustomerSettings.customerId], set })
    .returning();
  if (!stored) throw new Error('Customer dunning upsert returned nothing');
  return stored;
}

export async function findInvoiceDunning(db: Db, orgId: string, invoiceId: string): Promise<InvoiceDunningRow | undefined> {
  const [row] = await db
    .select()
    .from(dunningInvoiceSettings)
    .where(and(eq(dunningInvoiceSettings.orgId, orgId), eq(dunningInvoiceSettings.invoiceId, invoiceId)));
  return row;
}

export async function upsertInvoiceDunning(tx: Db, row: typeof dunningInvoiceSettings.$inferInsert): Promise<InvoiceDunningRow> {
  const { orgId: _org, invoiceId: _i, ...set } = row;
  const [stored] = await tx
    .insert(dunningInvoiceSettings)
    .values(row)
    .onConflictDoUpdate({ target: [dunningInvoiceSettings.orgId, dunningInvoiceSettings.invoiceId], set })
    .returning();
  if (!stored) throw new Error('Invoice dunning upsert returned nothing');
  return stored;
}

// ---- history --------------------------------------------------------------------------------------------

/** A catch-up tick writes many thousands of history rows: one array per column (see unnestColumns). */
export async function insertHistory(tx: Db, rows: readonly NewHistoryRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 10_000) {
    const chunk = rows.slice(i, i + 10_000);
    const col = (pick: (r: NewHistoryRow) => unknown, type: string): ColumnValues => [chunk.map(pick), type];
    await tx.execute(sql`
      insert into dunning_history (org_id, id, invoice_id, customer_id, policy_id, plan_id, step_id, occurrence, installment, "on", outcome, reason, channel, message_key, released, created_at)
      select * from ${unnestColumns([
        col((r) => r.orgId, 'uuid'),
        col((r) => r.id, 'uuid'),
        col((r) => r.invoiceId, 'uuid'),
        col((r) => r.customerId, 'uuid'),
        col((r) => r.policyId, 'text'),
        col((r) => r.planId ?? null, 'uuid'),
        col((r) => r.stepId, 'text'),
        col((r) => r.occurrence, 'int'),
        col((r) => r.installment ?? null, 'int'),
        col((r) => r.on, 'date'),
        col((r) => r.outcome, 'text'),
        col((r) => r.reason, 'text'),
        col((r) => r.channel ?? null, 'text'),
        col((r) => r.messageKey ?? null, 'text'),
        col((r) => r.released ?? false, 'boolean'),
        col((r) => (r.createdAt as Date).toISOString(), 'timestamptz'),
      ])}`);
  }
}

/** Every history row of an invoice, released ones included, oldest first: the invoice's dunning timeline. */
export async function historyOfInvoice(db: Db, orgId: string, invoiceId: string): Promise<HistoryRow[]> {
  return db
    .select()
    .from(dunningHistory)
    .where(and(eq(dunningHistory.orgId, orgId), eq(dunningHistory.invoiceId, invoiceId)))
    .orderBy(asc(dunningHistory.id));
}

/** The rows the planner counts as done (released ones are offered again). */
export async function activeHistoryOf(db: Db, orgId: string, invoiceIds: readonly string[]) {
  if (invoiceIds.length === 0) return [];
  return db
    .select({
      invoiceId: dunningHistory.invoiceId,
      stepId: dunningHistory.stepId,
      occurrence: dunningHistory.occurrence,
      installment: dunningHistory.installment,
      on: dunningHistory.on,
    })
    .from(dunningHistory)
    .where(and(eq(dunningHistory.orgId, orgId), sql`${dunningHistory.invoiceId} = ${anyUuid(invoiceIds)}`, eq(dunningHistory.released, false)));
}

/** Customer and channel pairs that got (or were queued) a message on one of these days. */
export async function messagedBetween(db: Db, orgId: string, customerIds: readonly string[], from: string, to: string) {
  if (customerIds.length === 0) return [];
  return db
    .selectDistinct({ customerId: dunningHistory.customerId, channel: dunningHistory.channel, on: dunningHistory.on })
    .from(dunningHistory)
    .where(
      and(
        eq(dunningHistory.orgId, orgId),
        sql`${dunningHistory.customerId} = ${anyUuid(customerIds)}`,
        gte(dunningHistory.on, from),
        lte(dunningHistory.on, to),
        eq(dunningHistory.outcome, 'sent'),
      ),
    );
}

/**
 * Offer the steps carried by cancelled messages again, except for the invoices whose change cancelled them
 * (those are paid, disputed or paused: their step is spent). Returns the invoices released.
 */
export async function releaseHistory(tx: Db, orgId: string, messageKeys: readonly string[], exceptInvoiceIds: readonly string[]): Promise<string[]> {
  if (messageKeys.length === 0) return [];
  const rows = await tx
    .update(dunningHistory)
    .set({ released: true })
    .where(
      and(
        eq(dunningHistory.orgId, orgId),
        inArray(dunningHistory.messageKey, [...messageKeys]),
        eq(dunningHistory.released, false),
        exceptInvoiceIds.length > 0 ? sql`not (${dunningHistory.invoiceId} = ${anyUuid(exceptInvoiceIds)})` : undefined,
      ),
    )
    .returning({ invoiceId: dunningHistory.invoiceId });
  return [...new Set(rows.map((r) => r.invoiceId))];
}

// ---- when to look again ---------------------------------------------------------------------------------

export async function upsertInvoiceStates(tx: Db, orgId: string, checkedOn: (id: string) => string, states: readonly { invoiceId: string; nextCheckOn: string | null }[]): Promise<void> {
  for (let i = 0; i < states.length; i += 10_000) {
    const chunk = states.slice(i, i + 10_000);
    await tx.execute(sql`
      insert into dunning_invoice_state (org_id, invoice_id, next_check_on, checked_on)
      select ${orgId}::uuid, u.* from ${unnestColumns([
        [chunk.map((s) => s.invoiceId), 'uuid'],
        [chunk.map((s) => s.nextCheckOn), 'date'],
        [chunk.map((s) => checkedOn(s.invoiceId)), 'date'],
      ])} as u
      on conflict (org_id, invoice_id) do update set next_check_on = excluded.next_check_on, checked_on = excluded.checked_on`);
  }
}

const LOOK_AGAIN = { nextCheckOn: '-infinity' };

/** Something about these invoices changed: the next tick looks at them again. */
export async function forgetInvoiceStates(tx: Db, orgId: string, invoiceIds: readonly string[]): Promise<void> {
  if (invoiceIds.length === 0) return;
  await tx.update(dunningInvoiceState).set(LOOK_AGAIN).where(and(eq(dunningInvoiceState.orgId, orgId), sql`${dunningInvoiceState.invoiceId} = ${anyUuid(invoiceIds)}`));
}

export async function forgetCustomerStates(tx: Db, orgId: string, customerId: string): Promise<void> {
  await tx.execute(sql`
    update dunning_invoice_state st set next_check_on = ${LOOK_AGAIN.nextCheckOn}::date from invoices i
     where st.org_id = ${orgId} and i.org_id = st.org_id and i.id = st.invoice_id and i.customer_id = ${customerId}`);
}

export async function forgetOrganizationStates(tx: Db, orgId: string): Promise<void> {
  await tx.update(dunningInvoiceState).set(LOOK_AGAIN).where(eq(dunningInvoiceState.orgId, orgId));
}

// ---- pending reminders ----------------------------------------------------------------------------------

/** Pending reminders that mention any of these invoices, locked: the caller cancels them. */
export async function pendingRemindersOf(tx: Db, orgId: string, customerIds: readonly string[], invoiceIds: readonly string[]) {
  if (invoiceIds.length === 0 || customerIds.length === 0) return [];
  return tx
    .select()
    .from(outbox)
    .where(
      and(
        eq(outbox.orgId, orgId),
        sql`${outbox.customerId} = ${anyUuid(customerIds)}`,
        eq(outbox.status, 'pending'),
        eq(outbox.kind, 'reminder'),
        sql`${outbox.invoiceIds} && ${sql.param([...invoiceIds])}::uuid[]`,
      ),
    )
    .orderBy(asc(outbox.id))
    .for('update');
}

/** Pending reminders of whole customers (handed to collections), locked. */
export async function pendingRemindersOfCustomers(tx: Db, orgId: string, customerIds: readonly string[]) {
  if (customerIds.length === 0) return [];
  return tx
    .select()
    .from(outbox)
    .where(and(eq(outbox.orgId, orgId), sql`${outbox.customerId} = ${anyUuid(customerIds)}`, eq(outbox.status, 'pending'), eq(outbox.kind, 'reminder')))
    .orderBy(asc(outbox.id))
    .for('update');
}

export async function cancelOutboxRows(tx: Db, orgId: string, ids: readonly string[], reason: string): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .update(outbox)
    .set({ status: 'cancelled', payload: sql`${outbox.payload} || jsonb_build_object('cancelledReason', ${reason}::text)` })
    .where(and(eq(outbox.orgId, orgId), sql`${outbox.id} = ${anyUuid(ids)}`, eq(outbox.status, 'pending')));
}

/** The reminders that carried an invoice's steps, newest first, with their delivery status. */
export async function remindersOfInvoice(db: Db, orgId: string, customerId: string, invoiceId: string) {
  return db
    .select()
    .from(outbox)
    .where(and(eq(outbox.orgId, orgId), eq(outbox.customerId, customerId), eq(outbox.kind, 'reminder'), sql`${invoiceId}::uuid = any(${outbox.invoiceIds})`))
    .orderBy(desc(outbox.id));
}

// ---- the tick's candidates ------------------------------------------------------------------------------

export interface CandidateWindow {
  /** The latest local date any customer can be on: invoices to look at on or before it are candidates. */
  readonly maxToday: string;
}

const RECEIVABLE_OPEN = sql`${invoices.kind} = 'invoice' and ${invoices.status} in ('open', 'partially_paid') and ${invoices.balance} > 0`;

// Never-looked-at invoices are dated '-infinity' by the trigger that gives every open invoice its row (0020).
const candidate = (w: CandidateWindow): SQL => sql`${dunningInvoiceState.nextCheckOn} <= ${w.maxToday}`;

/**
 * Every invoice to look at, with its customer, in customer order, found once per tick from the next-check
 * index alone. Paging through invoices by customer instead read most of the open invoices once per chunk (2 s
 * a chunk on a million), and finding the invoices without a row read every open invoice once per tick (1.5 s).
 */
export async function candidateInvoices(db: Db, orgId: string, w: CandidateWindow): Promise<{ customerId: string; invoiceId: string }[]> {
  const rows = await queryRows<{ customer_id: string; invoice_id: string }>(
    db,
    sql`
    select ${invoices.customerId} as customer_id, ${invoices.id} as invoice_id
      from ${dunningInvoiceState} join ${invoices} on ${invoices.orgId} = ${dunningInvoiceState.orgId} and ${invoices.id} = ${dunningInvoiceState.invoiceId}
     where ${dunningInvoiceState.orgId} = ${orgId} and ${candidate(w)} and ${RECEIVABLE_OPEN}
     order by 1, 2`,
  );
  return rows.map((r) => ({ customerId: r.customer_id, invoiceId: r.invoice_id }));
}

/**
 * These invoices, where still open, marked candidate or not as of now (a tick loads them again under its locks:
 * one paid or looked at meanwhile drops out or is no longer due), with their dunning settings.
 */
export async function openInvoicesByIds(db: Db, orgId: string, invoiceIds: readonly string[], w: CandidateWindow) {
  if (invoiceIds.length === 0) return [];
  return db
    .select({
      id: invoices.id,
      customerId: invoices.customerId,
      number: invoices.number,
      currency: invoices.currency,
      issueDate: invoices.issueDate,
      dueDate: invoices.dueDate,
      balance: invoices.balance,
      status: invoices.status,
      billingContactId: invoices.billingContactId,
      policyId: dunningInvoiceSettings.policyId,
      excluded: dunningInvoiceSettings.excluded,
      paused: dunningInvoiceSettings.paused,
      candidate: sql<boolean>`${candidate(w)}`.mapWith(Boolean),
    })
    .from(invoices)
    .leftJoin(dunningInvoiceState, and(eq(dunningInvoiceState.orgId, invoices.orgId), eq(dunningInvoiceState.invoiceId, invoices.id)))
    .leftJoin(dunningInvoiceSettings, and(eq(dunningInvoiceSettings.orgId, invoices.orgId), eq(dunningInvoiceSettings.invoiceId, invoices.id)))
    .where(and(eq(invoices.orgId, orgId), sql`${invoices.id} = ${anyUuid(invoiceIds)}`, RECEIVABLE_OPEN))
    .orderBy(asc(invoices.customerId), asc(invoices.dueDate), asc(invoices.id));
}

/** Every open invoice of these customers, oldest due first: what a call task lists. */
export async function openInvoiceLists(db: Db, orgId: string, customerIds: readonly string[]) {
  if (customerIds.length === 0) return [];
  return db
    .select({ invoiceId: invoices.id, customerId: invoices.customerId, number: invoices.number, dueDate: invoices.dueDate, balance: invoices.balance, currency: invoices.currency })
    .from(invoices)
    .where(and(eq(invoices.orgId, orgId), sql`${invoices.customerId} = ${anyUuid(customerIds)}`, RECEIVABLE_OPEN))
    .orderBy(asc(invoices.customerId), asc(invoices.dueDate), asc(invoices.id));
}

export type OpenInvoiceFacts = Awaited<ReturnType<typeof openInvoicesByIds>>[number];

/**
 * The tick's view of these customers: who they are, where, and their dunning override. The risk level is the
 * effective one: set by hand, else the stored computed level (null reads as medium; see effectiveRisk).
 */
export async function customersForTick(db: Db, orgId: string, customerIds: readonly string[]) {
  if (customerIds.length === 0) return [];
  return db
    .select({
      id: customers.id,
      name: customers.name,
      legalName: customers.legalName,
      externalRef: customers.externalRef,
      billingAddress: customers.billingAddress,
      locale: customers.locale,
      timeZone: customers.timeZone,
      status: customers.status,
      tags: customers.tags,
      policyId: dunningCustomerSettings.policyId,
      excluded: dunningCustomerSettings.excluded,
      collectorId: dunningCustomerSettings.collectorId,
      riskLevel: sql<string | null>`coalesce(${dunningCustomerSettings.riskLevel}, ${customerRisk.level})`,
    })
    .from(customers)
    .leftJoin(dunningCustomerSettings, and(eq(dunningCustomerSettings.orgId, customers.orgId), eq(dunningCustomerSettings.customerId, customers.id)))
    .leftJoin(customerRisk, and(eq(customerRisk.orgId, customers.orgId), eq(customerRisk.customerId, customers.id)))
    .where(and(eq(customers.orgId, orgId), sql`${customers.id} = ${anyUuid(customerIds)}`))
    .orderBy(asc(customers.id));
}

export type TickCustomerRow = Awaited<ReturnType<typeof customersForTick>>[number];

/**
 * Fresh planner statistics for the tables a tick fills. Run on the connecting role, which owns them; inside a
 * tenant's transaction PostgreSQL skips them with a warning instead.
 */
export async function refreshTickStatistics(db: Db): Promise<void> {
  await db.execute(sql`analyze dunning_history, dunning_invoice_state`);
}

/**
 * Hold these customers while a tick decides about them, in id order (so two ticks never deadlock): a payment
 * waits, and so does another tick, which then finds this one's history. Inserting an invoice still goes
 * ahead (its foreign-key check only takes a key-share lock).
 */
export async function lockCustomersForTick(tx: Db, orgId: string, customerIds: readonly string[]): Promise<void> {
  if (customerIds.length === 0) return;
  await tx
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.orgId, orgId), sql`${customers.id} = ${anyUuid(customerIds)}`))
    .orderBy(asc(customers.id))
    .for('no key update');
}

/** What messages need from the organization: its wording overrides, paying accounts and webhook address. */
export async function messageSettings(db: Db, orgId: string) {
  const [overrides, accounts, endpoints] = [
    await db.select({ key: templateOverrides.key, locale: templateOverrides.locale, source: templateOverrides.source }).from(templateOverrides).where(eq(templateOverrides.orgId, orgId)),
    await db.select().from(bankAccounts).where(eq(bankAccounts.orgId, orgId)).orderBy(desc(bankAccounts.isDefault), asc(bankAccounts.id)),
    await db.select({ url: webhookEndpoints.url }).from(webhookEndpoints).where(eq(webhookEndpoints.orgId, orgId)),
  ];
  return { overrides, accounts, webhookUrl: endpoints[0]?.url ?? null };
}
