import { date, daysBetween, type PlainDate } from '../../domain/dates.ts';
import { isReceivable, type InvoiceStatus } from '../../domain/invoice-status.ts';
import { success, type Result } from '../../domain/result.ts';
import { inOrg } from '../../db/connection.ts';
import { customerCredit, findCustomer } from '../../db/repositories/customers.ts';
import type { InvoiceRow } from '../../db/repositories/invoices.ts';
import { findProviderCustomer } from '../../db/repositories/online-payments.ts';
import { findOrganization } from '../../db/repositories/organizations.ts';
import { customerDocuments } from '../../db/repositories/portal.ts';
import type { PaymentProvider } from '../../payments/provider.ts';
import { todayIn, type Ctx } from '../context.ts';
import { documentLocale } from '../documents/parties.ts';
import { holdsOfCustomer, type Hold } from './holds.ts';
import { loadPortalSettings, type PortalSettings } from './settings.ts';

/** More documents than a portal page shows; everything still owed comes first, so none of it is cut. */
export const PORTAL_MAX_DOCUMENTS = 500;

export interface PortalDocument {
  readonly id: string;
  readonly kind: string;
  readonly number: string | null;
  readonly status: string;
  readonly issueDate: string;
  readonly dueDate: string;
  readonly currency: string;
  readonly total: number;
  readonly amountPaid: number;
  readonly amountCredited: number;
  readonly balance: number;
  readonly daysOverdue: number;
  /** The customer can still pay it: an invoice with money owed. */
  readonly payable: boolean;
  /** It can be paid online now (a provider is configured and takes this amount). */
  readonly payOnline: boolean;
  /** Disputes, promises, payment claims and plans the customer already made on it. */
  readonly holds: readonly Hold[];
}

export interface PortalBalance {
  readonly currency: string;
  readonly due: number;
  readonly overdue: number;
  /** Unallocated payments and credit notes, used on the next invoices. */
  readonly credit: number;
}

export interface PortalOverview {
  readonly organization: { readonly name: string; readonly legalName: string | null };
  readonly customer: { readonly name: string; readonly locale: string; readonly currency: string };
  readonly today: string;
  readonly balances: readonly PortalBalance[];
  readonly documents: readonly PortalDocument[];
  readonly online: { readonly payNow: boolean; readonly autopay: { readonly enrolled: boolean; readonly method: string | null } };
  readonly plans: Pick<PortalSettings, 'planMaxInstallments' | 'planMaxDays' | 'planApprovalRequests'>;
}

export function portalDocument(row: InvoiceRow, today: PlainDate, provider: PaymentProvider | null, holds: readonly Hold[] = []): PortalDocument {
  const payable = row.kind === 'invoice' && isReceivable(row.status as InvoiceStatus) && row.balance > 0;
  return {
    id: row.id,
    kind: row.kind,
    number: row.number,
    status: row.status,
    issueDate: row.issueDate,
    dueDate: row.dueDate,
    currency: row.currency,
    total: row.total,
    amountPaid: row.amountPaid,
    amountCredited: row.amountCredited,
    balance: row.balance,
    daysOverdue: payable ? Math.max(0, daysBetween(date(row.dueDate), today)) : 0,
    payable,
    payOnline: payable && provider !== null && provider.chargeable(row.balance, row.currency),
    holds: payable ? holds : [],
  };
}

function balancesOf(documents: readonly PortalDocument[], credits: readonly { currency: string; amount: number }[]): PortalBalance[] {
  const byCurrency = new Map<string, { due: number; overdue: number; credit: number }>();
  const entry = (currency: string) => byCurrency.get(currency) ?? byCurrency.set(currency, { due: 0, overdue: 0, credit: 0 }).get(currency)!;
  for (const d of documents.filter((x) => x.payable)) {
    const e = entry(d.currency);
    e.due += d.balance;
    if (d.daysOverdue > 0) e.overdue += d.balance;
  }
  for (const c of credits.filter((x) => x.amount > 0)) entry(c.currency).credit += c.amount;
  return [...byCurrency].sort(([a], [b]) => a.localeCompare(b)).map(([currency, e]) => ({ currency, ...e }));
}

/** Everything the portal's first page shows, for the customer of the session only. */
export async function portalOverview(ctx: Ctx, customerId: string, provider: PaymentProvider | null): Promise<Result<PortalOverview>> {
  return inOrg(ctx.db, ctx.orgId, async (tx) => {
    const [customer, org] = [await findCustomer(tx, ctx.orgId, customerId), await findOrganization(tx, ctx.orgId)];
    if (!customer || !org) throw new Error(`Portal session for customer ${customerId} that does not exist in its organization`);
    const today = todayIn(ctx, org.timeZone);
    const [rows, credits, settings, saved, holds] = [
      await customerDocuments(tx, ctx.orgId, customerId, PORTAL_MAX_DOCUMENTS),
      await customerCredit(tx, ctx.orgId, customerId),
      await loadPortalSettings(tx, ctx.orgId),
      provider ? await findProviderCustomer(tx, ctx.orgId, customerId, provider.name) : undefined,
      await holdsOfCustomer(tx, ctx.orgId, customerId, today.toString()),
    ];
    const documents = rows.map((row) => portalDocument(row, today, provider, holds.get(row.id)));
    return success({
      organization: { name: org.name, legalName: org.legalName },
      customer: { name: customer.name, locale: documentLocale(customer), currency: customer.currency },
      today: today.toString(),
      balances: balancesOf(documents, credits),
      documents,
      online: { payNow: provider !== null, autopay: { enrolled: saved?.autopay ?? false, method: saved?.autopay ? saved.paymentMethodLabel : null } },
      plans: { planMaxInstallments: settings.planMaxInstallments, planMaxDays: settings.planMaxDays, planApprovalRequests: settings.planApprovalRequests },
    });
  });
}
