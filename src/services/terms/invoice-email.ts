import { parseDate } from '../../domain/dates.ts';
import { money } from '../../domain/money.ts';
import type { Db } from '../../db/connection.ts';
import type { CustomerRow } from '../../db/repositories/customers.ts';
import type { InvoiceRow } from '../../db/repositories/invoices.ts';
import { findOrganization } from '../../db/repositories/organizations.ts';
import { enqueueMessages, type OutboxRow } from '../../db/repositories/outbox.ts';
import { renderMessage } from '../../documents/templates/index.ts';
import { nowDate, todayIn, type Ctx } from '../context.ts';
import { billingEmailContact } from './billing-contact.ts';
import { earlyDiscountFor } from './early-payment.ts';
import { localeOf } from './notice-texts.ts';

/**
 * Queue "here is your invoice" to the customer's billing address, rendered in their language, in the caller's
 * transaction. The key makes a repeated decision a no-op. Returns nothing when the customer has no address.
 */
export async function queueInvoiceEmail(tx: Db, ctx: Ctx, invoice: InvoiceRow, customer: CustomerRow, idempotencyKey: string, portalUrl: string): Promise<OutboxRow | undefined> {
  const contact = await billingEmailContact(tx, ctx.orgId, customer.id);
  if (!contact?.email) return undefined;
  const org = (await findOrganization(tx, ctx.orgId))!;
  const locale = localeOf(customer.locale);
  const asOf = todayIn(ctx, customer.timeZone);
  const discount = earlyDiscountFor(invoice, asOf);
  const rendered = renderMessage({
    kind: 'invoice',
    channel: 'email',
    locale,
    vars: {
      asOf,
      customerName: customer.name,
      contactName: contact.name,
      organizationName: org.name,
      invoices: [{ number: invoice.number ?? invoice.id, issueDate: parseDate(invoice.issueDate)!, dueDate: parseDate(invoice.dueDate)!, balance: money(invoice.balance, invoice.currency) }],
      portalUrl,
      paymentReference: invoice.number ?? invoice.id,
      bankDetails: '',
      replyTo: '',
      ...(discount ? { earlyDiscount: discount } : {}),
    },
  });
  if (!rendered.ok || rendered.message.channel !== 'email') throw new Error('An invoice email always renders as an email');
  const { subject, text, html } = rendered.message;
  const [queued] = await enqueueMessages(tx, ctx.orgId, nowDate(ctx), [
    { idempotencyKey, kind: 'invoice', channel: 'email', recipient: contact.email, customerId: customer.id, invoiceIds: [invoice.id], subject, bodyText: text, bodyHtml: html, payload: { invoiceId: invoice.id, locale } },
  ]);
  return queued;
}
