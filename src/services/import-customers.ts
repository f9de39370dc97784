import { parseAmount } from '../domain/money.ts';
import { isCurrencyCode } from '../domain/currency.ts';
import { type Result, success } from '../domain/result.ts';
import { inOrg } from '../db/connection.ts';
import { appendEvents } from '../db/repositories/events.ts';
import { findCustomersByRef, insertCustomers, type NewContactRow, type NewCustomerRow } from '../db/repositories/customers.ts';
import { nowDate, type Ctx } from './context.ts';
import { buildCustomer, loadOrganization } from './create-customer.ts';
import { blankToUndefined as opt, readCsv, shapeErrors, type CsvRecord, type ImportOptions, type ImportReport, type RowError } from './csv-import.ts';
import { CreateCustomerInput } from './inputs.ts';

export const CUSTOMER_COLUMNS = [
  'external_ref', 'name', 'legal_name', 'tax_id', 'email', 'phone', 'contact_name', 'locale', 'time_zone', 'currency',
  'payment_terms', 'credit_limit', 'tags', 'address_line1', 'address_line2', 'city', 'region', 'postal_code', 'country', 'status',
] as const;

const COLUMN_OF: Record<string, string> = {
  externalRef: 'external_ref', legalName: 'legal_name', taxId: 'tax_id', timeZone: 'time_zone', paymentTerms: 'payment_terms',
  creditLimit: 'credit_limit', 'billingAddress.line1': 'address_line1', 'billingAddress.line2': 'address_line2',
  'billingAddress.city': 'city', 'billingAddress.region': 'region', 'billingAddress.postalCode': 'postal_code',
  'billingAddress.country': 'country', 'contacts.0.name': 'contact_name', 'contacts.0.email': 'email', 'contacts.0.phone': 'phone',
};
const columnOf = (field: string) => {
  const dotted = field.replace(/\[(\d+)\]/g, '.$1');
  return COLUMN_OF[dotted] ?? dotted.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
};

function toInput(r: CsvRecord, fallbackCurrency: string): { input: unknown; error?: Omit<RowError, 'row'> } {
  const currency = opt(r.currency) ?? fallbackCurrency;
  const limitText = opt(r.credit_limit);
  const creditLimit = limitText && isCurrencyCode(currency) ? parseAmount(limitText, currency) : undefined;
  const contactName = opt(r.contact_name) ?? (opt(r.email) || opt(r.phone) ? opt(r.name) : undefined);
  const address = Object.fromEntries(
    Object.entries({ line1: r.address_line1, line2: r.address_line2, city: r.city, region: r.region, postalCode: r.postal_code, country: r.country?.toUpperCase() }).filter(([, v]) => opt(v) !== undefined),
  );
  const input = Object.fromEntries(
    Object.entries({
      externalRef: opt(r.external_ref),
      name: r.name ?? '',
      legalName: opt(r.legal_name),
      taxId: opt(r.tax_id),
      locale: opt(r.locale),
      timeZone: opt(r.time_zone),
      currency: opt(r.currency),
      paymentTerms: opt(r.payment_terms),
      creditLimit: creditLimit ?? undefined,
      status: opt(r.status),
      tags: opt(r.tags)?.split(';').map((t) => t.trim()).filter(Boolean),
      billingAddress: Object.keys(address).length ? address : undefined,
      contacts: contactName ? [{ name: contactName, email: opt(r.email), phone: opt(r.phone) }].map((c) => Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined))) : undefined,
    }).filter(([, v]) => v !== undefined),
  );
  const error = limitText && creditLimit == null ? { field: 'credit_limit', code: 'INVALID_AMOUNT', message: `Not an amount in ${currency}: ${limitText}` } : undefined;
  return { input, error };
}

/**
 * Import customers from CSV. Every row is checked by the same rules as the API; a reference already used
 * (in the file or the organization) is an error. All rows go in one transaction, so nothing half-imports.
 */
export async function importCustomers(ctx: Ctx, content: string | Buffer, options: ImportOptions = {}): Promise<Result<ImportReport>> {
  const parsed = readCsv(content, ['name']);
  if (!parsed.ok) return parsed;
  const records = parsed.value;
  const org = await loadOrganization(ctx.db, ctx.orgId);
  const at = nowDate(ctx);
  const errors: RowError[] = [];
  const customers: NewCustomerRow[] = [];
  const contacts: NewContactRow[] = [];
  const refs = records.map((r) => opt(r.external_ref)).filter((r): r is string => r !== undefined);
  const taken = new Set((await findCustomersByRef(ctx.db, ctx.orgId, refs)).map((c) => c.externalRef));
  const seen = new Set<string>();
  records.forEach((record, i) => {
    const row = i + 2;
    const { input, error } = toInput(record, org.baseCurrency);
    const rowErrors = error ? [{ ...error, row }] : shapeErrors(CreateCustomerInput, input, row, columnOf);
    if (rowErrors.length === 0) {
      const built = buildCustomer(org, input as CreateCustomerInput, at);
      if (!built.ok) rowErrors.push({ row, field: columnOf(built.field ?? ''), code: built.code, message: built.message });
      else {
        const ref = built.value.customer.externalRef;
        if (ref && (taken.has(ref) || seen.has(ref))) rowErrors.push({ row, field: 'external_ref', code: 'DUPLICATE_CUSTOMER_REF', message: `Reference ${ref} is already used` });
        else {
          if (ref) seen.add(ref);
          customers.push(built.value.customer);
          contacts.push(...built.value.contacts);
        }
      }
    }
    errors.push(...rowErrors);
    options.onProgress?.(i + 1, records.length);
  });
  const report = { total: records.length, valid: customers.length, errors, dryRun: options.dryRun ?? false };
  if (options.dryRun || customers.length === 0 || (errors.length > 0 && !options.skipInvalid)) return success({ ...report, imported: 0 });
  await inOrg(ctx.db, ctx.orgId, async (tx) => {
    await insertCustomers(tx, customers, contacts);
    await appendEvents(tx, ctx.orgId, ctx.actor, at, customers.map((c) => ({ entityType: 'customer', entityId: c.id, action: 'customer.imported', after: c })));
  });
  return success({ ...report, imported: customers.length });
}

