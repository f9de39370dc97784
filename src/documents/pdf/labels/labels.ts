import type { TransferField } from '../../../domain/payment-qr/index.ts';
import type { ExemptCategory } from '../../../domain/vat-category.ts';

// The words printed on invoices, credit notes, statements and letters, one catalogue per language. Values
// (amounts, dates, rates) arrive already formatted for the locale; the sentences only place them.
export interface LateFeeSentences {
  readonly fixed: (amount: string) => string;
  readonly percent: (rate: string) => string;
  readonly interest: (annualRate: string) => string;
  /** `jurisdiction` is a place name in the reader's language ("Romania", "European Union"). */
  readonly statutoryInterest: (jurisdiction: string) => string;
  readonly compensation: (amount: string) => string;
  readonly statutoryCompensation: string;
  readonly grace: (days: number) => string;
}

export interface PdfLabels {
  readonly invoiceTitle: string;
  readonly creditNoteTitle: string;
  readonly statementTitle: string;

  readonly seller: string;
  readonly billTo: string;
  readonly taxId: string;
  readonly attention: string;

  readonly invoiceNumber: string;
  readonly creditNoteNumber: string;
  readonly issueDate: string;
  readonly dueDate: string;
  readonly poNumber: string;
  readonly paymentReference: string;
  readonly originalInvoice: string;

  readonly lineNumber: string;
  readonly description: string;
  readonly quantity: string;
  readonly unitPrice: string;
  readonly discount: string;
  readonly taxRate: string;
  readonly netAmount: string;

  /** The tax's own name: VAT, GTGT, PPN, НДС, TVA. */
  readonly taxName: string;
  readonly taxSummary: string;
  /**
   * The words an invoice must carry when a VAT category charges no VAT (VAT Directive art. 226 (11) and
   * (11a)): a short name for the tax breakdown, and the statement printed under the totals.
   */
  readonly vatCategory: Readonly<Record<ExemptCategory, { readonly short: string; readonly statement: string }>>;
  readonly taxableAmount: string;
  readonly taxAmount: string;
  readonly subtotal: string;
  readonly discountTotal: string;
  readonly total: string;
  readonly creditTotal: string;
  readonly amountPaid: string;
  readonly amountCredited: string;
  readonly balanceDue: string;
  readonly amountDue: string;

  readonly paymentTerms: string;
  readonly payBy: (amount: string, dueDate: string) => string;
  readonly paidInFull: string;
  readonly earlyDiscount: (discount: string, payable: string, deadline: string) => string;
  readonly lateFees: string;
  /** Sentences describing a late-fee policy, for invoices whose own terms text is empty. */
  readonly lateFee: LateFeeSentences;
  readonly notes: string;
  readonly creditNoteApplies: (invoiceNumber: string) => string;

  readonly howToPay: string;
  readonly transfer: Readonly<Record<TransferField, string>>;
  readonly quoteReference: string;
  readonly scanToPay: string;
  readonly payOnline: string;

  readonly statementDate: string;
  readonly currency: string;
  readonly agingSummary: string;
  readonly agingCurrent: string;
  readonly agingDays: (from: number, to: number | null) => string;
  readonly openItems: string;
  readonly daysOverdue: string;
  readonly invoiceAmount: string;
  readonly openBalance: string;
  readonly totalDue: string;
  readonly creditAvailable: string;
  readonly noOpenItems: string;

  readonly page: (current: number, count: number) => string;
}
