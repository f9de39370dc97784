import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Temporal } from 'temporal-polyfill';
import { Type } from 'typebox';
import { customerBriefs } from '../../db/repositories/insight.ts';
import { listInvoices, type InvoiceRow } from '../../db/repositories/invoices.ts';
import { formatAmount } from '../../domain/money.ts';
import { parseDate, type PlainDate } from '../../domain/dates.ts';
import { failure, type Result, success } from '../../domain/result.ts';
import { agingByCustomer } from '../../services/insight/aging.ts';
import { paymentBehaviourReport } from '../../services/insight/behaviour.ts';
import { customersOverview } from '../../services/insight/customers.ts';
import { ceiReport, dsoReport } from '../../services/insight/dso.ts';
import { cashInForecast, payDatePredictions } from '../../services/insight/predictions.ts';
import { receivablesSummary } from '../../services/insight/summary.ts';
import { customerTimelinePage } from '../../services/insight/timeline.ts';
import { previewPolicy } from '../../services/insight/policy-preview.ts';
import { reminderEffectivenessReport } from '../../services/insight/reminder-effectiveness.ts';
import { MAX_STEPS, RISK_LEVELS } from '../../domain/dunning/index.ts';
import { CsvFormatQuery, sendCsv, wantsCsv } from '../csv-reply.ts';
import { sendFailure } from '../errors.ts';
import {
  AgingView,
  agingView,
  behaviourView,
  BehaviourListView,
  CeiView,
  ceiView,
  CustomerOverviewView,
  customerOverviewView,
  DsoReportView,
  dsoView,
  ForecastView,
  forecastView,
  PER_CURRENCY_NOTE,
  PredictionView,
  predictionView,
  summaryView,
  SummaryView,
  TimelineEntryView,
  trendPointView,
} from '../insight-views.ts';
import { decodeCursor, page, PageQuery } from '../pagination.ts';
import { ErrorSchema, InvoiceView, invoiceView } from '../views.ts';

const tags = ['insight'];
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD; default today' });
const Currency = Type.String({ pattern: '^[A-Z]{3}$' });
const CustomerId = Type.String({ format: 'uuid' });
const errors = { 400: ErrorSchema, 404: ErrorSchema, 422: ErrorSchema };
const config = { permission: 'reports:read' } as const;
/** A register larger than this is better read through the paged API. */
const MAX_EXPORT_ROWS = 200_000;

function optionalDate(text: string | undefined, field: string): Result<PlainDate | undefined> {
  if (text === undefined) return success(undefined);
  const parsed = parseDate(text);
  return parsed ? success(parsed) : failure('INVALID_DATE', 'Not a calendar date', field);
}

/** "30,60,90" → [30, 60, 90]; the domain checks that they make sense. */
function edgesOf(text: string | undefined): number[] | undefined {
  return text === undefined ? undefined : text.split(',').map(Number);
}

const decimal = (amount: number, currency: string) => formatAmount(amount, currency);
const days = (tenths: number | null | undefined) => (tenths === null || tenths === undefined ? null : tenths / 10);
const percent = (bp: number | null | undefined) => (bp === null || bp === undefined ? null : bp / 100);

export const insightRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/insight/summary',
    { config, schema: { tags, summary: 'Headline figures per currency: receivables, overdue, DSO, collected this month', response: { 200: SummaryView } } },
    async (request, reply) => {
      const r = await receivablesSummary(request.ctx);
      return r.ok ? summaryView(r.value.asOf.toString(), r.value.currencies, r.value.collections) : sendFailure(reply, r);
    },
  );

  app.get(
    '/insight/aging',
    {
      config,
      schema: {
        tags,
        summary: 'Open balances by customer and days past due, per currency',
        querystring: Type.Object({
          asOf: Type.Optional(Day),
          edges: Type.Optional(Type.String({ pattern: '^\\d{1,4}(,\\d{1,4}){0,11}$', description: 'Last day of each overdue bucket; default 30,60,90' })),
          currency: Type.Optional(Currency),
          customerId: Type.Optional(CustomerId),
          ...CsvFormatQuery,
        }),
        response: { 200: AgingView, ...errors },
      },
    },
    async (request, reply) => {
      const { asOf: asOfText, edges, currency, customerId } = request.query;
      const asOf = optionalDate(asOfText, 'asOf');
      if (!asOf.ok) return sendFailure(reply, asOf);
      const r = await agingByCustomer(request.ctx, { asOf: asOf.value, edges: edgesOf(edges), currency, customerId });
      if (!r.ok) return sendFailure(reply, r);
      const date = (asOf.value ?? request.today).toString();
      const view = agingView(date, r.value.reports, r.value.customerNames);
      if (!wantsCsv(request)) return view;
      const keys = view.currencies[0]?.buckets.map((b) => b.key) ?? [];
      return sendCsv(
        reply,
        `aging-${date}.csv`,
        ['currency', 'customer_id', 'customer', ...keys.map((k) => `bucket_${k}`), 'total'],
        view.currencies.flatMap((c) => c.customers.map((x) => [c.currency, x.customerId, x.customerName, ...x.amounts.map((a) => decimal(a, c.currency)), decimal(x.total, c.currency)])),
      );
    },
  );

  app.get(
    '/insight/dso',
    {
      config,
      schema: {
        tags,
        summary: 'DSO, best possible DSO and average days delinquent now and at the last month-ends, per currency',
        querystring: Type.Object({
          asOf: Type.Optional(Day),
          method: Type.Optional(Type.Union([Type.Literal('countback'), Type.Literal('simple')], { default: 'countback' })),
          periodDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 366, default: 90, description: 'Sales period of the simple method' })),
          months: Type.Optional(Type.Integer({ minimum: 0, maximum: 36, default: 12, description: 'Month-ends in the trend' })),
          ...CsvFormatQuery,
        }),
        response: { 200: DsoReportView, ...errors },
      },
    },
    async (request, reply) => {
      const { asOf: asOfText, method = 'countback', periodDays = 90, months = 12 } = request.query;
      const asOf = optionalDate(asOfText, 'asOf');
      if (!asOf.ok) return sendFailure(reply, asOf);
      const r = await dsoReport(request.ctx, { asOf: asOf.value, method: method === 'simple' ? { kind: 'simple', periodDays } : { kind: 'countback' }, trendMonths: months });
      if (!r.ok) return sendFailure(reply, r);
      const date = (asOf.value ?? request.today).toString();
      const view = {
        asOf: date,
        method,
        note: 'Per currency; days are in tenths (453 = 45.3 days).',
        currencies: r.value.map((c) => ({
          currency: c.currency,
          current: c.current.ok ? dsoView(c.current.value) : null,
          unavailable: c.current.ok ? null : { code: c.current.code, message: c.current.message },
          trend: c.trend.map(trendPointView),
        })),
      };
      if (!wantsCsv(request)) return view;
      return sendCsv(
        reply,
        `dso-${date}.csv`,
        ['currency', 'date', 'method', 'receivables', 'current_receivables', 'dso_days', 'best_possible_dso_days', 'average_days_delinquent'],
        view.currencies.flatMap((c) =>
          [...c.trend.map((p) => ({ date: p.monthEnd, dso: p.dso })), { date, dso: c.current }].map(({ date: d, dso }) => [
            c.currency,
            d,
            method,
            dso ? decimal(dso.receivables, c.currency) : null,
            dso ? decimal(dso.currentReceivables, c.currency) : null,
            days(dso?.dsoTenths),
            days(dso?.bestPossibleTenths),
            days(dso?.averageDaysDelinquentTenths),
          ]),
        ),
      );
    },
  );

  app.get(
    '/insight/cei',
    {
      config,
      schema: {
        tags,
        summary: 'Collection effectiveness index over whole months, per currency',
        querystring: Type.Object({
          from: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}$', description: 'First month YYYY-MM; default the months before this one' })),
          months: Type.Optional(Type.Integer({ minimum: 1, maximum: 120, default: 3 })),
        }),
        response: { 200: CeiView, ...errors },
      },
    },
    async (request, reply) => {
      const { from, months = 3 } = request.query;
      let first: Temporal.PlainYearMonth | undefined;
      if (from !== undefined) {
        try {
          first = Temporal.PlainYearMonth.from(from, { overflow: 'reject' });
        } catch {
          return sendFailure(reply, failure('INVALID_DATE', 'Not a month', 'from'));
        }
      }
      const r = await ceiReport(request.ctx, first, months);
      return r.ok ? ceiView(r.value.from.toString(), r.value.to.toString(), r.value.currencies) : sendFailure(reply, r);
    },
  );

  app.get(
    '/insight/payment-behaviour',
    {
      config,
      schema: {
        tags,
        summary: 'Average days late, share paid late and days to pay per customer and currency',
        querystring: Type.Object({ paidSince: Type.Optional(Day), customerId: Type.Optional(CustomerId), ...CsvFormatQuery }),
        response: { 200: BehaviourListView, ...errors },
      },
    },
    async (request, reply) => {
      const paidSince = optionalDate(request.query.paidSince, 'paidSince');
      if (!paidSince.ok) return sendFailure(reply, paidSince);
      const r = await paymentBehaviourReport(request.ctx, { paidSince: paidSince.value, customerId: request.query.customerId });
      if (!r.ok) return sendFailure(reply, r);
      const data = r.value.data.map((b) => ({ ...behaviourView(b), currency: b.currency, customerName: b.customerName }));
      if (!wantsCsv(request)) return { paidSince: r.value.paidSince.toString(), data };
      return sendCsv(
        reply,
        'payment-behaviour.csv',
        ['customer_id', 'customer', 'currency', 'paid_invoices', 'paid_late', 'paid_late_percent', 'average_days_late', 'amount_weighted_days_late', 'average_days_to_pay'],
        data.map((b) => [b.customerId, b.customerName, b.currency, b.paidInvoices, b.paidLate, percent(b.paidLateShareBp), days(b.averageDaysLateTenths), days(b.weightedAverageDaysLateTenths), days(b.averageDaysToPayTenths)]),
      );
    },
  );

  app.get(
    '/insight/customers',
    {
      config,
      schema: {
        tags,
        summary: 'Customers with balance, overdue, payment behaviour and risk level',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200, description: 'Search name, legal name, reference, tax id' })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 500 })),
          ...CsvFormatQuery,
        }),
        response: { 200: Type.Object({ asOf: Day, data: Type.Array(CustomerOverviewView) }), ...errors },
      },
    },
    async (request, reply) => {
      const r = await customersOverview(request.ctx, { q: request.query.q?.trim() || undefined, limit: request.query.limit ?? 500 });
      if (!r.ok) return sendFailure(reply, r);
      const data = r.value.customers.map(customerOverviewView);
      if (!wantsCsv(request)) return { asOf: r.value.asOf.toString(), data };
      return sendCsv(
        reply,
        `customers-${r.value.asOf.toString()}.csv`,
        ['customer_id', 'customer', 'status', 'currency', 'balance', 'overdue', 'overdue_invoices', 'oldest_days_overdue', 'risk_level', 'risk_score', 'average_days_late', 'collector', 'next_task', 'next_task_due'],
        data.flatMap((c) => {
          const base = [c.id, c.name, c.status] as const;
          const risk = [c.risk.level, c.risk.score, days(c.behaviour?.weightedAverageDaysLateTenths), c.work.collectorName, c.work.nextTask?.title ?? null, c.work.nextTask?.dueOn ?? null] as const;
          if (c.balances.length === 0) return [[...base, c.currency, decimal(0, c.currency), decimal(0, c.currency), 0, 0, ...risk]];
          return c.balances.map((b) => [...base, b.currency, decimal(b.balance, b.currency), decimal(b.overdue, b.currency), b.overdueInvoices, b.maxDaysOverdue, ...risk]);
        }),
      );
    },
  );

  app.get(
    '/insight/customers/:id',
    {
      config,
      schema: {
        tags,
        summary: 'One customer: balances, payment behaviour, and the risk level with its reasons',
        params: Type.Object({ id: CustomerId }),
        response: { 200: CustomerOverviewView, ...errors },
      },
    },
    async (request, reply) => {
      const r = await customersOverview(request.ctx, { customerId: request.params.id, limit: 1 });
      if (!r.ok) return sendFailure(reply, r);
      const [customer] = r.value.customers;
      return customer ? customerOverviewView(customer) : sendFailure(reply, failure('CUSTOMER_NOT_FOUND', 'No such customer', 'id'));
    },
  );

  app.get(
    '/insight/predictions',
    {
      config,
      schema: {
        tags,
        summary: 'Predicted pay date of every open invoice, soonest first',
        querystring: Type.Object({ customerId: Type.Optional(CustomerId), currency: Type.Optional(Currency), ...CsvFormatQuery }),
        response: { 200: Type.Object({ asOf: Day, data: Type.Array(PredictionView) }), ...errors },
      },
    },
    async (request, reply) => {
      const r = await payDatePredictions(request.ctx, { customerId: request.query.customerId, currency: request.query.currency });
      if (!r.ok) return sendFailure(reply, r);
      const data = r.value.predictions.map(predictionView);
      if (!wantsCsv(request)) return { asOf: r.value.asOf.toString(), data };
      return sendCsv(
        reply,
        `predicted-pay-dates-${r.value.asOf.toString()}.csv`,
        ['invoice_id', 'number', 'customer_id', 'customer', 'currency', 'due_date', 'open_balance', 'predicted_pay_date', 'basis', 'sample_size', 'median_days_after_due'],
        data.map((p) => [p.invoiceId, p.number, p.customerId, p.customerName, p.currency, p.dueDate, decimal(p.openBalance, p.currency), p.predictedPayDate, p.basis.kind, p.basis.sampleSize, p.basis.medianDaysAfterDue]),
      );
    },
  );

  app.get(
    '/insight/forecast',
    {
      config,
      schema: {
        tags,
        summary: 'Expected cash-in per ISO week for the next 13 weeks, per currency',
        querystring: Type.Object({ currency: Type.Optional(Currency), ...CsvFormatQuery }),
        response: { 200: ForecastView, ...errors },
      },
    },
    async (request, reply) => {
      const r = await cashInForecast(request.ctx, { currency: request.query.currency });
      if (!r.ok) return sendFailure(reply, r);
      const view = forecastView(r.value.asOf.toString(), r.value.currencies);
      if (!wantsCsv(request)) return view;
      return sendCsv(
        reply,
        `cash-forecast-${view.asOf}.csv`,
        ['currency', 'iso_week', 'week_start', 'week_end', 'expected_amount', 'invoices'],
        view.currencies.flatMap((c) => [
          ...c.weeks.map((w) => [c.currency, w.isoWeek, w.weekStart, w.weekEnd, decimal(w.amount, c.currency), w.invoices]),
          [c.currency, 'later', null, null, decimal(c.later.amount, c.currency), c.later.invoices],
        ]),
      );
    },
  );

  app.get(
    '/insight/customers/:id/timeline',
    {
      config: { permission: 'events:read' },
      schema: {
        tags,
        summary: "Everything that happened with a customer, newest first: events of the customer, its invoices and payments, messages with their content, portal views",
        params: Type.Object({ id: CustomerId }),
        querystring: Type.Object({
          cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor of the previous page' })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
          ...CsvFormatQuery,
        }),
        response: { 200: Type.Object({ data: Type.Array(TimelineEntryView), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...errors },
      },
    },
    async (request, reply) => {
      const { cursor, limit = 50 } = request.query;
      const r = await customerTimelinePage(request.ctx, request.params.id, { cursor, limit });
      if (!r.ok) return sendFailure(reply, r);
      if (!wantsCsv(request)) return { data: r.value.entries, nextCursor: r.value.nextCursor };
      return sendCsv(
        reply,
        `timeline-${request.params.id}.csv`,
        ['at', 'kind', 'action', 'entity_type', 'entity_id', 'invoice', 'actor', 'channel', 'status', 'subject', 'body'],
        r.value.entries.map((e) => [e.at, e.kind, e.action, e.entityType, e.entityId, e.invoiceNumber, e.actorName ?? e.actorType, e.channel, e.status, e.subject, e.body]),
      );
    },
  );

  app.get(
    '/insight/invoices',
    {
      config: { permission: 'invoices:read' },
      schema: {
        tags,
        summary: 'The invoice register: invoices with their customer names, filtered like GET /invoices; as CSV, every matching invoice',
        querystring: Type.Object({
          ...PageQuery,
          status: Type.Optional(Type.Array(Type.Union(['draft', 'open', 'partially_paid', 'paid', 'void', 'written_off', 'uncollectible'].map((x) => Type.Literal(x))))),
          kind: Type.Optional(Type.Union([Type.Literal('invoice'), Type.Literal('credit_note')])),
          customerId: Type.Optional(CustomerId),
          currency: Type.Optional(Currency),
          overdue: Type.Optional(Type.Boolean()),
          number: Type.Optional(Type.String({ maxLength: 60 })),
          issuedFrom: Type.Optional(Day),
          issuedTo: Type.Optional(Day),
          dueFrom: Type.Optional(Day),
          dueTo: Type.Optional(Day),
          ...CsvFormatQuery,
        }),
        response: { 200: Type.Object({ data: Type.Array(Type.Object({ ...InvoiceView.properties, customerName: Type.String() })), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...errors },
      },
    },
    async (request, reply) => {
      const { limit = 50, cursor, overdue, format: _format, ...filter } = request.query;
      const first = decodeCursor(cursor);
      if (first === null) return sendFailure(reply, { code: 'INVALID_CURSOR', message: 'Unknown cursor', field: 'cursor' });
      const { db, orgId } = request.ctx;
      const query = { ...filter, overdueOn: overdue ? request.today.toString() : undefined };
      const csv = wantsCsv(request);
      const rows: InvoiceRow[] = [];
      // As CSV the whole register is written, a page of 500 at a time.
      for (let before = first, more = true; more; ) {
        const batch = await listInvoices(db, orgId, { ...query, before, limit: csv ? 500 : limit });
        rows.push(...batch);
        more = csv && batch.length === 500 && rows.length < MAX_EXPORT_ROWS;
        before = batch[batch.length - 1]?.id;
      }
      const names = new Map((await customerBriefs(db, orgId, { ids: [...new Set(rows.map((r) => r.customerId))], limit: 1_000_000 })).map((c) => [c.id, c.name]));
      const data = rows.map((i) => ({ ...invoiceView(request.today, i), customerName: names.get(i.customerId) ?? '' }));
      if (!csv) return page(data, limit, (x) => x);
      return sendCsv(
        reply,
        `invoices-${request.today.toString()}.csv`,
        ['invoice_id', 'kind', 'number', 'status', 'customer_id', 'customer', 'currency', 'issue_date', 'due_date', 'days_overdue', 'subtotal', 'tax', 'total', 'paid', 'credited', 'balance', 'po_number'],
        data.map((i) => [i.id, i.kind, i.number, i.status, i.customerId, i.customerName, i.currency, i.issueDate, i.dueDate, i.daysOverdue, decimal(i.subtotal, i.currency), decimal(i.taxTotal, i.currency), decimal(i.total, i.currency), decimal(i.amountPaid, i.currency), decimal(i.amountCredited, i.currency), decimal(i.balance, i.currency), i.poNumber]),
      );
    },
  );

  app.post(
    '/insight/policy-preview',
    {
      config: { permission: 'collections:read' },
      schema: {
        tags,
        summary: 'What a dunning policy (saved or not) would do to a sample unpaid invoice, day by day, as the daily tick runs it; writes nothing',
        body: Type.Object(
          {
            steps: Type.Array(Type.Unknown(), { maxItems: MAX_STEPS, description: 'Steps as for POST /dunning/policies' }),
            sample: Type.Object(
              {
                issueDate: Day,
                dueDate: Day,
                amountMinor: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
                currency: Currency,
                riskLevel: Type.Optional(Type.Union(RISK_LEVELS.map((r) => Type.Literal(r)), { default: 'medium' })),
                tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 20 })),
              },
              { additionalProperties: false },
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            valid: Type.Boolean(),
            errors: Type.Optional(Type.Array(Type.Object({ code: Type.String(), message: Type.String(), field: Type.String() }))),
            horizon: Type.Optional(Type.String()),
            entries: Type.Optional(
              Type.Array(
                Type.Object({
                  on: Type.String(),
                  stepId: Type.String(),
                  occurrence: Type.Integer(),
                  outcome: Type.String(),
                  channel: Type.Union([Type.String(), Type.Null()]),
                  tone: Type.Union([Type.String(), Type.Null()]),
                  templateKey: Type.Union([Type.String(), Type.Null()]),
                  reason: Type.Union([Type.String(), Type.Null()]),
                }),
              ),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const { steps, sample } = request.body;
      const r = previewPolicy(steps, { ...sample, riskLevel: sample.riskLevel ?? 'medium', tags: sample.tags ?? [] });
      if (!r.ok) return sendFailure(reply, r);
      const p = r.value;
      return p.valid ? { valid: true, horizon: p.horizon.toString(), entries: p.entries.map((e) => ({ ...e, on: e.on.toString() })) } : { valid: false, errors: [...p.errors] };
    },
  );

  app.get(
    '/insight/reminder-effectiveness',
    {
      config,
      schema: {
        tags,
        summary: 'Per dunning step: the share of reminded invoices paid in full within windowDays of the reminder, per currency',
        querystring: Type.Object({ windowDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 90, default: 7 })), ...CsvFormatQuery }),
        response: {
          200: Type.Object({
            asOf: Day,
            windowDays: Type.Integer(),
            note: Type.String(),
            currencies: Type.Array(
              Type.Object({
                currency: Type.String(),
                steps: Type.Array(
                  Type.Object({
                    stepId: Type.String(),
                    reminded: Type.Integer(),
                    paidWithinWindow: Type.Integer(),
                    paidWithinWindowShareBp: Type.Union([Type.Integer(), Type.Null()]),
                    pending: Type.Integer({ description: 'Unpaid, and the window has not ended yet' }),
                    sentAfterPayment: Type.Integer({ description: 'Reminders sent for an invoice already paid: a dunning fault' }),
                  }),
                ),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const r = await reminderEffectivenessReport(request.ctx, request.query.windowDays ?? 7);
      if (!r.ok) return sendFailure(reply, r);
      const view = { asOf: r.value.asOf.toString(), windowDays: r.value.windowDays, note: PER_CURRENCY_NOTE, currencies: r.value.currencies.map((c) => ({ currency: c.currency, steps: [...c.steps] })) };
      if (!wantsCsv(request)) return view;
      return sendCsv(
        reply,
        `reminder-effectiveness-${view.asOf}.csv`,
        ['currency', 'step_id', 'reminded', 'paid_within_window', 'paid_within_window_percent', 'pending', 'sent_after_payment'],
        view.currencies.flatMap((c) => c.steps.map((x) => [c.currency, x.stepId, x.reminded, x.paidWithinWindow, percent(x.paidWithinWindowShareBp), x.pending, x.sentAfterPayment])),
      );
    },
  );
};
