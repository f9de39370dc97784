import type { PaymentSection } from '../../documents/pdf/index.ts';
import { renderPaymentQr } from '../../documents/qr/index.ts';
import type { TransferLine } from '../../domain/payment-qr/index.ts';
import { failure, success, type Result } from '../../domain/result.ts';
import type { VatCategory } from '../../domain/vat-category.ts';
import { inOrgResult } from '../../db/connection.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import { findCustomerDocument, recordInvoiceView } from '../../db/repositories/portal.ts';
import type { PaymentProvider } from '../../payments/provider.ts';
import { nowDate, todayIn, type Ctx } from '../context.ts';
import { invoiceDocument, loadInvoiceBundle } from '../documents/invoice-document.ts';
import { holdsOfCustomer } from './holds.ts';
import { portalDocument, type PortalDocument } from './overview.ts';
import type { PortalSession } from './session.ts';

/** A customer opening the same invoice again within this time is one visit on the team's timeline. */
const VIEW_VISIT_MS = 60 * 60_000;

export interface PortalInvoiceLine {
  readonly id: string;
  readonly description: string;
  readonly quantity: string;
  readonly unitPrice: number;
  readonly discountBp: number;
  readonly taxRateBp: number;
  /** EN 16931 VAT category; where no VAT is charged the customer sees why, as on the invoice. */
  readonly taxCategory: VatCategory;
  readonly taxExemptionCode: string | null;
  readonly taxExemptionReason: string | null;
  readonly netAmount: number;
}

export interface BankTransfer {
  readonly lines: readonly TransferLine[];
  /** The payment QR as a PNG data URL, when the currency has a QR format banking apps read. */
  readonly qr: { readonly kind: string; readonly png: string } | null;
}

export interface PortalInvoice extends PortalDocument {
  readonly poNumber: string | null;
  readonly notes: string | null;
  readonly termsText: string | null;
  readonly subtotal: number;
  readonly discountTotal: number;
  readonly taxTotal: number;
  readonly lines: readonly PortalInvoiceLine[];
  readonly earlyPayment: { readonly discount: number; readonly payable: number; readonly deadline: string } | null;
  readonly bankTransfer: BankTransfer | null;
}

export const invoiceNotFound = () => failure('INVOICE_NOT_FOUND', 'No such invoice', 'invoiceId');

async function bankTransfer(section: PaymentSection | null | undefined): Promise<BankTransfer | null> {
  if (!section) return null;
  if (!section.qr) return { lines: section.lines, qr: null };
  const rendered = await renderPaymentQr(section.qr.kind, section.qr.payload, { scale: 6 });
  return { lines: section.lines, qr: { kind: section.qr.kind, png: `data:image/png;base64,${rendered.png.toString('base64')}` } };
}

/**
 * One invoice or credit note of the session's customer, with how to pay it. Opening it is recorded: the
 * team sees "invoice.viewed" on the invoice's timeline (once per visit) and the view count.
 */
export async function portalInvoice(ctx: Ctx, session: PortalSession, invoiceId: string, provider: PaymentProvider | null): Promise<Result<PortalInvoice>> {
  const loaded = await inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const row = await findCustomerDocument(tx, ctx.orgId, session.customerId, invoiceId);
    if (!row) return invoiceNotFound();
    const at = nowDate(ctx);
    const before = await recordInvoiceView(tx, ctx.orgId, row.id, session.customerId, at);
    if (!before || at.getTime() - before.getTime() >= VIEW_VISIT_MS)
      await appendEvents(tx, ctx.orgId, ctx.actor, at, [
        { entityType: 'invoice', entityId: row.id, action: 'invoice.viewed', after: { via: 'portal', linkId: session.linkId, contactId: session.contactId, firstView: !before } },
      ]);
    const bundle = await loadInvoiceBundle(tx, ctx.orgId, row.id);
    if (!bundle.ok) return bundle;
    const today = todayIn(ctx, bundle.value.org.timeZone);
    const holds = await holdsOfCustomer(tx, ctx.orgId, session.customerId, today.toString());
    return success({ bundle: bundle.value, today, holds: holds.get(row.id) ?? [] });
  });
  if (!loaded.ok) return loaded;
  const { bundle, today, holds } = loaded.value;
  const document = invoiceDocument(bundle, { today, createdAt: nowDate(ctx) });
  const { invoice } = bundle;
  return success({
    ...portalDocument(invoice, today, provider, holds),
    poNumber: invoice.poNumber,
    notes: invoice.notes,
    termsText: invoice.termsText,
    subtotal: invoice.subtotal,
    discountTotal: invoice.discountTotal,
    taxTotal: invoice.taxTotal,
    lines: bundle.lines.map((l) => ({
      id: l.id,
      description: l.description,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      discountBp: l.discountBp,
      taxRateBp: l.taxRateBp,
      taxCategory: l.taxCategory,
      taxExemptionCode: l.taxExemptionCode,
      taxExemptionReason: l.taxExemptionReason,
      netAmount: l.netAmount,
    })),
    earlyPayment: document.earlyPayment ? { ...document.earlyPayment, deadline: document.earlyPayment.deadline.toString() } : null,
    bankTransfer: await bankTransfer(document.payment),
  });
}
