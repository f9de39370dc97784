import { date, type PlainDate } from '../../domain/dates.ts';
import type { OpenInvoice } from '../../domain/matching/index.ts';
import type { Db } from '../../db/connection.ts';
import { accountsByCustomer, customerNames, openInvoices } from '../../db/repositories/banking.ts';
import { invoicePaymentReference } from '../documents/payment-reference.ts';

/**
 * All of the organization's invoices that can still take money, in any currency: the matcher needs the
 * other currencies too, to say CURRENCY_MISMATCH rather than NO_MATCH when the payer names an invoice
 * billed in another currency. Loading the whole open set (a few plain scans) rather than a pre-filtered
 * part keeps the matcher's answers exact: which customers a payer name may be, and whether a name is
 * shared by too many customers to identify one, depend on every open customer.
 */
export async function loadOpenInvoices(db: Db, orgId: string): Promise<OpenInvoice[]> {
  const [rows, names, accounts] = [await openInvoices(db, orgId), await customerNames(db, orgId), await accountsByCustomer(db, orgId)];
  // Parsing a date with Temporal costs tens of microseconds and due dates repeat: parse each once.
  const days = new Map<string, PlainDate>();
  const dayOf = (text: string) => days.get(text) ?? days.set(text, date(text)).get(text)!;
  return rows.map((row) => {
    // The same reference the invoice prints and its QR carries, so a payer quoting it is matched.
    const rfReference = invoicePaymentReference(row.number);
    return {
      id: row.id,
      number: row.number,
      customerId: row.customerId,
      customerName: names.get(row.customerId) ?? '',
      customerIbans: accounts.get(row.customerId) ?? [],
      currency: row.currency,
      balanceMinor: row.balance,
      dueDate: dayOf(row.dueDate),
      ...(rfReference === null ? {} : { rfReference }),
    };
  });
}
