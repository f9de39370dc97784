import { parseDate } from '../domain/dates.ts';
import { statusAfterBalanceChange } from '../domain/invoice-status.ts';
import { parseAmount } from '../domain/money.ts';
import { parsePercent } from '../domain/percent.ts';
import { type Result, success } from '../domain/result.ts';
import { isExemptCategory, VAT_CATEGORIES, type VatCategory } from '../domain/vat-category.ts';
import { inOrg } from '../db/connection.ts';
import { newId } from '../db/ids.ts';
import { findCustomersByRef, type CustomerRow } from '../db/repositories/customers.ts';
import { appendEvents } from '../db/repositories/events.ts';
import { findInvoiceNumbers, insertAllocations, insertInvoices, type NewInvoiceLineRow, type NewInvoiceRow } from '../db/repositories/invoices.ts';
import type { OrganizationRow } from '../db/repositories/organizations.ts';
import { insertPayments, type NewPaymentRow } from '../db/repositories/payments.ts';
import { checkCurrency, lineRows, priceLines, schedule, scheduleColumns, totalsColumns } from './build-invoice.ts';
import { nowDate, type Ctx } from './context.ts';
import { loadOrganization } from './create-customer.ts';
import { blankToUndefined as opt, readCsv, shapeErrors, type CsvRecord, type ImportOptions, type ImportReport, type RowError } from './csv-import.ts';
import { LineInput } from './inputs.ts';
import { issueVatFailure } from './vat-rules.ts';

export const INVOICE_COLUMNS = [
  'invoice_number', 'customer_ref', 'issue_date', 'due_date', 'payment_terms', 'currency', 'po_number', 'description',
  'quantity', 'unit_price', 'tax_rate', 'tax_category', 'tax_exemption_code', 'tax_exemption_reason', 'discount', 'amount_paid', 'paid_on', 'notes',
] as const;

/** The column of a line field, as the API's rules name it ("lines[2].taxExemptionReason" → tax_exemption_reason). */
const LINE_COLUMN: Readonly<Record<string, string>> = {
  description: 'description', quantity: 'quantity', unitPrice: 'unit_price', taxRateBp: 'tax_rate', taxCategory: 'tax_category',
  taxExemptionCode: 'tax_exemption_code', taxExemptionReason: 'tax_exemption_reason', discountBp: 'discount',
};
const lineColumn = (field: string) => LINE_COLUMN[field.replace(/^(lines\[\d+\]\.)?/, '')] ?? 'unit_price';

/** Imported invoices keep the numbers of the system they come from, in their own series. */
export const IMPORT_SERIES = 'IMPORT';
const HEADER_FIELDS = ['customer_ref', 'issue_date', 'due_date', 'payment_terms', 'currency', 'po_number', 'amount_paid', 'paid_on', 'notes'] as const;

interface Group {
  readonly number: string;
  readonly rows: { readonly line: number; readonly record: CsvRecord }[];
}

function groupByNumber(records: readonly CsvRecord[]): Group[] {
  const groups = new Map<string, Group>();
  records.forEach((record, i) => {
    const number = record.invoice_number ?? '';
    const group = groups.get(number) ?? { number, rows: [] };
    group.rows.push({ line: i + 2, record });
    groups.set(number, group);
  });
  return [...groups.values()];
}

interface Built {
  readonly invoice: NewInvoiceRow;
  readonly lines: NewInvoiceLineRow[];
  readonly payment?: NewPaymentRow;
}

function buildGroup(ctx: Ctx, org: OrganizationRow, g: Group, customers: ReadonlyMap<string, CustomerRow>, at: Date): Built | RowError {
  const head = g.rows[0]!;
  const err = (line: number, field: string, code: string, message: string): RowError => ({ row: line, field, code, message });
  if (!g.number || g.number.length > 60) return err(head.line, 'invoice_number', 'INVALID_VALUE', 'Every row needs an invoice number of at most 60 characters');
  for (const { line, record } of g.rows.slice(1))
    for (const f of HEADER_FIELDS)
      if (opt(record[f]) !== undefined && record[f] !== head.record[f])
        return err(line, f, 'INCONSISTENT_INVOICE_ROWS', `Rows of invoice ${g.number} disagree on ${f}`);
  const r = head.record;
  const customer = customers.get(r.customer_ref ?? '');
  if (!customer) return err(head.line, 'customer_ref', 'CUSTOMER_NOT_FOUND', `No customer with reference ${r.customer_ref ?? ''}`);
  const currency = checkCurrency(opt(r.currency) ?? customer.currency);
  if (!currency.ok) return err(head.line, 'currency', currency.code, currency.message);
  if (!opt(r.issue_date)) return err(head.line, 'issue_date', 'INVALID_DATE', 'The issue date is required (YYYY-MM-DD)');
  const dates = schedule({ issueDate: r.issue_date, dueDate: opt(r.due_date), paymentTerms: opt(r.payment_terms) }, { issueDate: parseDate('2000-01-01')!, paymentTerms: customer.paymentTerms });
  if (!dates.ok) return err(head.line, (dates.field ?? '').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), dates.code, dates.message);
  const lines: LineInput[] = [];
  for (const { line, record } of g.rows) {
    const unitPrice = parseAmount(record.unit_price ?? '', currency.value);
    if (unitPrice === null || unitPrice < 0) return err(line, 'unit_price', 'INVALID_AMOUNT', `Not an amount in ${currency.value}: ${record.unit_price ?? ''}`);
    const taxRateBp = parsePercent(opt(record.tax_rate) ?? '0');
    if (taxRateBp === null) return err(line, 'tax_rate', 'INVALID_VALUE', 'Tax rate is a percentage such as 19 or 8.5');
    const discountBp = parsePercent(opt(record.discount) ?? '0');
    if (discountBp === null) return err(line, 'discount', 'INVALID_VALUE', 'Discount is a percentage such as 10');
    const description = record.description ?? '';
    if (!description || description.length > 1000) return err(line, 'description', 'INVALID_VALUE', 'Each line needs a description of at most 1000 characters');
    const taxCategory = opt(record.tax_category)?.toUpperCase();
    if (taxCategory !== undefined && !(VAT_CATEGORIES as readonly string[]).includes(taxCategory))
      return err(line, 'tax_category', 'INVALID_VALUE', `The VAT category is one of ${VAT_CATEGORIES.join(', ')}`);
    const input = {
      description,
      quantity: opt(record.quantity) ?? '1',
      unitPrice,
      taxRateBp,
      discountBp,
      ...(taxCategory === undefined ? {} : { taxCategory: taxCategory as VatCategory }),
      ...(opt(record.tax_exemption_code) === undefined ? {} : { taxExemptionCode: record.tax_exemption_code }),
      ...(opt(record.tax_exemption_reason) === undefined ? {} : { taxExemptionReason: record.tax_exemption_reason }),
    };
    const [shape] = shapeErrors(LineInput, input, line, lineColumn);
    if (shape) return shape;
    lines.push(input);
  }
  // The API's line rules (rate and category, exemption reasons, one reason per category), named by row and column.
  const priced = priceLines(lines);
  if (!priced.ok) {
    const index = Number(/lines\[(\d+)\]/.exec(priced.field ?? '')?.[1] ?? 0);
    return err(g.rows[index]?.line ?? head.line, lineColumn(priced.field ?? ''), priced.code, priced.message);
  }
  const t = priced.value.totals;
  // Imported invoices are issued: the identifiers an untaxed category needs are checked as at issue, on the
  // first line of such a category, naming the setting to complete.
  const parties = issueVatFailure(org, customer, t.taxBreakdown);
  if (parties) {
    const index = priced.value.lines.findIndex((l) => isExemptCategory(l.taxCategory));
    return err(g.rows[index]?.line ?? head.line, 'tax_category', parties.code, `${parties.message} (${parties.field})`);
  }
  const paid = opt(r.amount_paid) === undefined ? 0 : parseAmount(r.amount_paid!, currency.value);
  if (paid === null || paid < 0 || paid > t.total) return err(head.line, 'amount_paid', 'INVALID_AMOUNT', `Amount paid must be between 0 and the invoice total`);
  const paidOn = opt(r.paid_on) === undefined ? dates.value.issueDate : parseDate(r.paid_on!);
  if (!paidOn) return err(head.line, 'paid_on', 'INVALID_DATE', 'Not a calendar date');
  const id = newId();
  const balance = t.total - paid;
  const invoice: NewInvoiceRow = {
    orgId: ctx.orgId,
    id,
    kind: 'invoice',
    customerId: customer.id,
    series: IMPORT_SERIES,
    number: g.number,
    status: statusAfterBalanceChange('open', t.total, balance),
    ...scheduleColumns(dates.value),
    poNumber: opt(r.po_number) ?? null,
    currency: currency.value,
    ...totalsColumns(t),
    amountPaid: paid,
    balance,
    lastPaymentOn: paid > 0 ? paidOn.toString() : null,
    lastAllocatedOn: paid > 0 ? paidOn.toString() : null,
    notes: opt(r.notes) ?? null,
    issuedAt: at,
    createdAt: at,
    updatedAt: at,
  };
  const payment: NewPaymentRow | undefined =
    paid > 0
      ? { orgId: ctx.orgId, id: newId(), customerId: customer.id, amount: paid, currency: currency.value, receivedOn: paidOn.toString(), method: 'other', reference: `Imported with ${g.number}`, source: 'import', externalId: `invoice:${g.number}`, unallocated: 0, createdAt: at }
      : undefined;
  return { invoice, lines: lineRows(ctx.orgId, id, lines, priced.value), payment };
}

/**
 * Import issued invoices (with what was already paid on them) from another system. Rows sharing an invoice
 * number are the lines of one invoice. One transaction: everything valid goes in, or nothing.
 */
export async function importInvoices(ctx: Ctx, content: string | Buffer, options: ImportOptions = {}): Promise<Result<ImportReport>> {
  const parsed = readCsv(content, ['invoice_number', 'customer_ref', 'issue_date', 'description', 'unit_price']);
  if (!parsed.ok) return parsed;
  const groups = groupByNumber(parsed.value);
  const customers = new Map(
    (await findCustomersByRef(ctx.db, ctx.orgId, [...new Set(parsed.value.map((r) => r.customer_ref ?? ''))])).map((c) => [c.externalRef ?? '', c]),
  );
  const existing = new Set(await findInvoiceNumbers(ctx.db, ctx.orgId, IMPORT_SERIES, groups.map((g) => g.number)));
  const org = await loadOrganization(ctx.db, ctx.orgId);
  const at = nowDate(ctx);
  const errors: RowError[] = [];
  const built: Built[] = [];
  let done = 0;
  for (const g of groups) {
    const result = existing.has(g.number)
      ? { row: g.rows[0]!.line, field: 'invoice_number', code: 'DUPLICATE_INVOICE_NUMBER', message: `Invoice ${g.number} was already imported` }
      : buildGroup(ctx, org, g, customers, at);
    if ('invoice' in result) built.push(result);
    else errors.push(result);
    done += g.rows.length;
    options.onProgress?.(done, parsed.value.length);
  }
  const report = { total: groups.length, valid: built.length, errors, dryRun: options.dryRun ?? false };
  if (options.dryRun || built.length === 0 || (errors.length > 0 && !options.skipInvalid)) return success({ ...report, imported: 0 });
  await inOrg(ctx.db, ctx.orgId, async (tx) => {
    await insertInvoices(tx, built.map((b) => b.invoice), built.flatMap((b) => b.lines));
    const payments = built.filter((b) => b.payment).map((b) => ({ payment: b.payment!, invoiceId: b.invoice.id }));
    await insertPayments(tx, payments.map((p) => p.payment));
    await insertAllocations(
      tx,
      payments.map((p) => ({ orgId: ctx.orgId, id: newId(), invoiceId: p.invoiceId, paymentId: p.payment.id, amount: p.payment.amount, allocatedOn: p.payment.receivedOn, createdAt: at })),
    );
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [
      ...built.map((b) => ({ entityType: 'invoice', entityId: b.invoice.id, action: 'invoice.imported', after: { number: b.invoice.number, total: b.invoice.total, status: b.invoice.status } })),
      ...payments.map((p) => ({ entityType: 'payment', entityId: p.payment.id, action: 'payment.imported', after: { amount: p.payment.amount, invoiceId: p.invoiceId } })),
    ]);
  });
  return success({ ...report, imported: built.length });
}
