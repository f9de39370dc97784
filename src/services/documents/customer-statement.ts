import { renderStatementPdf, type StatementSection } from '../../documents/pdf/index.ts';
import { compareDates, daysBetween, parseDate, type PlainDate } from '../../domain/dates.ts';
import { agingReport, buildLedger } from '../../domain/metrics/index.ts';
import { sum } from '../../domain/money.ts';
import { failure, success, type Result } from '../../domain/result.ts';
import { inOrgResult, type Db } from '../../db/connection.ts';
import { customerCredit, findCustomer, type CustomerRow } from '../../db/repositories/customers.ts';
import { listInvoices, type InvoiceRow } from '../../db/repositories/invoices.ts';
import { findOrganization, type OrganizationRow } from '../../db/repositories/organizations.ts';
import { findLogo } from '../../db/repositories/settings.ts';
import { nowDate, todayIn, type Ctx } from '../context.ts';
import type { DocumentFile } from './invoice-files.ts';
import { buyerOf, documentLocale, sellerOf } from './parties.ts';
import { invoicePaymentReference } from './payment-reference.ts';
import { portalUrl } from './portal-link.ts';

/** More open invoices than any statement a person reads; the cap keeps one request bounded. */
export const STATEMENT_MAX_ITEMS = 5_000;

export interface StatementItemView {
  readonly invoiceId: string;
  readonly number: string;
  readonly issueDate: string;
  readonly dueDate: string;
  readonly daysOverdue: number;
  readonly total: number;
  readonly balance: number;
  readonly paymentReference: string | null;
}

export interface StatementSectionView {
  readonly currency: string;
  readonly aging: { readonly key: string; readonly fromDay: number | null; readonly toDay: number | null; readonly amount: number }[];
  readonly totalDue: number;
  readonly credit: number;
  readonly items: StatementItemView[];
}

export interface Statement {
  readonly customerId: string;
  readonly asOf: string;
  readonly locale: string;
  readonly sections: StatementSectionView[];
}

interface Loaded {
  readonly statement: Statement;
  readonly customer: CustomerRow;
  readonly org: OrganizationRow;
  readonly logo?: Buffer;
}

/** The customer's open items and their aging as of today in the organization's time zone, per currency. */
export async function customerStatement(ctx: Ctx, customerId: string): Promise<Result<Statement>> {
  const loaded = await inOrgResult(ctx.db, ctx.orgId, (tx) => loadStatement(tx, ctx, customerId));
  return loaded.ok ? success(loaded.value.statement) : loaded;
}

export async function customerStatementPdf(ctx: Ctx, customerId: string): Promise<Result<DocumentFile>> {
  return inOrgResult(ctx.db, ctx.orgId, (tx) => statementPdfIn(tx, ctx, customerId));
}

/** The statement PDF within the caller's transaction, so it shows the same moment as what else it writes. */
export async function statementPdfIn(tx: Db, ctx: Ctx, customerId: string): Promise<Result<DocumentFile>> {
  const loaded = await loadStatement(tx, ctx, customerId);
  if (!loaded.ok) return loaded;
  const { statement, customer, org, logo } = loaded.value;
  const locale = documentLocale(customer);
  const sections: StatementSection[] = statement.sections.map((s) => ({
    currency: s.currency,
    totalDue: s.totalDue,
    credit: s.credit,
    aging: s.aging.map((b) => ({ fromDay: b.fromDay, toDay: b.toDay, amount: b.amount })),
    items: s.items.map((i) => ({ number: i.number, issueDate: parseDate(i.issueDate)!, dueDate: parseDate(i.dueDate)!, daysOverdue: i.daysOverdue, total: i.total, balance: i.balance })),
  }));
  const pdf = await renderStatementPdf({
    locale,
    asOf: parseDate(statement.asOf)!,
    seller: sellerOf(org, locale, logo),
    buyer: buyerOf(customer, locale),
    sections,
    portalUrl: portalUrl(),
    createdAt: nowDate(ctx),
  });
  return success({ filename: `statement-${statement.asOf}.pdf`, contentType: 'application/pdf', body: pdf });
}

async function loadStatement(db: Db, ctx: Ctx, customerId: string): Promise<Result<Loaded>> {
  const customer = await findCustomer(db, ctx.orgId, customerId);
  if (!customer) return failure('CUSTOMER_NOT_FOUND', 'No such customer', 'id');
  const org = (await findOrganization(db, ctx.orgId))!;
  const asOf = todayIn(ctx, org.timeZone);
  const [open, credits, logo] = [
    await listInvoices(db, ctx.orgId, { customerId, kind: 'invoice', status: ['open', 'partially_paid', 'uncollectible'], limit: STATEMENT_MAX_ITEMS }),
    await customerCredit(db, ctx.orgId, customerId),
    await findLogo(db, ctx.orgId),
  ];
  const owed = open.filter((i) => i.balance > 0);
  const currencies = [...new Set([...owed.map((i) => i.currency), ...credits.filter((c) => c.amount > 0).map((c) => c.currency)])].sort();
  const sections: StatementSectionView[] = [];
  for (const currency of currencies) {
    const section = statementSection(
      currency,
      owed.filter((i) => i.currency === currency),
      credits.find((c) => c.currency === currency)?.amount ?? 0,
      asOf,
    );
    if (!section.ok) return section;
    sections.push(section.value);
  }
  return success({ statement: { customerId, asOf: asOf.toString(), locale: documentLocale(customer), sections }, customer, org, ...(logo ? { logo: logo.data } : {}) });
}

function statementSection(currency: string, invoices: readonly InvoiceRow[], credit: number, asOf: PlainDate): Result<StatementSectionView> {
  const items = [...invoices]
    .sort((a, b) => compareDates(parseDate(a.dueDate)!, parseDate(b.dueDate)!) || (a.number ?? '').localeCompare(b.number ?? ''))
    .map((i) => {
      const late = daysBetween(parseDate(i.dueDate)!, asOf);
      return {
        invoiceId: i.id,
        number: i.number ?? '',
        issueDate: i.issueDate,
        dueDate: i.dueDate,
        daysOverdue: Math.max(0, late),
        total: i.total,
        balance: i.balance,
        paymentReference: invoicePaymentReference(i.number),
      };
    });
  // The ledger takes today's balances as the invoices' amounts: the statement ages what is owed now.
  const ledger = buildLedger(
    currency,
    invoices.map((i) => ({ id: i.id, customerId: i.customerId, issueDate: parseDate(i.issueDate)!, dueDate: parseDate(i.dueDate)!, total: i.balance, currency, allocations: [] })),
  );
  if (!ledger.ok) return ledger;
  const report = agingReport(ledger.value, asOf);
  if (!report.ok) return report;
  return success({
    currency,
    aging: report.value.buckets.map((b, index) => ({ key: b.key, fromDay: b.fromDay, toDay: b.toDay, amount: report.value.bucketTotals[index] ?? 0 })),
    totalDue: sum(items.map((i) => i.balance)),
    credit,
    items,
  });
}
