// What the portal API (/portal-api) answers; the server's shapes live in src/services/portal.

export type Hold =
  | { readonly kind: 'dispute'; readonly since: string }
  | { readonly kind: 'promise'; readonly date: string; readonly amount: number }
  | { readonly kind: 'claim'; readonly until: string }
  | { readonly kind: 'plan'; readonly since: string };

export interface PortalDocument {
  readonly id: string;
  readonly kind: 'invoice' | 'credit_note';
  readonly number: string | null;
  readonly status: string;
  readonly issueDate: string;
  readonly dueDate: string;
  readonly currency: string;
  readonly total: number;
  readonly amountPaid: number;
  readonly amountCredited: number;
  readonly balance: number;
  readonly daysOverdue: number;
  readonly payable: boolean;
  readonly payOnline: boolean;
  readonly holds: readonly Hold[];
}

export interface Overview {
  readonly organization: { readonly name: string; readonly legalName: string | null };
  readonly customer: { readonly name: string; readonly locale: string; readonly currency: string };
  readonly today: string;
  readonly balances: readonly { currency: string; due: number; overdue: number; credit: number }[];
  readonly documents: readonly PortalDocument[];
  readonly online: { readonly payNow: boolean; readonly autopay: { readonly enrolled: boolean; readonly method: string | null } };
  readonly plans: { readonly planMaxInstallments: number; readonly planMaxDays: number; readonly planApprovalRequests: boolean };
}

export interface InvoiceLine {
  readonly id: string;
  readonly description: string;
  readonly quantity: string;
  readonly unitPrice: number;
  readonly taxRateBp: number;
  /** EN 16931 VAT category: S, Z, E, AE, K, G or O. */
  readonly taxCategory: string;
  readonly taxExemptionCode: string | null;
  readonly taxExemptionReason: string | null;
  readonly netAmount: number;
}

export interface InvoiceDetail extends PortalDocument {
  readonly poNumber: string | null;
  readonly notes: string | null;
  readonly subtotal: number;
  readonly discountTotal: number;
  readonly taxTotal: number;
  readonly lines: readonly InvoiceLine[];
  readonly earlyPayment: { readonly discount: number; readonly payable: number; readonly deadline: string } | null;
  readonly bankTransfer: { readonly lines: readonly { field: string; value: string }[]; readonly qr: { kind: string; png: string } | null } | null;
}

export interface Statement {
  readonly asOf: string;
  readonly sections: readonly {
    readonly currency: string;
    readonly totalDue: number;
    readonly credit: number;
    readonly aging: readonly { readonly key: string; readonly fromDay: number | null; readonly toDay: number | null; readonly amount: number }[];
  }[];
}
