import type { Db } from '../../db/connection.ts';
import type { ContactRow } from '../../db/repositories/customers.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import type { InvoiceRow } from '../../db/repositories/invoices.ts';
import { enqueueMessages, findOutboxByKey, type QueuedOutboxRow } from '../../db/repositories/outbox.ts';
import { renderMessage } from '../../documents/templates/index.ts';
import { nowDate, todayIn, type Ctx } from '../context.ts';
import { loadInvoiceBundle } from '../documents/invoice-document.ts';
import { invoiceMessageVars } from '../documents/message-vars.ts';
import { addresseeContact, documentLocale } from '../documents/parties.ts';
import { publicBaseUrl } from '../documents/portal-link.ts';
import { timelineEvents } from '../dunning/timeline.ts';
import { issuePortalLink, portalPageUrl } from '../portal/links.ts';

/** A contact an email can go to: one with an address that delivery has not marked as bounced. */
export function emailable(contact: ContactRow): contact is ContactRow & { email: string } {
  return !!contact.email && !contact.emailBouncedAt;
}

/** Where "here is your invoice" goes unless someone chooses: the billing contact, else the primary, else any, among those with a working address. */
export function invoiceEmailContact(contacts: readonly ContactRow[], billingContactId: string | null): ContactRow | undefined {
  return addresseeContact(contacts.filter(emailable), billingContactId);
}

export interface InvoiceEmailRequest {
  /** One message per key: a key already queued returns that message and writes nothing. */
  readonly idempotencyKey: string;
  /** A contact of the invoice's customer, chosen by the caller; without it, invoiceEmailContact decides. */
  readonly contactId?: string;
}

export interface QueuedInvoiceEmail {
  readonly message: QueuedOutboxRow;
  /** The key had been queued before: this call wrote nothing. */
  readonly repeated: boolean;
}

/**
 * Queue "here is your invoice" in the caller's transaction: in the customer's language, with what its PDF
 * prints, the PDF attached (rendered when it is sent), and a portal link of its own for the contact it goes
 * to, so the customer opens their portal from the email without asking for a link. The invoice and the
 * customer timelines record it as invoice.sent. Returns nothing when there is no contact to email.
 */
export async function queueInvoiceEmail(tx: Db, ctx: Ctx, invoice: InvoiceRow, request: InvoiceEmailRequest): Promise<QueuedInvoiceEmail | undefined> {
  // Looked up first so a repeated request does not leave a fresh, never-sent link behind.
  const earlier = await findOutboxByKey(tx, ctx.orgId, request.idempotencyKey);
  if (earlier) return { message: earlier, repeated: true };
  const loaded = await loadInvoiceBundle(tx, ctx.orgId, invoice.id);
  if (!loaded.ok) throw new Error(`Invoice ${invoice.id} vanished inside its transaction`);
  const bundle = loaded.value;
  const contact = request.contactId === undefined ? invoiceEmailContact(bundle.contacts, invoice.billingContactId) : bundle.contacts.find((c) => c.id === request.contactId);
  if (!contact || !emailable(contact)) return undefined;

  const at = nowDate(ctx);
  const { link, token } = await issuePortalLink(tx, ctx.orgId, { customerId: invoice.customerId, contactId: contact.id, origin: 'invoice', at });
  const locale = documentLocale(bundle.customer);
  const vars = invoiceMessageVars(bundle, todayIn(ctx, bundle.org.timeZone), locale, { contactName: contact.name, portalUrl: portalPageUrl(publicBaseUrl(), token) });
  const rendered = renderMessage({ kind: 'invoice', channel: 'email', locale, vars });
  if (!rendered.ok || rendered.message.channel !== 'email') throw new Error('An invoice email always renders as an email');
  const { subject, text, html } = rendered.message;
  const [queued] = await enqueueMessages(tx, ctx.orgId, at, [
    {
      idempotencyKey: request.idempotencyKey,
      kind: 'invoice',
      channel: 'email',
      recipient: contact.email,
      customerId: invoice.customerId,
      invoiceIds: [invoice.id],
      subject,
      bodyText: text,
      bodyHtml: html,
      payload: { invoiceId: invoice.id, locale, contactId: contact.id, portalLinkId: link.id, attachments: [{ kind: 'invoice_pdf', invoiceId: invoice.id }] },
    },
  ]);
  // Another transaction queued the same key between the look-up and here: its message is the one that goes.
  // The link made above was never sent anywhere, and only its hash is stored.
  if (!queued) return { message: (await findOutboxByKey(tx, ctx.orgId, request.idempotencyKey))!, repeated: true };
  await appendEvents(
    tx,
    ctx.orgId,
    ctx.actor,
    at,
    timelineEvents(invoice.customerId, [invoice.id], 'invoice.sent', { number: invoice.number, outboxId: queued.id, recipient: contact.email, contactId: contact.id, portalLinkId: link.id }),
  );
  return { message: queued, repeated: false };
}
