import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Temporal } from 'temporal-polyfill';
import { Type } from 'typebox';
import { failure } from '../../domain/result.ts';
import { agingByCustomer } from '../../services/insight/aging.ts';
import { ceiReport, dsoReport } from '../../services/insight/dso.ts';
import { cashInForecast, payDatePredictions } from '../../services/insight/predictions.ts';
import { receivablesSummary } from '../../services/insight/summary.ts';
import { CsvFormatQuery, sendCsv, wantsCsv } from '../csv-reply.ts';
import { sendFailure } from '../errors.ts';
import { config, Currency, CustomerId, Day, days, decimal, edgesOf, errors, optionalDate, tags } from '../insight-route-support.ts';
import {
  AgingView,
  agingView,
  CeiView,
  ceiView,
  DsoReportView,
  dsoView,
  ForecastView,
  forecastView,
  PredictionView,
  predictionView,
  summaryView,
  SummaryView,
  trendPointView,
} from '../insight-views.ts';
import { insightCollectionRoutes } from './insight-collections.ts';
import { insightCustomerRoutes } from './insight-customers.ts';

/** Receivables insight under /insight: the figures of the whole book here, customers and collections beside. */
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

  await app.register(insightCustomerRoutes);
  await app.register(insightCollectionRoutes);
};
