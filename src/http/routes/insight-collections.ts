import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { customerBriefs } from '../../db/repositories/insight-customers.ts';
import { listInvoices, type InvoiceRow } from '../../db/repositories/invoices.ts';
import { MAX_STEPS, RISK_LEVELS } from '../../domain/dunning/index.ts';
import { previewPolicy } from '../../services/insight/policy-preview.ts';
import { reminderEffectivenessReport } from '../../services/insight/reminder-effectiveness.ts';
import { CsvFormatQuery, sendCsv, wantsCsv } from '../csv-reply.ts';
import { sendFailure } from '../errors.ts';
import { config, Currency, CustomerId, Day, decimal, errors, percent, tags } from '../insight-route-support.ts';
import { PER_CURRENCY_NOTE } from '../insight-views.ts';
import { decodeCursor, page, PageQuery } from '../pagination.ts';
import { InvoiceView, invoiceView } from '../views.ts';

/** A register larger than this is better read through the paged API. */
const MAX_EXPORT_ROWS = 200_000;

/** The invoice register, and how dunning works: reminder effectiveness and the policy preview. */
export const insightCollectionRoutes: FastifyPluginAsyncTypebox = async (app) => {
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
