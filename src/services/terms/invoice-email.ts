import type { Db } from '../../db/connection.ts';
import type { InvoiceRow } from '../../db/repositories/invoices.ts';
import { enqueueMessages, type OutboxRow } from '../../db/repositories/outbox.ts';
import { renderMessage } from '../../documents/templates/index.ts';
import { nowDate, todayIn, type Ctx } from '../context.ts';
import { loadInvoiceBundle } from '../documents/invoice-document.ts';
import { invoiceMessageVars } from '../documents/message-vars.ts';
import { addressee, documentLocale } from '../documents/parties.ts';

/**
 * Queue "here is your invoice" to the invoice's billing address (else the customer's primary one), in the
 * customer's language and with what its PDF prints, in the caller's transaction. The key makes a repeated
 * decision a no-op. Returns nothing when the customer has no email address.
 */
export async function queueInvoiceEmail(tx: Db, ctx: Ctx, invoice: InvoiceRow, idempotencyKey: string): Promise<OutboxRow | undefined> {
  const loaded = await loadInvoiceBundle(tx, ctx.orgId, invoice.id);
  if (!loaded.ok) throw new Error(`Invoice ${invoice.id} vanished inside its transaction`);
  const bundle = loaded.value;
  const recipient = addressee(bundle.contacts.filter((c) => c.email), invoice.billingContactId)?.email;
  if (!recipient) return undefined;
  const locale = documentLocale(bundle.customer);
  const vars = invoiceMessageVars(bundle, todayIn(ctx, bundle.org.timeZone), locale);
  const rendered = renderMessage({ kind: 'invoice', channel: 'email', locale, vars });
  if (!rendered.ok || rendered.message.channel !== 'email') throw new Error('An invoice email always renders as an email');
  const { subject, text, html } = rendered.message;
  const [queued] = await enqueueMessages(tx, ctx.orgId, nowDate(ctx), [
    { idempotencyKey, kind: 'invoice', channel: 'email', recipient, customerId: invoice.customerId, invoiceIds: [invoice.id], subject, bodyText: text, bodyHtml: html, payload: { invoiceId: invoice.id, locale } },
  ]);
  return queued;
}
