import { buildPack, referencedInvoiceIds, type LogEntry, type PackFile } from '../../documents/collections-pack/index.ts';
import { isLocale } from '../../documents/templates/index.ts';
import { daysBetween, parseDate, type PlainDate } from '../../domain/dates.ts';
import { success, type Result } from '../../domain/result.ts';
import type { Db } from '../../db/connection.ts';
import { findApiKey } from '../../db/repositories/api-keys.ts';
import { listContacts, type CustomerRow } from '../../db/repositories/customers.ts';
import { customerTimeline } from '../../db/repositories/insight-timeline.ts';
import { invoiceNumbers, type InvoiceRow } from '../../db/repositories/invoices.ts';
import type { OrganizationRow } from '../../db/repositories/organizations.ts';
import { findLogo } from '../../db/repositories/settings.ts';
import { findUser } from '../../db/repositories/users.ts';
import type { HandedOverInvoice } from '../../db/schema/index.ts';
import type { Actor, Ctx } from '../context.ts';
import { statementPdfIn } from '../documents/customer-statement.ts';
import type { DocumentFile } from '../documents/invoice-files.ts';
import { invoicePdfIn } from '../documents/invoice-files.ts';
import { buyerOf, sellerOf } from '../documents/parties.ts';

export interface PackRequest {
  readonly customer: CustomerRow;
  readonly org: OrganizationRow;
  readonly invoices: readonly InvoiceRow[];
  readonly today: PlainDate;
  readonly at: Date;
  readonly agency: string | null;
  readonly note: string | null;
}

const TIMELINE_PAGE = 1_000;

/** The customer's whole timeline, every page of it, as the customer page shows it. */
async function fullTimeline(tx: Db, orgId: string, customerId: string): Promise<LogEntry[]> {
  const entries: LogEntry[] = [];
  for (;;) {
    const last = entries[entries.length - 1];
    const page = await customerTimeline(tx, orgId, customerId, { limit: TIMELINE_PAGE, ...(last ? { before: { at: last.at, id: last.id } } : {}) });
    entries.push(...page);
    if (page.length < TIMELINE_PAGE) return entries;
  }
}

/** The name the pack prints for who handed over: a person's or an API key's; nothing for the system. */
async function actorName(tx: Db, orgId: string, actor: Actor): Promise<string | null> {
  if (!actor.id) return null;
  if (actor.type === 'user') return (await findUser(tx, orgId, actor.id))?.name ?? null;
  if (actor.type === 'api_key') return (await findApiKey(tx, orgId, actor.id))?.name ?? null;
  return null;
}

const packFile = (file: DocumentFile): PackFile => ({ name: file.filename, body: Buffer.from(file.body) });

/** An invoice as the hand-off records it: what was owed on it that day. */
export function handedOver(invoice: InvoiceRow, today: PlainDate): HandedOverInvoice {
  return {
    id: invoice.id,
    number: invoice.number ?? invoice.id,
    currency: invoice.currency,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    daysOverdue: Math.max(0, daysBetween(parseDate(invoice.dueDate)!, today)),
    total: invoice.total,
    balance: invoice.balance,
  };
}

/**
 * The ZIP for the agency, built in the hand-off's transaction so the statement, the invoices and the log all
 * show the same moment (the reminders just cancelled and the status just changed included). Documents for
 * the customer are in the customer's language; the README and the log, read by the agency, in the
 * organization's.
 */
export async function handoffPack(tx: Db, ctx: Ctx, r: PackRequest): Promise<Result<Buffer>> {
  const statement = await statementPdfIn(tx, ctx, r.customer.id);
  if (!statement.ok) return statement;
  const invoices: PackFile[] = [];
  for (const invoice of r.invoices) {
    const file = await invoicePdfIn(tx, ctx, invoice.id);
    if (!file.ok) return file;
    invoices.push(packFile(file.value));
  }
  const [log, contacts, logo, by] = [
    await fullTimeline(tx, ctx.orgId, r.customer.id),
    await listContacts(tx, ctx.orgId, [r.customer.id]),
    await findLogo(tx, ctx.orgId),
    await actorName(tx, ctx.orgId, ctx.actor),
  ];
  const locale = isLocale(r.org.locale) ? r.org.locale : 'en';
  const pack = await buildPack({
    sheet: {
      locale,
      timeZone: r.org.timeZone,
      handedOverAt: r.at,
      agency: r.agency,
      note: r.note,
      handedOverBy: by,
      creditor: sellerOf(r.org, locale, logo?.data),
      debtor: buyerOf(r.customer, locale),
      customerReference: r.customer.externalRef,
      customerCurrency: r.customer.currency,
      contacts: contacts.map((c) => ({ name: c.name, email: c.email, phone: c.phone })),
      invoices: r.invoices.map((i) => {
        const h = handedOver(i, r.today);
        return { ...h, issueDate: parseDate(h.issueDate)!, dueDate: parseDate(h.dueDate)! };
      }),
    },
    statement: packFile(statement.value),
    invoices,
    log,
    invoiceNumbers: await invoiceNumbers(tx, ctx.orgId, referencedInvoiceIds(log)),
  });
  return success(pack);
}
