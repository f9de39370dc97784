import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { activeAllocations } from '../../db/repositories/invoices.ts';
import { findPayment, listPayments, refundsOf } from '../../db/repositories/payments.ts';
import { AllocationInput, PaymentMethod, ReasonInput, RecordPaymentInput, RefundInput } from '../../services/inputs.ts';
import { allocatePaymentCredit, recordPayment, refundPayment, removeAllocation, reversePayment } from '../../services/payments.ts';
import { sendFailure, sendResult } from '../errors.ts';
import { decodeCursor, page, PageQuery } from '../pagination.ts';
import { ErrorSchema, InvoiceView, PaymentView, invoiceView, pageOf, paymentView } from '../views.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const errors = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const PaymentWithInvoices = Type.Object({ payment: PaymentView, invoices: Type.Array(InvoiceView) });
const tags = ['payments'];

export const paymentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/payments',
    { config: { permission: 'payments:read' },
      schema: {
        tags,
        summary: 'List payments, newest first',
        querystring: Type.Object({
          ...PageQuery,
          customerId: Type.Optional(Type.String({ format: 'uuid' })),
          currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
          method: Type.Optional(Type.Array(PaymentMethod)),
          status: Type.Optional(Type.Union([Type.Literal('recorded'), Type.Literal('reversed')])),
          receivedFrom: Type.Optional(Day),
          receivedTo: Type.Optional(Day),
        }),
        response: { 200: pageOf(PaymentView), 400: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { limit = 50, cursor, ...filter } = request.query;
      const before = decodeCursor(cursor);
      if (before === null) return sendFailure(reply, { code: 'INVALID_CURSOR', message: 'Unknown cursor', field: 'cursor' });
      return page(await listPayments(request.ctx.db, request.ctx.orgId, { ...filter, before, limit }), limit, (p) => paymentView(p));
    },
  );

  app.post(
    '/payments',
    { config: { permission: 'payments:write' }, schema: { tags, summary: 'Record a payment; allocations by hand or oldest-first, any excess kept as credit', body: RecordPaymentInput, response: { 201: PaymentWithInvoices, ...errors } } },
    async (request, reply) =>
      sendResult(reply, await recordPayment(request.ctx, request.body), (r) => ({ payment: paymentView(r.payment), invoices: r.invoices.map((i) => invoiceView(request.today, i)) }), 201),
  );

  app.get('/payments/:id', { config: { permission: 'payments:read' }, schema: { tags, summary: 'A payment with its allocations and refunds', params: IdParams, response: { 200: PaymentView, 404: ErrorSchema } } }, async (request, reply) => {
    const { db, orgId } = request.ctx;
    const payment = await findPayment(db, orgId, request.params.id);
    if (!payment) return sendFailure(reply, { code: 'PAYMENT_NOT_FOUND', message: 'No such payment', field: 'id' });
    return paymentView(payment, await activeAllocations(db, orgId, { paymentId: payment.id }), await refundsOf(db, orgId, payment.id));
  });

  app.post(
    '/payments/:id/allocations',
    { config: { permission: 'payments:write' },
      schema: {
        tags,
        summary: "Spend a payment's unallocated amount on invoices",
        params: IdParams,
        body: Type.Object({ allocations: Type.Optional(Type.Array(AllocationInput, { maxItems: 500 })) }, { additionalProperties: false }),
        response: { 200: PaymentWithInvoices, ...errors },
      },
    },
    async (request, reply) =>
      sendResult(reply, await allocatePaymentCredit(request.ctx, request.params.id, request.body.allocations), (r) => ({
        payment: paymentView(r.payment),
        invoices: r.invoices.map((i) => invoiceView(request.today, i)),
      })),
  );

  app.post('/payments/:id/reverse', { config: { permission: 'payments:write' }, schema: { tags, summary: 'Reverse a bounced or mistaken payment', params: IdParams, body: ReasonInput, response: { 200: PaymentWithInvoices, ...errors } } }, async (request, reply) =>
    sendResult(reply, await reversePayment(request.ctx, request.params.id, request.body.reason), (r) => ({ payment: paymentView(r.payment), invoices: r.invoices.map((i) => invoiceView(request.today, i)) })),
  );

  app.post(
    '/payments/:id/refunds',
    { config: { permission: 'payments:write' }, schema: { tags, summary: "Refund part of a payment's unallocated credit", params: IdParams, body: RefundInput, response: { 201: PaymentView, ...errors } } },
    async (request, reply) => sendResult(reply, await refundPayment(request.ctx, request.params.id, request.body), (r) => paymentView(r.payment, undefined, [r.refund]), 201),
  );

  app.post(
    '/allocations/:id/reverse',
    { config: { permission: 'payments:write' }, schema: { tags, summary: 'Take one allocation off its invoice; the money returns to credit', params: IdParams, response: { 200: InvoiceView, ...errors } } },
    async (request, reply) => sendResult(reply, await removeAllocation(request.ctx, request.params.id), (i) => invoiceView(request.today, i)),
  );
};
