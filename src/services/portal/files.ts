import type { UblProfile } from '../../documents/ubl/index.ts';
import type { Result } from '../../domain/result.ts';
import { inOrg } from '../../db/connection.ts';
import { findOrganization } from '../../db/repositories/organizations.ts';
import { findCustomerDocument } from '../../db/repositories/portal.ts';
import type { Ctx } from '../context.ts';
import { customerStatement, customerStatementPdf, type Statement } from '../documents/customer-statement.ts';
import { invoicePdf, invoiceUbl, type DocumentFile } from '../documents/invoice-files.ts';
import { invoiceNotFound } from './invoice-detail.ts';
import type { PortalSession } from './session.ts';

// The files a customer downloads from the portal, made by the documents services once the invoice is
// known to be this customer's: another customer's id reads as unknown.

async function ownDocument(ctx: Ctx, session: PortalSession, invoiceId: string): Promise<{ country: string | null } | null> {
  return inOrg(ctx.db, ctx.orgId, async (tx) => {
    const row = await findCustomerDocument(tx, ctx.orgId, session.customerId, invoiceId);
    return row ? { country: (await findOrganization(tx, ctx.orgId))?.country ?? null } : null;
  });
}

export async function portalInvoicePdf(ctx: Ctx, session: PortalSession, invoiceId: string): Promise<Result<DocumentFile>> {
  if (!(await ownDocument(ctx, session, invoiceId))) return invoiceNotFound();
  return invoicePdf(ctx, invoiceId);
}

/** Romanian sellers file CIUS-RO with ANAF; everyone else gets Peppol BIS Billing 3.0. */
export function ublProfileFor(country: string | null): UblProfile {
  return country === 'RO' ? 'cius-ro' : 'peppol';
}

export async function portalInvoiceUbl(ctx: Ctx, session: PortalSession, invoiceId: string): Promise<Result<DocumentFile>> {
  const own = await ownDocument(ctx, session, invoiceId);
  if (!own) return invoiceNotFound();
  return invoiceUbl(ctx, invoiceId, ublProfileFor(own.country));
}

export function portalStatement(ctx: Ctx, session: PortalSession): Promise<Result<Statement>> {
  return customerStatement(ctx, session.customerId);
}

export function portalStatementPdf(ctx: Ctx, session: PortalSession): Promise<Result<DocumentFile>> {
  return customerStatementPdf(ctx, session.customerId);
}
