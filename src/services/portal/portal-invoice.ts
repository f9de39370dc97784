import type { PlainDate } from '../../domain/dates.ts';
import { failure, success, type Result } from '../../domain/result.ts';
import type { Db } from '../../db/connection.ts';
import { findContact, findCustomer } from '../../db/repositories/customers.ts';
import type { InvoiceRow } from '../../db/repositories/invoices.ts';
import { findCustomerDocument } from '../../db/repositories/portal.ts';
import { todayIn, type Ctx } from '../context.ts';
import type { PortalSession } from './session.ts';

export interface OwnInvoice {
  readonly invoice: InvoiceRow;
  /** Who is speaking, for promises and claims: the contact the link was sent to, else the customer. */
  readonly speaker: string;
  /** The customer's local date. */
  readonly today: PlainDate;
}

/**
 * The invoice a portal button acts on, if it is the session customer's: the collections services act on any
 * invoice of the organization, so the portal checks the customer first. Another customer's reads as unknown.
 */
export async function ownInvoice(tx: Db, ctx: Ctx, session: PortalSession, invoiceId: string): Promise<Result<OwnInvoice>> {
  const invoice = await findCustomerDocument(tx, ctx.orgId, session.customerId, invoiceId);
  if (!invoice || invoice.kind !== 'invoice') return failure('INVOICE_NOT_FOUND', 'No such invoice', 'invoiceId');
  const customer = (await findCustomer(tx, ctx.orgId, session.customerId))!;
  const contact = session.contactId ? await findContact(tx, ctx.orgId, session.customerId, session.contactId) : undefined;
  return success({ invoice, speaker: contact?.name ?? customer.name, today: todayIn(ctx, customer.timeZone) });
}

/** A context whose database handle is the caller's transaction, so the collections services nest in it. */
export function within(ctx: Ctx, tx: Db): Ctx {
  return { ...ctx, db: tx };
}
