import { renderInvoicePdf } from '../../documents/pdf/index.ts';
import { buildUbl, type UblProfile } from '../../documents/ubl/index.ts';
import { success, type Result } from '../../domain/result.ts';
import { inOrgResult, type Db } from '../../db/connection.ts';
import { nowDate, todayIn, type Ctx } from '../context.ts';
import { invoiceDocument, loadInvoiceBundle } from './invoice-document.ts';
import { ublDocument } from './ubl-document.ts';

export interface DocumentFile {
  readonly filename: string;
  readonly contentType: string;
  readonly body: Buffer | string;
}

/** A file name safe in a Content-Disposition header and on every file system: "INV-00042.pdf". */
function fileName(number: string | null, id: string, extension: string): string {
  const base = (number ?? `draft-${id}`).replace(/[^0-9A-Za-z._-]+/g, '-').replace(/^-+|-+$/g, '') || id;
  return `${base}.${extension}`;
}

/** The invoice or credit note as a PDF in the customer's language. */
export async function invoicePdf(ctx: Ctx, invoiceId: string): Promise<Result<DocumentFile>> {
  return inOrgResult(ctx.db, ctx.orgId, (tx) => invoicePdfIn(tx, ctx, invoiceId));
}

/** The invoice PDF within the caller's transaction. */
export async function invoicePdfIn(tx: Db, ctx: Ctx, invoiceId: string): Promise<Result<DocumentFile>> {
  const loaded = await loadInvoiceBundle(tx, ctx.orgId, invoiceId);
  if (!loaded.ok) return loaded;
  const bundle = loaded.value;
  const document = invoiceDocument(bundle, { today: todayIn(ctx, bundle.org.timeZone), createdAt: nowDate(ctx) });
  const pdf = await renderInvoicePdf(document);
  return success({ filename: fileName(bundle.invoice.number, bundle.invoice.id, 'pdf'), contentType: 'application/pdf', body: pdf });
}

/** The invoice or credit note as a UBL 2.1 e-invoice (Peppol BIS Billing 3.0, or CIUS-RO for Romania). */
export async function invoiceUbl(ctx: Ctx, invoiceId: string, profile: UblProfile): Promise<Result<DocumentFile>> {
  const loaded = await inOrgResult(ctx.db, ctx.orgId, (tx) => loadInvoiceBundle(tx, ctx.orgId, invoiceId));
  if (!loaded.ok) return loaded;
  const bundle = loaded.value;
  const document = ublDocument(bundle, profile, todayIn(ctx, bundle.org.timeZone));
  if (!document.ok) return document;
  return success({ filename: fileName(bundle.invoice.number, bundle.invoice.id, 'xml'), contentType: 'application/xml; charset=utf-8', body: buildUbl(document.value) });
}
