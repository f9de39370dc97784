// Shapes of the API's answers, as the server's OpenAPI describes them. Amounts are minor units of `currency`.

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export interface Me {
  organization: { id: string; name: string; baseCurrency: string; locale: string; timeZone: string };
  role: string;
  user?: { id: string; email: string; name: string; role: string };
  csrfToken?: string;
}

export interface Contact {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  role: string;
  preferredChannel: string;
  isPrimary: boolean;
}

export interface Customer {
  id: string;
  externalRef: string | null;
  name: string;
  legalName: string | null;
  taxId: string | null;
  billingAddress: Record<string, string>;
  /** Where e-invoices reach the customer (EAS scheme and identifier), or null. */
  electronicAddress: { scheme: string; value: string } | null;
  locale: string;
  timeZone: string;
  currency: string;
  paymentTerms: string;
  creditLimit: number | null;
  status: string;
  tags: string[];
  contacts?: Contact[];
  credit?: { currency: string; amount: number }[];
}

export interface InvoiceLine {
  id: string;
  position: number;
  description: string;
  quantity: string;
  unitPrice: number;
  taxRateBp: number;
  /** EN 16931 VAT category: S, Z, E, AE, K, G or O. */
  taxCategory: string;
  taxExemptionCode: string | null;
  taxExemptionReason: string | null;
  discountBp: number;
  netAmount: number;
}

export interface Allocation {
  id: string;
  invoiceId: string;
  paymentId: string | null;
  creditNoteId: string | null;
  amount: number;
  allocatedOn: string;
}

export type InvoiceStatus = 'draft' | 'open' | 'partially_paid' | 'paid' | 'void' | 'written_off' | 'uncollectible';

export interface Invoice {
  id: string;
  kind: 'invoice' | 'credit_note';
  number: string | null;
  series: string;
  status: InvoiceStatus;
  customerId: string;
  issueDate: string;
  dueDate: string;
  paymentTerms: string;
  poNumber: string | null;
  billingContactId: string | null;
  currency: string;
  subtotal: number;
  discountTotal: number;
  taxTotal: number;
  total: number;
  amountPaid: number;
  amountCredited: number;
  balance: number;
  daysOverdue: number;
  notes: string | null;
  originalInvoiceId: string | null;
  statusReason: string | null;
  createdAt: string;
  lines?: InvoiceLine[];
  allocations?: Allocation[];
}

export interface Payment {
  id: string;
  customerId: string;
  amount: number;
  currency: string;
  receivedOn: string;
  method: string;
  reference: string | null;
  status: string;
  unallocated: number;
}

export interface EventEntry {
  id: string;
  occurredAt: string;
  actorType: string;
  actorId: string | null;
  entityType: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
}

export interface DsoFigures {
  asOf: string;
  method: string;
  receivables: number;
  currentReceivables: number;
  dsoTenths: number;
  bestPossibleTenths: number;
  averageDaysDelinquentTenths: number;
}

export interface Summary {
  asOf: string;
  collections: { promisesDueToday: number; brokenPromises: number; openDisputes: number };
  currencies: { currency: string; receivables: number; overdue: number; dso: DsoFigures | null; collectedThisMonth: number; paymentsThisMonth: number }[];
}

export interface AgingBucket {
  key: string;
  fromDay: number | null;
  toDay: number | null;
}

export interface Aging {
  asOf: string;
  currencies: {
    currency: string;
    buckets: AgingBucket[];
    bucketTotals: number[];
    total: number;
    customers: { customerId: string; customerName: string; amounts: number[]; total: number }[];
  }[];
}

export interface DsoReport {
  asOf: string;
  method: string;
  currencies: {
    currency: string;
    current: DsoFigures | null;
    unavailable: { code: string; message: string } | null;
    trend: { monthEnd: string; dso: DsoFigures | null; unavailable: { code: string } | null }[];
  }[];
}

export interface Forecast {
  asOf: string;
  currencies: {
    currency: string;
    weeks: { isoWeek: string; weekStart: string; weekEnd: string; amount: number; invoices: number }[];
    later: { amount: number; invoices: number };
    total: number;
  }[];
}

export interface Behaviour {
  customerId: string;
  paidInvoices: number;
  paidLate: number;
  paidLateShareBp: number;
  averageDaysLateTenths: number;
  weightedAverageDaysLateTenths: number;
  averageDaysToPayTenths: number;
}

export type RiskReasonCode = 'NO_HISTORY' | 'AVG_DAYS_LATE' | 'SHARE_PAID_LATE' | 'BROKEN_PROMISES' | 'OPEN_DISPUTES' | 'OVERDUE_WITHOUT_CREDIT' | 'OVERDUE_VS_CREDIT_LIMIT';

export interface RiskReason {
  code: RiskReasonCode;
  value: number;
  points: number;
  overdue?: number;
  creditLimit?: number;
}

export interface Risk {
  level: 'low' | 'medium' | 'high';
  score: number;
  reasons: RiskReason[];
}

/** The level reminders and deposits act on: set by hand, else the stored computed one, else medium. */
export interface CustomerRisk {
  level: Risk['level'];
  source: 'manual' | 'computed' | 'default';
  manualLevel: Risk['level'] | null;
  computed: (Risk & { computedAt: string }) | null;
}

export interface CustomerOverview {
  id: string;
  name: string;
  currency: string;
  status: string;
  creditLimit: number | null;
  tags: string[];
  balances: { currency: string; balance: number; overdue: number; openInvoices: number; overdueInvoices: number; maxDaysOverdue: number }[];
  behaviour: Behaviour | null;
  /** Scored now from today's figures. */
  risk: Risk;
  effectiveRisk: CustomerRisk;
  work: { collectorName: string | null; nextTask: { title: string; dueOn: string; kind: string } | null; nextReminderCheck: string | null };
}

export interface Prediction {
  invoiceId: string;
  number: string | null;
  customerId: string;
  customerName: string;
  currency: string;
  dueDate: string;
  openBalance: number;
  predictedPayDate: string;
  basis: { kind: 'customer' | 'organization' | 'none'; sampleSize: number; medianDaysAfterDue: number };
  clampedToToday: boolean;
}

/** A message the API queued in the outbox (POST /invoices/:id/send). */
export interface QueuedMessage {
  id: string;
  kind: string;
  channel: string;
  recipient: string;
  contactId: string | null;
  subject: string | null;
  status: string;
  idempotencyKey: string;
  createdAt: string;
  repeated: boolean;
}

/** A hand-off of overdue invoices to a collection agency (POST /customers/:id/collections-handoff). */
export interface Handoff {
  id: string;
  customerId: string;
  invoiceIds: string[];
  invoices: { id: string; number: string; currency: string; issueDate: string; dueDate: string; daysOverdue: number; total: number; balance: number }[];
  agency: string | null;
  note: string | null;
  createdBy: { type: string; id: string | null };
  createdAt: string;
  pack: { fileName: string; sha256: string; size: number; url: string };
}
