import { failure, success, type Failure, type Result } from '../../domain/result.ts';
import { inOrgResult } from '../../db/connection.ts';
import { listContacts, type ContactRow } from '../../db/repositories/customers.ts';
import { findInvoice, type InvoiceRow } from '../../db/repositories/invoices.ts';
import { nowDate, type Ctx } from '../context.ts';
import { emailable, invoiceEmailContact, queueInvoiceEmail, type QueuedInvoiceEmail } from '../terms/invoice-email.ts';

export interface SendInvoiceInput {
  /** A contact of the invoice's customer. */
  readonly contactId?: string;
  /** The address of a contact of the invoice's customer, for callers that know the address, not the id. */
  readonly to?: string;
}

export interface SendInvoiceRequest {
  /** The caller's Idempotency-Key: the same key for the same invoice and contact never sends twice. */
  readonly requestKey?: string;
}

/**
 * The outbox key of a send. With the caller's own key, a retried request is recognised however late it
 * comes; without one, two presses of Send in the same minute (UTC) send once, while sending again a minute
 * later (the customer lost the email) goes out. The contact is part of the key: sending the same invoice to
 * the accountant and to the owner are two messages.
 */
export function sendInvoiceKey(invoiceId: string, contactId: string, at: Date, requestKey?: string): string {
  const when = requestKey === undefined ? `at:${at.toISOString().slice(0, 16)}Z` : `key:${requestKey}`;
  return `invoice:${invoiceId}:send:${contactId}:${when}`;
}

/** Only an invoice that still asks for money is sent: the email asks the customer to pay it. */
function unsendable(invoice: InvoiceRow): Failure | null {
  switch (invoice.status) {
    case 'draft':
      return failure('INVOICE_NOT_ISSUED', 'Issue the invoice before sending it', 'id');
    case 'void':
      return failure('INVOICE_VOID', 'The invoice is void', 'id');
    case 'written_off':
      return failure('INVOICE_WRITTEN_OFF', 'The invoice is written off', 'id');
    default:
      return invoice.balance <= 0 ? failure('INVOICE_ALREADY_PAID', 'Nothing is owed on this invoice: the customer finds it in the portal', 'id') : null;
  }
}

function chooseContact(contacts: readonly ContactRow[], invoice: InvoiceRow, input: SendInvoiceInput): Result<ContactRow> {
  if (input.contactId !== undefined && input.to !== undefined) return failure('VALIDATION_FAILED', 'Name the contact by contactId or by its address in to, not both', 'to');
  if (input.to !== undefined) {
    const address = input.to.trim().toLowerCase();
    const found = contacts.find((c) => c.email?.trim().toLowerCase() === address);
    if (!found) return failure('CONTACT_NOT_FOUND', 'No contact of this customer has that address', 'to');
    return emailable(found) ? success(found) : failure('CONTACT_EMAIL_BOUNCED', 'Mail to this address bounced: correct it on the customer first', 'to');
  }
  if (input.contactId !== undefined) {
    const found = contacts.find((c) => c.id === input.contactId);
    if (!found) return failure('CONTACT_NOT_FOUND', 'No such contact of this customer', 'contactId');
    if (!found.email) return failure('CONTACT_HAS_NO_EMAIL', 'This contact has no email address', 'contactId');
    return emailable(found) ? success(found) : failure('CONTACT_EMAIL_BOUNCED', 'Mail to this address bounced: correct it on the customer first', 'contactId');
  }
  const chosen = invoiceEmailContact(contacts, invoice.billingContactId);
  return chosen ? success(chosen) : failure('CUSTOMER_HAS_NO_EMAIL', 'No contact of this customer has a working email address', 'contactId');
}

/**
 * Email an issued invoice to its billing contact (else the customer's primary one) or to another contact
 * of the same customer, with the PDF and a portal link of the contact's own, through the outbox. The
 * invoice row is locked for the transaction, so two identical requests at once queue one message.
 */
export async function sendInvoice(ctx: Ctx, invoiceId: string, input: SendInvoiceInput, request: SendInvoiceRequest = {}): Promise<Result<QueuedInvoiceEmail>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const invoice = await findInvoice(tx, ctx.orgId, invoiceId, true);
    if (!invoice || invoice.kind !== 'invoice') return failure('INVOICE_NOT_FOUND', 'No such invoice', 'id');
    const refused = unsendable(invoice);
    if (refused) return refused;
    const contact = chooseContact(await listContacts(tx, ctx.orgId, [invoice.customerId]), invoice, input);
    if (!contact.ok) return contact;
    const idempotencyKey = sendInvoiceKey(invoice.id, contact.value.id, nowDate(ctx), request.requestKey);
    const queued = await queueInvoiceEmail(tx, ctx, invoice, { idempotencyKey, contactId: contact.value.id });
    if (!queued) throw new Error(`Contact ${contact.value.id} was checked to have an address inside this transaction`);
    return success(queued);
  });
}
