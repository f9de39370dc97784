import { sha256 } from '../../documents/collections-pack/index.ts';
import { compareDates, parseDate, type PlainDate } from '../../domain/dates.ts';
import { isReceivable, type InvoiceStatus } from '../../domain/invoice-status.ts';
import { failure, success, type Result } from '../../domain/result.ts';
import { inOrgResult, type Db } from '../../db/connection.ts';
import { newId } from '../../db/ids.ts';
import { cancelOpenCallsOfCustomer } from '../../db/repositories/collections.ts';
import { alreadyHandedOver, insertHandoff, type HandoffRow } from '../../db/repositories/collection-handoffs.ts';
import { findCustomer, updateCustomer } from '../../db/repositories/customers.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import { findInvoicesForUpdate, type InvoiceRow } from '../../db/repositories/invoices.ts';
import { findOrganization } from '../../db/repositories/organizations.ts';
import { nowDate, todayIn, type Ctx } from '../context.ts';
import { cancelPendingReminders } from '../dunning/stop-reminders.ts';
import { timelineEvents } from '../dunning/timeline.ts';
import { handedOver, handoffPack } from './hand-off-pack.ts';
import type { HandoffInput } from './inputs.ts';

export interface Handoff {
  readonly handoff: HandoffRow;
  readonly remindersCancelled: number;
}

/**
 * The invoices asked for, locked, each checked to be this customer's, issued, owing and overdue today where
 * the organization is, and not already with an agency. The first one that is not names its place in the list.
 */
async function overdueInvoices(tx: Db, ctx: Ctx, customerId: string, ids: readonly string[], today: PlainDate): Promise<Result<InvoiceRow[]>> {
  const locked = new Map((await findInvoicesForUpdate(tx, ctx.orgId, ids)).map((i) => [i.id, i]));
  const earlier = await alreadyHandedOver(tx, ctx.orgId, customerId, ids);
  const chosen: InvoiceRow[] = [];
  for (const [k, id] of ids.entries()) {
    const field = `invoiceIds[${k}]`;
    const invoice = locked.get(id);
    if (!invoice || invoice.kind !== 'invoice') return failure('INVOICE_NOT_FOUND', `No invoice ${id}`, field);
    const name = invoice.number ?? invoice.id;
    if (invoice.customerId !== customerId) return failure('INVOICE_OF_ANOTHER_CUSTOMER', `Invoice ${name} belongs to another customer`, field);
    if (invoice.status === 'draft') return failure('INVOICE_NOT_ISSUED', `Invoice ${name} is a draft`, field);
    if (!isReceivable(invoice.status as InvoiceStatus) || invoice.balance <= 0) return failure('INVOICE_NOT_OPEN', `Invoice ${name} is ${invoice.status}: nothing is owed on it`, field);
    if (compareDates(parseDate(invoice.dueDate)!, today) >= 0) return failure('INVOICE_NOT_OVERDUE', `Invoice ${name} is due on ${invoice.dueDate}: it is not overdue`, field);
    if (earlier.has(id)) return failure('INVOICE_ALREADY_HANDED_OVER', `Invoice ${name} is already with a collection agency`, field);
    chosen.push(invoice);
  }
  return success(chosen);
}

/** A customer's file name: "Sao-Mai-SRL". Letters outside ASCII fold or drop, so any header and file system takes it. */
function slug(name: string): string {
  return name.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '');
}

const trimmed = (text: string | undefined) => (text?.trim() ? text.trim() : null);

/**
 * Hand a customer's overdue invoices to a collection agency, in one transaction: pending reminders to the
 * customer are cancelled, so are the calls to them on the worklist, and the customer goes "in collections"
 * (so the dunning tick sends nothing more), the pack for the agency is built and kept byte for byte, and the
 * customer's and each invoice's timeline record the hand-off.
 */
export async function handOverToAgency(ctx: Ctx, customerId: string, input: HandoffInput): Promise<Result<Handoff>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    // The customer's row lock, as payments take it: a payment arriving meanwhile waits, then sees the hand-off.
    const customer = await findCustomer(tx, ctx.orgId, customerId, true);
    if (!customer) return failure('CUSTOMER_NOT_FOUND', 'No such customer', 'id');
    const org = (await findOrganization(tx, ctx.orgId))!;
    const today = todayIn(ctx, org.timeZone);
    const chosen = await overdueInvoices(tx, ctx, customer.id, input.invoiceIds, today);
    if (!chosen.ok) return chosen;
    const invoices = chosen.value;
    const at = nowDate(ctx);
    const id = newId();
    const agency = trimmed(input.agency);
    const note = trimmed(input.note);

    const remindersCancelled = await cancelPendingReminders(tx, ctx.orgId, ctx.actor, at, { customerIds: [customer.id] }, 'CUSTOMER_IN_COLLECTIONS');
    const calls = await cancelOpenCallsOfCustomer(tx, ctx.orgId, customer.id, 'handed_to_collections', at);
    await appendEvents(tx, ctx.orgId, ctx.actor, at, calls.flatMap((t) => timelineEvents(t.customerId, t.invoiceIds, 'task.cancelled', { taskId: t.id, reason: 'HANDED_TO_COLLECTIONS', handoffId: id })));
    if (customer.status !== 'in_collections') {
      await updateCustomer(tx, ctx.orgId, customer.id, { status: 'in_collections', updatedAt: at });
      await appendEvents(tx, ctx.orgId, ctx.actor, at, [
        { entityType: 'customer', entityId: customer.id, action: 'customer.status_changed', before: { status: customer.status }, after: { status: 'in_collections', reason: 'HANDED_TO_AGENCY', handoffId: id } },
      ]);
    }

    const pack = await handoffPack(tx, ctx, { customer, org, invoices, today, at, agency, note });
    if (!pack.ok) return pack;
    const handoff = await insertHandoff(tx, {
      orgId: ctx.orgId,
      id,
      customerId: customer.id,
      invoiceIds: invoices.map((i) => i.id),
      invoices: invoices.map((i) => handedOver(i, today)),
      agency,
      note,
      createdByType: ctx.actor.type,
      createdById: ctx.actor.id ?? null,
      createdAt: at,
      packName: `${slug(customer.name) || 'customer'}-collections-${today.toString()}.zip`,
      packSha256: sha256(pack.value),
      packSize: pack.value.length,
      pack: pack.value,
    });
    await appendEvents(
      tx,
      ctx.orgId,
      ctx.actor,
      at,
      timelineEvents(customer.id, handoff.invoiceIds, 'collections.handed_over', {
        handoffId: id,
        agency,
        note,
        invoices: handoff.invoices.map(({ id: invoiceId, number, currency, balance }) => ({ invoiceId, number, currency, balance })),
        remindersCancelled,
        packName: handoff.packName,
        packSha256: handoff.packSha256,
        packSize: handoff.packSize,
      }),
    );
    return success({ handoff, remindersCancelled });
  });
}
