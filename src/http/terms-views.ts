import { Type } from 'typebox';
import type { InvoiceRow } from '../db/repositories/invoices.ts';
import type { DepositRow } from '../db/repositories/deposits.ts';
import type { LateFeeChargeRow, LateFeePolicyRow } from '../db/repositories/late-fees.ts';
import type { RecurringRunRow, RecurringScheduleRow } from '../db/repositories/recurring.ts';
import type { PlainDate } from '../domain/dates.ts';
import { depositStatus } from '../services/terms/deposits.ts';
import { LateFeePolicyInput } from '../services/terms/inputs.ts';
import type { LateFeePosting } from '../services/terms/post-late-fee.ts';
import type { RetainerStatus } from '../services/terms/retainers.ts';
import { InvoiceView, invoiceView } from './views.ts';

// Response shapes of the terms API (late fees, interest, deposits, retainers, recurring invoices).
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Str = Type.String();
const Int = Type.Integer();
const Day = Type.String({ description: 'YYYY-MM-DD' });
const Instant = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' });
const Component = Type.Union([Type.Literal('fee'), Type.Literal('interest'), Type.Literal('compensation')]);

export const PolicyRecordView = Type.Object({ customerId: Nullable(Str), policy: LateFeePolicyInput, updatedAt: Instant });
export const EffectivePolicyView = Type.Object({ source: Nullable(Type.Union([Type.Literal('customer'), Type.Literal('organization')])), policy: Nullable(LateFeePolicyInput) });
export const ReferenceRatesView = Type.Object({ referenceRates: Type.Unknown({ description: 'The organization’s own series, or null for the shipped table' }) });

export function policyRecordView(row: LateFeePolicyRow) {
  return { customerId: row.customerId, policy: row.policy, updatedAt: row.updatedAt };
}

export const LateFeePostingView = Type.Object({
  invoiceId: Str,
  stepIndex: Int,
  asOf: Day,
  policySource: Nullable(Str),
  overdueBalance: Int,
  feeInvoice: Nullable(InvoiceView),
  lines: Type.Array(Type.Object({ component: Component, amount: Int, capped: Type.Boolean() })),
  skipped: Type.Array(Type.Object({ component: Component, code: Str })),
});

export function postingView(today: PlainDate, p: LateFeePosting) {
  return { ...p, feeInvoice: p.feeInvoice ? invoiceView(today, p.feeInvoice) : null };
}

export const LateFeeView = Type.Object({
  feeInvoiceId: Str,
  number: Nullable(Str),
  status: Str,
  total: Int,
  balance: Int,
  issueDate: Day,
  components: Type.Array(Type.Object({ component: Component, stepIndex: Int, amount: Int, capped: Type.Boolean(), waivedAmount: Int, asOf: Day })),
  waiver: Nullable(Type.Object({ creditNoteId: Str, reason: Str })),
});

export function lateFeeViews(feeInvoices: readonly InvoiceRow[], charges: readonly LateFeeChargeRow[]) {
  return feeInvoices.map((f) => {
    const own = charges.filter((c) => c.feeInvoiceId === f.id);
    const waived = own.find((c) => c.waiverCreditNoteId);
    return {
      feeInvoiceId: f.id,
      number: f.number,
      status: f.status,
      total: f.total,
      balance: f.balance,
      issueDate: f.issueDate,
      components: own.map((c) => ({ component: c.component, stepIndex: c.stepIndex, amount: c.amount, capped: c.capped, waivedAmount: c.waivedAmount, asOf: c.asOf })),
      waiver: waived ? { creditNoteId: waived.waiverCreditNoteId!, reason: waived.waiverReason ?? '' } : null,
    };
  });
}

const RateSource = Type.Object({
  kind: Type.Union([Type.Literal('contract'), Type.Literal('statutory')]),
  annualRateBp: Type.Optional(Int),
  jurisdiction: Type.Optional(Str),
  series: Type.Optional(Nullable(Str)),
  referenceRateBp: Type.Optional(Nullable(Int)),
  marginBp: Type.Optional(Int),
  referenceDate: Type.Optional(Nullable(Day)),
  validFrom: Type.Optional(Nullable(Day)),
  validTo: Type.Optional(Nullable(Day)),
});

export const InterestStatementView = Type.Object({
  invoiceId: Str,
  number: Nullable(Str),
  currency: Str,
  total: Int,
  dueDate: Day,
  asOf: Day,
  basis: Str,
  dayCount: Str,
  graceDays: Int,
  state: Str,
  lines: Type.Array(
    Type.Object({
      from: Day,
      to: Day,
      days: Int,
      balance: Int,
      annualRateBp: Int,
      amount: Type.Integer({ description: 'This period alone, rounded; the total is rounded once from the exact sum' }),
      exact: Type.String({ description: 'Exact interest in minor units, four decimals' }),
      rateSource: RateSource,
    }),
  ),
  interest: Type.Object({ amount: Int, exact: Str }),
  compensation: Nullable(Type.Object({ amount: Int, statedAmount: Type.Object({ amount: Int, currency: Str }) })),
  compensationNote: Nullable(Str),
  charged: Type.Object({ interest: Int, compensation: Int, fee: Int, waived: Int }),
  totals: Type.Object({ interest: Int, compensation: Int, claim: Int, interestNotYetCharged: Int }),
});

export const RetainerView = Type.Object({ customerId: Str, currency: Str, minimumBalance: Int, balance: Int, belowMinimum: Type.Boolean(), updatedAt: Instant });

export function retainerView(s: RetainerStatus) {
  const r = s.retainer;
  return { customerId: r.customerId, currency: r.currency, minimumBalance: r.minimumBalance, balance: s.balance, belowMinimum: s.balance < r.minimumBalance, updatedAt: r.updatedAt };
}

export const DepositView = Type.Object({
  id: Str,
  customerId: Str,
  invoiceId: Str,
  invoiceNumber: Nullable(Str),
  currency: Str,
  plannedTotal: Nullable(Int),
  percentBp: Nullable(Int),
  amount: Type.Integer({ description: 'Net deposit' }),
  total: Type.Integer({ description: 'Deposit invoice total, tax included' }),
  reasons: Type.Array(Str),
  status: Type.Union([Type.Literal('awaiting_payment'), Type.Literal('paid'), Type.Literal('settled'), Type.Literal('cancelled')]),
  finalInvoiceId: Nullable(Str),
  creditNoteId: Nullable(Str),
  settledAt: Nullable(Instant),
  createdAt: Instant,
});

export function depositView(d: DepositRow, invoice: InvoiceRow) {
  const { orgId: _org, ...rest } = d;
  return { ...rest, invoiceNumber: invoice.number, total: invoice.total, status: depositStatus(d, invoice) };
}

const TemplateLineView = Type.Object({ description: Str, quantity: Str, unitPrice: Int, taxRateBp: Type.Optional(Int), taxCategory: Type.Optional(Str), taxExemptionCode: Type.Optional(Str), taxExemptionReason: Type.Optional(Str), discountBp: Type.Optional(Int) });

export const ScheduleView = Type.Object({
  id: Str,
  customerId: Str,
  name: Str,
  frequency: Str,
  rrule: Nullable(Str),
  startDate: Day,
  endDate: Nullable(Day),
  nextRunDate: Nullable(Day),
  lastPeriod: Nullable(Type.String({ description: 'Occurrences up to this day have been handled (issued or skipped)' })),
  status: Str,
  statusReason: Nullable(Str),
  catchUp: Str,
  sendEmail: Type.Boolean(),
  autopay: Type.Boolean({ description: 'The customer portal charges the saved payment method when an invoice is issued' }),
  template: Type.Object({
    currency: Str,
    series: Str,
    paymentTerms: Str,
    lines: Type.Array(TemplateLineView),
    poNumber: Nullable(Str),
    notes: Nullable(Str),
    termsText: Nullable(Str),
    earlyPayment: Nullable(Type.Object({ percentBp: Int, days: Int })),
  }),
  createdAt: Instant,
  updatedAt: Instant,
  upcoming: Type.Optional(Type.Array(Day)),
  runs: Type.Optional(Type.Array(Type.Object({ period: Day, outcome: Str, invoiceId: Nullable(Str) }))),
});

export function scheduleView(s: RecurringScheduleRow, upcoming?: readonly PlainDate[], runs?: readonly RecurringRunRow[]) {
  const { orgId: _org, ...rest } = s;
  return {
    ...rest,
    ...(upcoming ? { upcoming: upcoming.map((d) => d.toString()) } : {}),
    ...(runs ? { runs: runs.map((r) => ({ period: r.period, outcome: r.outcome, invoiceId: r.invoiceId })) } : {}),
  };
}
