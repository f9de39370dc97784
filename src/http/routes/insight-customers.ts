import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { failure } from '../../domain/result.ts';
import { paymentBehaviourReport } from '../../services/insight/behaviour.ts';
import { customersOverview } from '../../services/insight/customers.ts';
import { customerTimelinePage } from '../../services/insight/timeline.ts';
import { CsvFormatQuery, sendCsv, wantsCsv } from '../csv-reply.ts';
import { sendFailure } from '../errors.ts';
import { config, CustomerId, Day, days, decimal, errors, optionalDate, percent, tags } from '../insight-route-support.ts';
import { behaviourView, BehaviourListView, CustomerOverviewView, customerOverviewView, TimelineEntryView } from '../insight-views.ts';

/** Customers as insight sees them: balances, behaviour, risk with its reasons, and the one timeline. */
export const insightCustomerRoutes: FastifyPluginAsyncTypebox = async (app) => {
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
        ['customer_id', 'customer', 'status', 'currency', 'balance', 'overdue', 'overdue_invoices', 'oldest_days_overdue', 'risk_level', 'risk_source', 'risk_score', 'average_days_late', 'collector', 'next_task', 'next_task_due'],
        data.flatMap((c) => {
          const base = [c.id, c.name, c.status] as const;
          // The level the list shows and dunning acts on, and the score of the stored computation (today's before the first).
          const { level, source, computed } = c.effectiveRisk;
          const risk = [level, source, (computed ?? c.risk).score, days(c.behaviour?.weightedAverageDaysLateTenths), c.work.collectorName, c.work.nextTask?.title ?? null, c.work.nextTask?.dueOn ?? null] as const;
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
};
