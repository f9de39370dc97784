import type { PlainDate } from '../../domain/dates.ts';
import type { PaymentQrKind, TransferLine } from '../../domain/payment-qr/index.ts';
import type { VatCategory } from '../../domain/vat-category.ts';
import type { Locale, RenderedLetter } from '../templates/index.ts';

// What each document prints, as plain data. Services load and decide (which bank account, which terms,
// which QR); the renderers only lay these out, so they are pure apart from producing bytes.

export interface Party {
  readonly name: string;
  readonly legalName?: string | null;
  readonly addressLines: readonly string[];
  readonly taxId?: string | null;
}

export interface Seller extends Party {
  /** PNG or JPEG bytes of the organization's logo, printed top left when present. */
  readonly logo?: Buffer;
  readonly email?: string | null;
}

export interface ContactPerson {
  readonly name: string;
  readonly email?: string | null;
  readonly phone?: string | null;
}

export interface DocumentLine {
  readonly description: string;
  /** Exact decimal, as stored ("1.5000"). */
  readonly quantity: string;
  readonly unitPrice: number;
  readonly discountBp: number;
  readonly taxCategory: VatCategory;
  readonly taxRateBp: number;
  /** Quantity × price − discount, in minor units. */
  readonly netAmount: number;
}

export interface TaxRow {
  readonly taxCategory: VatCategory;
  readonly taxRateBp: number;
  /** Why no VAT is charged, for the untaxed categories: VATEX code and the seller's words. */
  readonly taxExemptionCode?: string;
  readonly taxExemptionReason?: string;
  readonly taxableAmount: number;
  readonly taxAmount: number;
}

export interface EarlyPaymentTerm {
  /** What the customer saves. */
  readonly discount: number;
  /** What the customer pays to earn it. */
  readonly payable: number;
  /** Last day to pay, inclusive. */
  readonly deadline: PlainDate;
}

export interface PaymentSection {
  /** Bank details to copy by hand, in print order. */
  readonly lines: readonly TransferLine[];
  /** The QR to print beside them; absent when no QR format fits the currency. */
  readonly qr?: { readonly kind: PaymentQrKind; readonly payload: string };
}

export interface InvoiceDocument {
  readonly kind: 'invoice' | 'credit_note';
  readonly locale: Locale;
  /** Null for a draft, which prints as such. */
  readonly number: string | null;
  readonly issueDate: PlainDate;
  readonly dueDate: PlainDate;
  readonly currency: string;
  readonly poNumber?: string | null;
  readonly paymentReference?: string | null;
  readonly seller: Seller;
  readonly buyer: Party;
  readonly contact?: ContactPerson | null;
  readonly lines: readonly DocumentLine[];
  readonly subtotal: number;
  readonly discountTotal: number;
  readonly taxTotal: number;
  readonly total: number;
  readonly amountPaid: number;
  readonly amountCredited: number;
  readonly balance: number;
  readonly taxBreakdown: readonly TaxRow[];
  /** The late-fee and interest terms that apply, as text. */
  readonly lateFeeTerms?: string | null;
  readonly earlyPayment?: EarlyPaymentTerm | null;
  readonly notes?: string | null;
  /** A credit note names the invoice it corrects. */
  readonly originalInvoiceNumber?: string | null;
  /** How to pay; absent on credit notes and when no bank account exists for the currency. */
  readonly payment?: PaymentSection | null;
  readonly portalUrl?: string | null;
  readonly createdAt: Date;
}

export interface StatementItem {
  readonly number: string;
  readonly issueDate: PlainDate;
  readonly dueDate: PlainDate;
  readonly daysOverdue: number;
  readonly total: number;
  readonly balance: number;
}

export interface StatementBucket {
  readonly fromDay: number | null;
  readonly toDay: number | null;
  readonly amount: number;
}

export interface StatementSection {
  readonly currency: string;
  readonly items: readonly StatementItem[];
  readonly aging: readonly StatementBucket[];
  readonly totalDue: number;
  /** Unallocated payments and open credit notes the customer can still use. */
  readonly credit: number;
}

export interface StatementDocument {
  readonly locale: Locale;
  readonly asOf: PlainDate;
  readonly seller: Seller;
  readonly buyer: Party;
  readonly sections: readonly StatementSection[];
  readonly portalUrl?: string | null;
  readonly createdAt: Date;
}

export interface LetterDocument {
  readonly locale: Locale;
  readonly seller: Seller;
  readonly recipient: Party;
  readonly contact?: ContactPerson | null;
  readonly message: RenderedLetter;
  readonly createdAt: Date;
}
