import { Type } from 'typebox';
import type { CollectionCounts } from '../db/repositories/insight-customers.ts';
import type { AgingReport, CustomerPaymentBehaviour, DsoFigures, DsoTrendPoint, RiskAssessment } from '../domain/metrics/index.ts';
import type { Result } from '../domain/result.ts';
import type { CustomerRiskDetail } from '../services/insight/customer-risk.ts';
import type { CurrencyCei } from '../services/insight/dso.ts';
import type { CustomerOverview } from '../services/insight/customers.ts';
import type { CurrencyForecast, InvoicePrediction } from '../services/insight/predictions.ts';
import type { CurrencySummary } from '../services/insight/summary.ts';

// Response shapes of the insight API. Amounts are minor units of `currency`; days are tenths of a day
// (453 = 45.3 days) and shares basis points (2500 = 25 %), exactly as the metrics compute them.
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Minor = Type.Integer({ description: 'Minor units of the currency' });
const Tenths = Type.Integer({ description: 'Tenths of a day: 453 = 45.3 days' });
const Bp = Type.Integer({ description: 'Basis points: 2500 = 25 %' });
const Day = Type.String({ description: 'YYYY-MM-DD' });
const Str = Type.String();
const Int = Type.Integer();
const Unavailable = Type.Object({ code: Str, message: Str }, { description: 'Why the figure is undefined' });

export const DsoView = Type.Object({
  asOf: Day,
  method: Str,
  receivables: Minor,
  currentReceivables: Minor,
  dsoTenths: Tenths,
  bestPossibleTenths: Tenths,
  averageDaysDelinquentTenths: Tenths,
});

export function dsoView(f: DsoFigures) {
  return { ...f, asOf: f.asOf.toString() };
}

function unavailable<T>(r: Result<T>) {
  return r.ok ? null : { code: r.code, message: r.message };
}

export const SummaryView = Type.Object({
  asOf: Day,
  note: Str,
  collections: Type.Object({
    promisesDueToday: Int,
    brokenPromises: Type.Integer({ description: 'Promises to pay broken in the last 30 days' }),
    openDisputes: Int,
  }),
  currencies: Type.Array(
    Type.Object({ currency: Str, receivables: Minor, overdue: Minor, dso: Nullable(DsoView), collectedThisMonth: Minor, paymentsThisMonth: Int }),
  ),
});

export const PER_CURRENCY_NOTE = 'Figures are per currency; amounts in different currencies are never converted or added.';

export function summaryView(asOf: string, currencies: readonly CurrencySummary[], collections: CollectionCounts) {
  return { asOf, note: PER_CURRENCY_NOTE, collections, currencies: currencies.map((c) => ({ ...c, dso: c.dso ? dsoView(c.dso) : null })) };
}

const Bucket = Type.Object({ key: Str, fromDay: Nullable(Int), toDay: Nullable(Int) });

export const AgingView = Type.Object({
  asOf: Day,
  note: Str,
  currencies: Type.Array(
    Type.Object({
      currency: Str,
      buckets: Type.Array(Bucket),
      bucketTotals: Type.Array(Minor),
      total: Minor,
      customers: Type.Array(Type.Object({ customerId: Str, customerName: Str, amounts: Type.Array(Minor), total: Minor })),
    }),
  ),
});

export function agingView(asOf: string, reports: readonly AgingReport[], names: ReadonlyMap<string, string>) {
  return {
    asOf,
    note: PER_CURRENCY_NOTE,
    currencies: reports.map((r) => ({
      currency: r.currency,
      buckets: r.buckets.map((b) => ({ ...b })),
      bucketTotals: [...r.bucketTotals],
      total: r.total,
      customers: r.customers.map((c) => ({ customerId: c.customerId, customerName: names.get(c.customerId) ?? '', amounts: [...c.amounts], total: c.total })),
    })),
  };
}

const TrendPoint = Type.Object({ monthEnd: Day, dso: Nullable(DsoView), unavailable: Nullable(Unavailable) });

export const DsoReportView = Type.Object({
  asOf: Day,
  method: Str,
  note: Str,
  currencies: Type.Array(Type.Object({ currency: Str, current: Nullable(DsoView), unavailable: Nullable(Unavailable), trend: Type.Array(TrendPoint) })),
});

export function trendPointView(p: DsoTrendPoint) {
  return { monthEnd: p.monthEnd.toString(), dso: p.dso.ok ? dsoView(p.dso.value) : null, unavailable: unavailable(p.dso) };
}

export const CeiView = Type.Object({
  from: Day,
  to: Day,
  note: Str,
  currencies: Type.Array(
    Type.Object({
      currency: Str,
      beginningReceivables: Minor,
      creditSales: Minor,
      months: Int,
      endingTotalReceivables: Minor,
      endingCurrentReceivables: Minor,
      ceiBp: Nullable(Bp),
      unavailable: Nullable(Unavailable),
    }),
  ),
});

export function ceiView(from: string, to: string, currencies: readonly CurrencyCei[]) {
  return {
    from,
    to,
    note: PER_CURRENCY_NOTE,
    currencies: currencies.map((c) => ({ currency: c.currency, ...c.figures, ceiBp: c.index.ok ? c.index.value : null, unavailable: unavailable(c.index) })),
  };
}

const behaviourFields = {
  customerId: Str,
  paidInvoices: Int,
  paidLate: Int,
  paidLateShareBp: Bp,
  averageDaysLateTenths: Tenths,
  weightedAverageDaysLateTenths: Tenths,
  averageDaysToPayTenths: Tenths,
};
const Behaviour = Type.Object(behaviourFields);

export const BehaviourListView = Type.Object({
  paidSince: Day,
  data: Type.Array(Type.Object({ ...behaviourFields, currency: Str, customerName: Str })),
});

export function behaviourView(b: CustomerPaymentBehaviour) {
  return {
    customerId: b.customerId,
    paidInvoices: b.paidInvoices,
    paidLate: b.paidLate,
    paidLateShareBp: b.paidLateShareBp,
    averageDaysLateTenths: b.averageDaysLateTenths,
    weightedAverageDaysLateTenths: b.weightedAverageDaysLateTenths,
    averageDaysToPayTenths: b.averageDaysToPayTenths,
  };
}

const Reason = Type.Object(
  {
    code: Str,
    value: Int,
    points: Int,
    overdue: Type.Optional(Minor),
    creditLimit: Type.Optional(Minor),
  },
  { description: 'Units of value: AVG_DAYS_LATE tenths of a day; SHARE_PAID_LATE and OVERDUE_VS_CREDIT_LIMIT basis points; NO_HISTORY paid invoices; BROKEN_PROMISES and OPEN_DISPUTES counts; OVERDUE_WITHOUT_CREDIT minor units' },
);

export const RiskView = Type.Object({ level: Str, score: Int, reasons: Type.Array(Reason) });

export function riskView(r: RiskAssessment) {
  return { level: r.level, score: r.score, reasons: r.reasons.map((x) => ({ ...x })) };
}

export const CustomerRiskView = Type.Object(
  {
    level: Str,
    source: Type.Union([Type.Literal('manual'), Type.Literal('computed'), Type.Literal('default')]),
    manualLevel: Nullable(Str),
    computed: Nullable(Type.Object({ ...RiskView.properties, computedAt: Type.String({ description: 'ISO 8601 instant whose facts were scored' }) })),
  },
  {
    description:
      'The level reminders (step conditions) and the deposit rule act on: manualLevel when set by hand, else the stored computed level, else medium (source default, before the first refresh)',
  },
);

export function customerRiskView(r: CustomerRiskDetail) {
  return { level: r.level, source: r.source, manualLevel: r.manualLevel, computed: r.computed ? { ...riskView(r.computed), computedAt: r.computed.computedAt.toISOString() } : null };
}

export const CustomerOverviewView = Type.Object({
  id: Str,
  name: Str,
  currency: Str,
  status: Str,
  creditLimit: Nullable(Minor),
  tags: Type.Array(Str),
  balances: Type.Array(Type.Object({ currency: Str, balance: Minor, overdue: Minor, openInvoices: Int, overdueInvoices: Int, maxDaysOverdue: Int })),
  behaviour: Nullable(Behaviour),
  risk: { ...RiskView, description: "Scored now from today's figures, whatever is stored or set by hand" },
  effectiveRisk: CustomerRiskView,
  work: Type.Object({
    collectorName: Nullable(Str),
    nextTask: Nullable(Type.Object({ title: Str, dueOn: Day, kind: Str })),
    nextReminderCheck: Nullable(Day),
  }),
});

export function customerOverviewView(c: CustomerOverview) {
  return { ...c, tags: [...c.tags], balances: [...c.balances], behaviour: c.behaviour ? behaviourView(c.behaviour) : null, risk: riskView(c.risk), effectiveRisk: customerRiskView(c.effectiveRisk) };
}

export const PredictionView = Type.Object({
  invoiceId: Str,
  number: Nullable(Str),
  customerId: Str,
  customerName: Str,
  currency: Str,
  dueDate: Day,
  openBalance: Minor,
  predictedPayDate: Day,
  basis: Type.Object({ kind: Str, sampleSize: Int, medianDaysAfterDue: Int }),
  clampedToToday: Type.Boolean(),
});

export function predictionView(p: InvoicePrediction) {
  return {
    invoiceId: p.invoiceId,
    number: p.number,
    customerId: p.customerId,
    customerName: p.customerName,
    currency: p.currency,
    dueDate: p.dueDate.toString(),
    openBalance: p.openBalance,
    predictedPayDate: p.predictedPayDate.toString(),
    basis: { ...p.basis },
    clampedToToday: p.clampedToToday,
  };
}

const Week = Type.Object({ isoWeek: Str, weekStart: Day, weekEnd: Day, amount: Minor, invoices: Int });

export const ForecastView = Type.Object({
  asOf: Day,
  note: Str,
  currencies: Type.Array(Type.Object({ currency: Str, weeks: Type.Array(Week), later: Type.Object({ amount: Minor, invoices: Int }), total: Minor })),
});

export function forecastView(asOf: string, currencies: readonly CurrencyForecast[]) {
  return {
    asOf,
    note: PER_CURRENCY_NOTE,
    currencies: currencies.map((c) => ({
      currency: c.currency,
      weeks: c.weeks.map((w) => ({ ...w, weekStart: w.weekStart.toString(), weekEnd: w.weekEnd.toString() })),
      later: c.later,
      total: c.total,
    })),
  };
}

export const TimelineEntryView = Type.Object({
  kind: Type.Union([Type.Literal('event'), Type.Literal('message'), Type.Literal('portal_view')]),
  id: Str,
  at: Type.String({ format: 'date-time' }),
  entityType: Nullable(Str),
  entityId: Nullable(Str),
  action: Nullable(Str),
  actorType: Nullable(Str),
  actorName: Nullable(Str),
  before: Type.Unknown(),
  after: Type.Unknown(),
  invoiceNumber: Nullable(Str),
  currency: Nullable(Str),
  channel: Nullable(Str),
  status: Nullable(Str),
  subject: Nullable(Str),
  body: Nullable(Type.String({ description: 'The message text as sent' })),
  recipient: Nullable(Str),
  views: Nullable(Int),
});
