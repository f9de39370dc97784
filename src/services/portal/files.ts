import type { UblProfile } from '../../documents/ubl/index.ts';
import type { Result } from '../../domain/result.ts';
import { inOrg, type Db } from '../../db/connection.ts';
import { findCustomer } from '../../db/repositories/customers.ts';
import { findOrganization } from '../../db/repositories/organizations.ts';
import { findCustomerDocument } from '../../db/repositories/portal.ts';
import type { Ctx } from '../context.ts';
import { customerStatement, customerStatementPdf, type Statement } from '../documents/customer-statement.ts';
import { invoicePdf, invoiceUbl, type DocumentFile } from '../documents/invoice-files.ts';
import { invoiceNotFound } from './invoice-detail.ts';
import type { PortalSession } from './session.ts';

// The files a customer downloads from the portal, made by the documents services once the invoice is
// known to be this customer's: another customer's id reads as unknown.

/** What `read` answers about an invoice of this customer's, in one transaction; null when it is not theirs. */
async function ownDocument<T>(ctx: Ctx, session: PortalSession, invoiceId: string, read: (tx: Db) => Promise<T>): Promise<T | null> {
  return inOrg(ctx.db, ctx.orgId, async (tx) => ((await findCustomerDocument(tx, ctx.orgId, session.customerId, invoiceId)) ? read(tx) : null));
}

export async function portalInvoicePdf(ctx: Ctx, session: PortalSession, invoiceId: string): Promise<Result<DocumentFile>> {
  if (!(await ownDocument(ctx, session, invoiceId, async () => true))) return invoiceNotFound();
  return invoicePdf(ctx, invoiceId);
}

/**
 * A Romanian seller's invoice to a Romanian buyer is the one filed with ANAF's e-Factura as CIUS-RO; any other
 * (a foreign buyer, a foreign seller) gets Peppol BIS Billing 3.0, which CIUS-RO's RON-only VAT rule would
 * refuse for an invoice in another currency.
 */
export function ublProfileFor(sellerCountry: string | null, buyerCountry: string | null): UblProfile {
  return sellerCountry === 'RO' && (buyerCountry ?? 'RO').toUpperCase() === 'RO' ? 'cius-ro' : 'peppol';
}

export async function portalInvoiceUbl(ctx: Ctx, session: PortalSession, invoiceId: string): Promise<Result<DocumentFile>> {
  const profile = await ownDocument(ctx, session, invoiceId, async (tx) => {
    const org = await findOrganization(tx, ctx.orgId);
    const customer = await findCustomer(tx, ctx.orgId, session.customerId);
    return ublProfileFor(org?.country ?? null, customer?.billingAddress.country ?? null);
  });
  if (!profile) return invoiceNotFound();
  return invoiceUbl(ctx, invoiceId, profile);
}

export function portalStatement(ctx: Ctx, session: PortalSession): Promise<Result<Statement>> {
  return customerStatement(ctx, session.customerId);
}

export function portalStatementPdf(ctx: Ctx, session: PortalSession): Promise<Result<DocumentFile>> {
  return customerStatementPdf(ctx, session.customerId);
}
