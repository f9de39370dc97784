import type { PlainDate } from '../../domain/dates.ts';
import { isReceivable, type InvoiceStatus } from '../../domain/invoice-status.ts';
import { failure, type Result, success } from '../../domain/result.ts';
import type { Db } from '../../db/connection.ts';
import { findCustomer, type CustomerRow } from '../../db/repositories/customers.ts';
import { findInvoice, type InvoiceRow } from '../../db/repositories/invoices.ts';
import { todayIn, type Ctx } from '../context.ts';

export interface ReceivableInvoice {
  readonly invoice: InvoiceRow;
  readonly customer: CustomerRow;
  /** The customer's local date: promise and plan dates are the customer's days. */
  readonly today: PlainDate;
}

/**
 * An issued invoice that still owes money, with its customer's row locked: the same lock payments take, so a
 * dispute, promise or plan and a payment on the same customer are applied one after the other.
 */
export async function receivableInvoice(tx: Db, ctx: Ctx, invoiceId: string, field = 'invoiceId'): Promise<Result<ReceivableInvoice>> {
  const probe = await findInvoice(tx, ctx.orgId, invoiceId);
  if (!probe || probe.kind !== 'invoice' || probe.status === 'draft') return failure('INVOICE_NOT_FOUND', 'No such issued invoice', field);
  const customer = (await findCustomer(tx, ctx.orgId, probe.customerId, true))!;
  const invoice = (await findInvoice(tx, ctx.orgId, invoiceId))!;
  if (!isReceivable(invoice.status as InvoiceStatus) || invoice.balance <= 0) {
    return failure('INVOICE_NOT_OPEN', `Invoice ${invoice.number ?? invoice.id} is ${invoice.status}: nothing is owed on it`, field);
  }
  return success({ invoice, customer, today: todayIn(ctx, customer.timeZone) });
}
