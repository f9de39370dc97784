import { failure, success, type Result } from '../../domain/result.ts';
import { inOrg, inOrgResult } from '../../db/connection.ts';
import { findContact, findCustomer, findCustomersByRef, listContacts } from '../../db/repositories/customers.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import { findPortalLink, listActivePortalLinks, revokePortalLinks, type PortalLinkRow } from '../../db/repositories/portal.ts';
import { nowDate, type Ctx } from '../context.ts';
import { issuePortalLink, portalPageUrl, type LinkOrigin } from './links.ts';

export interface CreatedLink {
  readonly link: PortalLinkRow;
  /** The only time the address is shown: only its hash is kept. */
  readonly url: string;
}

export interface CreateLinkInput {
  readonly contactId?: string;
  readonly validDays?: number;
}

/** A portal link made by the team (to send by hand) or by an operator on the command line. */
export async function createPortalLink(ctx: Ctx, publicUrl: string, customerId: string, input: CreateLinkInput, origin: LinkOrigin = 'team'): Promise<Result<CreatedLink>> {
  if (input.validDays !== undefined && (!Number.isInteger(input.validDays) || input.validDays < 1 || input.validDays > 365))
    return failure('VALIDATION_FAILED', 'A link works for 1 to 365 days', 'validDays');
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    if (!(await findCustomer(tx, ctx.orgId, customerId))) return failure('CUSTOMER_NOT_FOUND', 'No such customer', 'customerId');
    if (input.contactId && !(await findContact(tx, ctx.orgId, customerId, input.contactId))) return failure('CONTACT_NOT_FOUND', 'No such contact of this customer', 'contactId');
    const at = nowDate(ctx);
    const { link, token } = await issuePortalLink(tx, ctx.orgId, { customerId, contactId: input.contactId, origin, at, validDays: input.validDays });
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [
      { entityType: 'customer', entityId: customerId, action: 'portal_link.created', after: { linkId: link.id, contactId: link.contactId, expiresAt: link.expiresAt } },
    ]);
    return success({ link, url: portalPageUrl(publicUrl, token) });
  });
}

export async function listPortalLinks(ctx: Ctx, customerId: string): Promise<Result<PortalLinkRow[]>> {
  return inOrg(ctx.db, ctx.orgId, async (tx) => {
    if (!(await findCustomer(tx, ctx.orgId, customerId))) return failure('CUSTOMER_NOT_FOUND', 'No such customer', 'customerId');
    return success(await listActivePortalLinks(tx, ctx.orgId, customerId, nowDate(ctx), 200));
  });
}

/** Revokes one link, or every usable link of the customer when linkId is absent; returns how many stopped working. */
export async function revokePortalLink(ctx: Ctx, customerId: string, linkId?: string): Promise<Result<{ revoked: number }>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    if (!(await findCustomer(tx, ctx.orgId, customerId))) return failure('CUSTOMER_NOT_FOUND', 'No such customer', 'customerId');
    if (linkId) {
      const link = await findPortalLink(tx, ctx.orgId, linkId);
      if (!link || link.customerId !== customerId) return failure('PORTAL_LINK_NOT_FOUND', 'No such portal link of this customer', 'linkId');
    }
    const at = nowDate(ctx);
    const revoked = await revokePortalLinks(tx, ctx.orgId, customerId, at, linkId ? [linkId] : undefined);
    if (revoked.length > 0)
      await appendEvents(tx, ctx.orgId, ctx.actor, at, [{ entityType: 'customer', entityId: customerId, action: 'portal_link.revoked', after: { linkIds: revoked.map((l) => l.id) } }]);
    return success({ revoked: revoked.length });
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * For operators: a link for the customer with this reference (or id), sent to the contact with this email
 * if one is named. Used by `punctual portal-link`.
 */
export async function createPortalLinkByRef(ctx: Ctx, publicUrl: string, customer: string, input: { contactEmail?: string; validDays?: number }): Promise<Result<CreatedLink>> {
  const found = await inOrg(ctx.db, ctx.orgId, async (tx) => {
    const [byRef] = await findCustomersByRef(tx, ctx.orgId, [customer]);
    const row = byRef ?? (UUID.test(customer) ? await findCustomer(tx, ctx.orgId, customer.toLowerCase()) : undefined);
    if (!row) return null;
    const email = input.contactEmail?.trim().toLowerCase();
    const contact = email ? (await listContacts(tx, ctx.orgId, [row.id])).find((c) => c.email?.toLowerCase() === email) : undefined;
    return { customerId: row.id, contactId: contact?.id, contactMissing: email !== undefined && !contact };
  });
  if (!found) return failure('CUSTOMER_NOT_FOUND', `No customer with reference or id ${customer}`, 'customer');
  if (found.contactMissing) return failure('CONTACT_NOT_FOUND', `The customer has no contact with email ${input.contactEmail}`, 'contact');
  return createPortalLink(ctx, publicUrl, found.customerId, { contactId: found.contactId, validDays: input.validDays }, 'cli');
}
