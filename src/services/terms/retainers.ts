import { money } from '../../domain/money.ts';
import { failure, type Result, success } from '../../domain/result.ts';
import { inOrgResult, type Db } from '../../db/connection.ts';
import { customerCredit, findCustomer, listContacts, type CustomerRow } from '../../db/repositories/customers.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import type { InvoiceRow } from '../../db/repositories/invoices.ts';
import { findOrganization } from '../../db/repositories/organizations.ts';
import { enqueueMessages } from '../../db/repositories/outbox.ts';
import { deleteRetainer, findRetainer, saveRetainer, type RetainerRow } from '../../db/repositories/retainers.ts';
import { formatMoney } from '../../documents/templates/index.ts';
import { checkCurrency } from '../build-invoice.ts';
import { nowDate, type Ctx } from '../context.ts';
import type { RetainerInput } from './inputs.ts';
import { addressee, documentLocale } from '../documents/parties.ts';
import { fillText, RETAINER_LOW_BODY, RETAINER_LOW_SUBJECT } from './notice-texts.ts';

const customerNotFound = () => failure('CUSTOMER_NOT_FOUND', 'No such customer', 'customerId');

export interface RetainerStatus {
  readonly retainer: RetainerRow;
  /** The customer's credit now in the retainer's currency: unallocated payments and unapplied credit notes. */
  readonly balance: number;
}

async function statusOf(db: Db, orgId: string, retainer: RetainerRow): Promise<RetainerStatus> {
  const credit = await customerCredit(db, orgId, retainer.customerId);
  return { retainer, balance: credit.find((c) => c.currency === retainer.currency)?.amount ?? 0 };
}

export async function setRetainer(ctx: Ctx, customerId: string, input: RetainerInput): Promise<Result<RetainerStatus>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    if (!(await findCustomer(tx, ctx.orgId, customerId, true))) return customerNotFound();
    const currency = checkCurrency(input.currency);
    if (!currency.ok) return currency;
    const at = nowDate(ctx);
    const before = await findRetainer(tx, ctx.orgId, customerId);
    const saved = await saveRetainer(tx, { orgId: ctx.orgId, customerId, currency: input.currency, minimumBalance: input.minimumBalance, createdAt: at, updatedAt: at });
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [{ entityType: 'customer', entityId: customerId, action: 'customer.retainer_set', before: before ?? null, after: saved }]);
    return success(await statusOf(tx, ctx.orgId, saved));
  });
}

export async function getRetainer(ctx: Ctx, customerId: string): Promise<Result<RetainerStatus>> {
  const retainer = await findRetainer(ctx.db, ctx.orgId, customerId);
  if (!retainer) return failure('RETAINER_NOT_FOUND', 'This customer has no retainer', 'customerId');
  return success(await statusOf(ctx.db, ctx.orgId, retainer));
}

export async function removeRetainer(ctx: Ctx, customerId: string): Promise<Result<RetainerRow>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const removed = await deleteRetainer(tx, ctx.orgId, customerId);
    if (!removed) return failure('RETAINER_NOT_FOUND', 'This customer has no retainer', 'customerId');
    await appendEvents(tx, ctx.orgId, ctx.actor, nowDate(ctx), [{ entityType: 'customer', entityId: customerId, action: 'customer.retainer_removed', before: removed }]);
    return success(removed);
  });
}

/**
 * Called when an invoice was just issued and `spent` of the customer's credit went onto it: if that left the
 * retainer below its minimum, tell the customer (once per invoice, through the outbox) and note it on the
 * customer's timeline. Runs in the issuing transaction.
 */
export async function noticeLowRetainer(tx: Db, ctx: Ctx, customer: CustomerRow, invoice: InvoiceRow, spent: number): Promise<void> {
  if (spent <= 0) return;
  const retainer = await findRetainer(tx, ctx.orgId, customer.id);
  if (!retainer || retainer.currency !== invoice.currency) return;
  const { balance } = await statusOf(tx, ctx.orgId, retainer);
  if (balance >= retainer.minimumBalance) return;
  const at = nowDate(ctx);
  const recipient = addressee((await listContacts(tx, ctx.orgId, [customer.id])).filter((c) => c.email), null)?.email;
  const org = (await findOrganization(tx, ctx.orgId))!;
  const locale = documentLocale(customer);
  const values = {
    customer: customer.name,
    organization: org.name,
    invoice: invoice.number ?? invoice.id,
    balance: formatMoney(money(balance, retainer.currency), locale),
    minimum: formatMoney(money(retainer.minimumBalance, retainer.currency), locale),
  };
  const queued = recipient
    ? await enqueueMessages(tx, ctx.orgId, at, [
        {
          idempotencyKey: `retainer-low:${invoice.id}`,
          kind: 'notice',
          channel: 'email',
          recipient,
          customerId: customer.id,
          invoiceIds: [invoice.id],
          subject: fillText(RETAINER_LOW_SUBJECT, locale, values),
          bodyText: fillText(RETAINER_LOW_BODY, locale, values),
          payload: { notice: 'retainer_low', locale, balance, minimumBalance: retainer.minimumBalance, currency: retainer.currency },
        },
      ])
    : [];
  await appendEvents(tx, ctx.orgId, ctx.actor, at, [
    {
      entityType: 'customer',
      entityId: customer.id,
      action: 'customer.retainer_low',
      after: { invoiceId: invoice.id, balance, minimumBalance: retainer.minimumBalance, currency: retainer.currency, outboxId: queued[0]?.id ?? null },
    },
  ]);
}
