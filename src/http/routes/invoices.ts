import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { activeAllocations, findInvoice, invoiceLinesOf, listInvoices } from '../../db/repositories/invoices.ts';
import { createCreditNote } from '../../services/credit-notes.ts';
import { sendInvoice } from '../../services/documents/send-invoice.ts';
import { CreateInvoiceInput, CreditNoteInput, ReasonInput, UpdateDraftInput } from '../../services/inputs.ts';
import { createInvoice, decideInvoice, deleteDraftInvoice, issueInvoice, updateDraft } from '../../services/invoices.ts';
import { sendFailure, sendResult } from '../errors.ts';
import { QueuedMessageView, queuedMessageView } from '../message-views.ts';
import { decodeCursor, page, PageQuery } from '../pagination.ts';
import { ErrorSchema, InvoiceView, invoiceView, pageOf } from '../views.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const errors = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Status = Type.Union(['draft', 'open', 'partially_paid', 'paid', 'void', 'written_off', 'uncollectible'].map((s) => Type.Literal(s)));
const tags = ['invoices'];

export const invoiceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/invoices',
    { config: { permission: 'invoices:read' },
      schema: {
        tags,
        summary: 'List invoices and credit notes, newest first',
        querystring: Type.Object({
          ...PageQuery,
          status: Type.Optional(Type.Array(Status, { description: 'Repeat or comma-separate' })),
          kind: Type.Optional(Type.Union([Type.Literal('invoice'), Type.Literal('credit_note')])),
          customerId: Type.Optional(Type.String({ format: 'uuid' })),
          currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
          overdue: Type.Optional(Type.Boolean({ description: 'Only invoices past their due date with money owed' })),
          number: Type.Optional(Type.String({ maxLength: 60 })),
          issuedFrom: Type.Optional(Day),
          issuedTo: Type.Optional(Day),
          dueFrom: Type.Optional(Day),
          dueTo: Type.Optional(Day),
        }),
        response: { 200: pageOf(InvoiceView), 400: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { limit = 50, cursor, overdue, ...filter } = request.query;
      const before = decodeCursor(cursor);
      if (before === null) return sendFailure(reply, { code: 'INVALID_CURSOR', message: 'Unknown cursor', field: 'cursor' });
      const rows = await listInvoices(request.ctx.db, request.ctx.orgId, { ...filter, before, limit, overdueOn: overdue ? request.today.toString() : undefined });
      return page(rows, limit, (i) => invoiceView(request.today, i));
    },
  );

  app.post(
    '/invoices',
    { config: { permission: 'invoices:write' }, schema: { tags, summary: 'Create a draft invoice (or issue it at once with issue: true)', body: CreateInvoiceInput, response: { 201: InvoiceView, ...errors } } },
    async (request, reply) => sendResult(reply, await createInvoice(request.ctx, request.body), (i) => invoiceView(request.today, i), 201),
  );

  app.get('/invoices/:id', { config: { permission: 'invoices:read' }, schema: { tags, summary: 'An invoice with its lines and the money applied to it', params: IdParams, response: { 200: InvoiceView, 404: ErrorSchema } } }, async (request, reply) => {
    const { db, orgId } = request.ctx;
    const invoice = await findInvoice(db, orgId, request.params.id);
    if (!invoice) return sendFailure(reply, { code: 'INVOICE_NOT_FOUND', message: 'No such invoice', field: 'id' });
    const allocations = await activeAllocations(db, orgId, invoice.kind === 'invoice' ? { invoiceId: invoice.id } : { creditNoteId: invoice.id });
    return invoiceView(request.today, invoice, await invoiceLinesOf(db, orgId, [invoice.id]), allocations);
  });

  app.patch('/invoices/:id', { config: { permission: 'invoices:write' }, schema: { tags, summary: 'Edit a draft', params: IdParams, body: UpdateDraftInput, response: { 200: InvoiceView, ...errors } } }, async (request, reply) =>
    sendResult(reply, await updateDraft(request.ctx, request.params.id, request.body), (i) => invoiceView(request.today, i)),
  );

  app.delete('/invoices/:id', { config: { permission: 'invoices:write' }, schema: { tags, summary: 'Delete a draft', params: IdParams, response: { 200: InvoiceView, ...errors } } }, async (request, reply) =>
    sendResult(reply, await deleteDraftInvoice(request.ctx, request.params.id), (i) => invoiceView(request.today, i)),
  );

  app.post('/invoices/:id/issue', { config: { permission: 'invoices:write' }, schema: { tags, summary: 'Issue a draft: number it and open it', params: IdParams, response: { 200: InvoiceView, ...errors } } }, async (request, reply) =>
    sendResult(reply, await issueInvoice(request.ctx, request.params.id), (i) => invoiceView(request.today, i)),
  );

  for (const [path, decision, summary] of [
    ['void', 'void', 'Void an issued invoice that carries no money'],
    ['write-off', 'written_off', 'Write the balance off as bad debt'],
    ['mark-uncollectible', 'uncollectible', 'Mark the balance as doubtful; it can still be paid'],
  ] as const) {
    app.post(`/invoices/:id/${path}`, { config: { permission: 'invoices:write' }, schema: { tags, summary, params: IdParams, body: ReasonInput, response: { 200: InvoiceView, ...errors } } }, async (request, reply) =>
      sendResult(reply, await decideInvoice(request.ctx, request.params.id, decision, request.body.reason), (i) => invoiceView(request.today, i)),
    );
  }

  app.post(
    '/invoices/:id/send',
    { config: { permission: 'invoices:write' },
      schema: {
        tags,
        summary: 'Email an issued invoice to its billing contact (or another contact of the customer) with the PDF and a portal link of their own',
        description:
          'Queues the email in the outbox; the answer is the queued message. The same request again in the same minute (UTC), or with the same ' +
          'Idempotency-Key header at any time, sends nothing more and answers with the message queued first (repeated: true).',
        params: IdParams,
        headers: Type.Object({
          'idempotency-key': Type.Optional(Type.String({ pattern: '^[A-Za-z0-9._:-]{1,100}$', description: 'Your id of this request, so a retry never sends twice' })),
        }),
        body: Type.Object(
          {
            contactId: Type.Optional(Type.String({ format: 'uuid', description: 'A contact of the invoice\'s customer' })),
            to: Type.Optional(Type.String({ minLength: 3, maxLength: 254, description: 'The email address of a contact of the invoice\'s customer' })),
          },
          { additionalProperties: false },
        ),
        response: { 202: QueuedMessageView, ...errors },
      },
      // A POST with no body at all sends to the default contact; validation would otherwise ask for an object.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request, reply) =>
      sendResult(
        reply,
        await sendInvoice(request.ctx, request.params.id, request.body, { requestKey: request.headers['idempotency-key'] }),
        (q) => queuedMessageView(q.message, q.repeated),
        202,
      ),
  );

  app.post(
    '/invoices/:id/credit-notes',
    { config: { permission: 'invoices:write' },
      schema: {
        tags,
        summary: 'Correct an issued invoice with a credit note (lines, or an amount tax included)',
        params: IdParams,
        body: CreditNoteInput,
        response: { 201: Type.Object({ creditNote: InvoiceView, invoice: InvoiceView }), ...errors },
      },
    },
    async (request, reply) =>
      sendResult(
        reply,
        await createCreditNote(request.ctx, request.params.id, request.body),
        (r) => ({ creditNote: invoiceView(request.today, r.creditNote), invoice: invoiceView(request.today, r.invoice) }),
        201,
      ),
  );
};
