import { isEmail } from '../../domain/customer-rules.ts';
import { failure, success, type Result } from '../../domain/result.ts';
import { inOrg } from '../../db/connection.ts';
import { findCustomer } from '../../db/repositories/customers.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import { findOrganization } from '../../db/repositories/organizations.ts';
import { enqueueMessages } from '../../db/repositories/outbox.ts';
import { findContactsByEmail } from '../../db/repositories/portal.ts';
import { recordHit, type ThrottleRule } from '../../db/repositories/throttle.ts';
import { throttled, type Throttled } from '../auth/throttle.ts';
import { nowDate } from '../context.ts';
import { issuePortalLink, portalPageUrl } from './links.ts';
import { portalLinkEmail } from './link-email.ts';
import { loadPortalSettings } from './settings.ts';
import type { PortalAccess } from './session.ts';

const HOUR = 3_600_000;
/** Link requests from one address. */
export const LINK_REQUESTS_PER_ADDRESS: ThrottleRule = { limit: 10, windowMs: HOUR, lockMs: HOUR };
/** Link emails to one address, so nobody can flood a mailbox through us: three an hour (the hit reaching the limit is refused). */
export const LINK_EMAILS_PER_ADDRESS: ThrottleRule = { limit: 4, windowMs: HOUR, lockMs: HOUR };
/** One address can be a contact of several customers (an accountant for many firms); each gets its own email, up to this many. */
const MAX_CUSTOMERS_PER_REQUEST = 10;

/**
 * Emails a fresh portal link to every customer contact with this address. The answer is the same whether
 * the address is known or not, and it comes before the look-up and the emails are done (`queued` settles
 * with how many were queued), so neither the answer nor its timing tells who is a customer of whom.
 */
export async function requestPortalLinks(access: PortalAccess, publicUrl: string, emailInput: string, ip: string): Promise<Result<{ queued: Promise<number> }> | Throttled> {
  const email = emailInput.normalize('NFC').trim().toLowerCase();
  if (!isEmail(email)) return failure('INVALID_EMAIL', 'Give the email address your invoices are sent to', 'email');
  const at = nowDate(access);
  const locked = await recordHit(access.db, `portal:request:ip:${ip}`, at, LINK_REQUESTS_PER_ADDRESS);
  if (locked) return throttled('RATE_LIMITED', 'Too many link requests from your address', locked, at);
  return success({ queued: emailLinks(access, publicUrl, email, at) });
}

async function emailLinks(access: PortalAccess, publicUrl: string, email: string, at: Date): Promise<number> {
  const contacts = await findContactsByEmail(access.db, email, MAX_CUSTOMERS_PER_REQUEST);
  if (contacts.length === 0) return 0;
  if (await recordHit(access.db, `portal:request:email:${email}`, at, LINK_EMAILS_PER_ADDRESS)) return 0;
  let queued = 0;
  for (const contact of contacts) {
    queued += await inOrg(access.db, contact.orgId, async (tx) => {
      const customer = await findCustomer(tx, contact.orgId, contact.customerId);
      const org = await findOrganization(tx, contact.orgId);
      if (!customer || !org) return 0;
      const days = (await loadPortalSettings(tx, contact.orgId)).linkValidDays;
      const { link, token } = await issuePortalLink(tx, contact.orgId, { customerId: customer.id, contactId: contact.contactId, origin: 'request', at, validDays: days });
      const sent = await enqueueMessages(tx, contact.orgId, at, [portalLinkEmail(link.id, customer.id, contact.email, customer.locale, org.name, portalPageUrl(publicUrl, token), days)]);
      await appendEvents(tx, contact.orgId, { type: 'customer', id: contact.contactId }, at, [
        { entityType: 'customer', entityId: customer.id, action: 'portal_link.requested', after: { linkId: link.id, contactId: contact.contactId } },
      ]);
      return sent.length;
    });
  }
  return queued;
}
