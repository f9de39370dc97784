import { and, desc, eq, gt, inArray, isNull, lt, notInArray, or, sql } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { newId } from '../ids.ts';
import { unnestColumns } from '../raw.ts';
import { contacts, invoices, portalInvoiceViews, portalLinks, portalSettings } from '../schema/index.ts';

export type PortalLinkRow = typeof portalLinks.$inferSelect;
export type PortalSettingsRow = typeof portalSettings.$inferSelect;
export type PortalInvoiceViewRow = typeof portalInvoiceViews.$inferSelect;

export async function insertPortalLink(tx: Db, row: typeof portalLinks.$inferInsert): Promise<PortalLinkRow> {
  const [created] = await tx.insert(portalLinks).values(row).returning();
  return created!;
}

/** Many links at once: a dunning tick gives every email and text its own. */
export async function insertPortalLinks(tx: Db, orgId: string, origin: string, createdAt: Date, expiresAt: Date, links: readonly { customerId: string; contactId: string | null; tokenHash: string }[]): Promise<void> {
  if (links.length === 0) return;
  await tx.execute(sql`
    insert into portal_links (org_id, id, customer_id, contact_id, token_hash, origin, created_at, expires_at)
    select ${orgId}::uuid, u.id, u.customer_id, u.contact_id, u.token_hash, ${origin}, ${createdAt.toISOString()}::timestamptz, ${expiresAt.toISOString()}::timestamptz
      from ${unnestColumns([
        [links.map(() => newId()), 'uuid'],
        [links.map((l) => l.customerId), 'uuid'],
        [links.map((l) => l.contactId), 'uuid'],
        [links.map((l) => l.tokenHash), 'text'],
      ])} as u (id, customer_id, contact_id, token_hash)`);
}

/** Looked up by the connecting role before any organization is known: the hash is unique server-wide. */
export async function findPortalLinkByHash(db: Db, tokenHash: string): Promise<PortalLinkRow | undefined> {
  const [row] = await db.select().from(portalLinks).where(eq(portalLinks.tokenHash, tokenHash));
  return row;
}

export async function findPortalLink(db: Db, orgId: string, id: string): Promise<PortalLinkRow | undefined> {
  const [row] = await db.select().from(portalLinks).where(and(eq(portalLinks.orgId, orgId), eq(portalLinks.id, id)));
  return row;
}

/** Stamps the link as used, at most once every few minutes, so a busy portal page writes little. */
export async function touchPortalLink(tx: Db, orgId: string, id: string, at: Date, everyMs: number): Promise<void> {
  await tx
    .update(portalLinks)
    .set({ lastUsedAt: at })
    .where(
      and(
        eq(portalLinks.orgId, orgId),
        eq(portalLinks.id, id),
        or(isNull(portalLinks.lastUsedAt), lt(portalLinks.lastUsedAt, new Date(at.getTime() - everyMs))),
      ),
    );
}

/** Links of a customer still usable at `at`, newest first. */
export async function listActivePortalLinks(db: Db, orgId: string, customerId: string, at: Date, limit: number): Promise<PortalLinkRow[]> {
  return db
    .select()
    .from(portalLinks)
    .where(and(eq(portalLinks.orgId, orgId), eq(portalLinks.customerId, customerId), isNull(portalLinks.revokedAt), gt(portalLinks.expiresAt, at)))
    .orderBy(desc(portalLinks.id))
    .limit(limit);
}

/** Revokes the given links of a customer (all its usable links when ids is absent); returns those revoked. */
export async function revokePortalLinks(tx: Db, orgId: string, customerId: string, at: Date, ids?: readonly string[]): Promise<PortalLinkRow[]> {
  return tx
    .update(portalLinks)
    .set({ revokedAt: at })
    .where(
      and(
        eq(portalLinks.orgId, orgId),
        eq(portalLinks.customerId, customerId),
        isNull(portalLinks.revokedAt),
        gt(portalLinks.expiresAt, at),
        ...(ids ? [inArray(portalLinks.id, [...ids])] : []),
      ),
    )
    .returning();
}

export async function findPortalSettings(db: Db, orgId: string): Promise<PortalSettingsRow | undefined> {
  const [row] = await db.select().from(portalSettings).where(eq(portalSettings.orgId, orgId));
  return row;
}

export async function savePortalSettings(tx: Db, row: typeof portalSettings.$inferInsert): Promise<PortalSettingsRow> {
  const { orgId: _orgId, ...patch } = row;
  const [saved] = await tx.insert(portalSettings).values(row).onConflictDoUpdate({ target: portalSettings.orgId, set: patch }).returning();
  return saved!;
}

/** Counts a view; returns when the invoice was last viewed before this one (undefined: never). */
export async function recordInvoiceView(tx: Db, orgId: string, invoiceId: string, customerId: string, at: Date): Promise<Date | undefined> {
  const [before] = await tx
    .select({ lastViewedAt: portalInvoiceViews.lastViewedAt })
    .from(portalInvoiceViews)
    .where(and(eq(portalInvoiceViews.orgId, orgId), eq(portalInvoiceViews.invoiceId, invoiceId)))
    .for('update');
  await tx
    .insert(portalInvoiceViews)
    .values({ orgId, invoiceId, customerId, firstViewedAt: at, lastViewedAt: at, views: 1 })
    .onConflictDoUpdate({
      target: [portalInvoiceViews.orgId, portalInvoiceViews.invoiceId],
      set: { lastViewedAt: at, views: sql`${portalInvoiceViews.views} + 1` },
    });
  return before?.lastViewedAt;
}

export async function invoiceViews(db: Db, orgId: string, invoiceIds: readonly string[]): Promise<PortalInvoiceViewRow[]> {
  if (invoiceIds.length === 0) return [];
  return db
    .select()
    .from(portalInvoiceViews)
    .where(and(eq(portalInvoiceViews.orgId, orgId), inArray(portalInvoiceViews.invoiceId, [...invoiceIds])));
}

export interface ContactAddress {
  readonly orgId: string;
  readonly customerId: string;
  readonly contactId: string;
  readonly email: string;
}

/** Contacts with this address in any organization, read by the connecting role (the requester names no organization). */
export async function findContactsByEmail(db: Db, email: string, limit: number): Promise<ContactAddress[]> {
  return db
    .select({ orgId: contacts.orgId, customerId: contacts.customerId, contactId: contacts.id, email: contacts.email })
    .from(contacts)
    .where(and(sql`lower(${contacts.email}) = ${email}`, isNull(contacts.emailBouncedAt)))
    .orderBy(contacts.orgId, contacts.id)
    .limit(limit) as Promise<ContactAddress[]>;
}

const HIDDEN_STATUSES = ['draft', 'void'];

/**
 * What a customer sees in the portal: issued invoices and credit notes, those still carrying money first
 * (so the limit never hides something owed), then newest first.
 */
export async function customerDocuments(db: Db, orgId: string, customerId: string, limit: number) {
  return db
    .select()
    .from(invoices)
    .where(and(eq(invoices.orgId, orgId), eq(invoices.customerId, customerId), notInArray(invoices.status, HIDDEN_STATUSES)))
    .orderBy(desc(sql`${invoices.balance} > 0`), desc(invoices.issueDate), desc(invoices.id))
    .limit(limit);
}

/** One issued document of this customer, or nothing: another customer's id reads as unknown. */
export async function findCustomerDocument(db: Db, orgId: string, customerId: string, invoiceId: string) {
  const [row] = await db
    .select()
    .from(invoices)
    .where(and(eq(invoices.orgId, orgId), eq(invoices.customerId, customerId), eq(invoices.id, invoiceId), notInArray(invoices.status, HIDDEN_STATUSES)));
  return row;
}
