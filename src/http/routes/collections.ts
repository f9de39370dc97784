import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { listClaims, listDisputes, listPlans, listPromises, type CollectionFilter } from '../../db/repositories/collections.ts';
import { closePaymentClaim, recordPaymentClaim } from '../../services/collections/claims.ts';
import { getDispute, openDispute, resolveDispute } from '../../services/collections/disputes.ts';
import { ClaimInput, DisputeInput, NoteInput, PaymentPlanInput, PromiseInput, ResolveDisputeInput } from '../../services/collections/inputs.ts';
import { addNote, customerNotes } from '../../services/collections/notes.ts';
import { cancelPaymentPlan, createPaymentPlan, getPaymentPlan } from '../../services/collections/payment-plans.ts';
import { cancelPromise, getPromise, recordPromise } from '../../services/collections/promises.ts';
import { ClaimView, DisputeView, NoteView, PlanView, PromiseView, claimView, disputeView, noteView, pageView, planView, promiseView } from '../collections-views.ts';
import { sendFailure, sendResult } from '../errors.ts';
import { decodeCursor, page, PageQuery } from '../pagination.ts';
import { ErrorSchema } from '../views.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const errors = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const tags = ['collections'];
const ListQuery = (statuses: readonly string[]) =>
  Type.Object(
    {
      ...PageQuery,
      status: Type.Optional(Type.Union(statuses.map((s) => Type.Literal(s)))),
      customerId: Type.Optional(Type.String({ format: 'uuid' })),
      invoiceId: Type.Optional(Type.String({ format: 'uuid' })),
    },
    { additionalProperties: false },
  );

export const collectionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // A list endpoint per kind: newest first, filtered by status, customer or invoice, cursor-paged.
  const list = <R extends { id: string }, V>(
    path: string,
    statuses: readonly string[],
    item: Parameters<typeof pageView>[0],
    load: (db: Parameters<typeof listDisputes>[0], orgId: string, f: CollectionFilter) => Promise<R[]>,
    view: (row: R) => V,
    summary: string,
  ) =>
    app.get(path, { config: { permission: 'collections:read' }, schema: { tags, summary, querystring: ListQuery(statuses), response: { 200: pageView(item), 400: ErrorSchema } } }, async (request, reply) => {
      const { limit = 50, cursor, ...filter } = request.query as { limit?: number; cursor?: string; status?: string; customerId?: string; invoiceId?: string };
      const before = decodeCursor(cursor);
      if (before === null) return sendFailure(reply, { code: 'INVALID_CURSOR', message: 'Unknown cursor', field: 'cursor' });
      return page(await load(request.ctx.db, request.ctx.orgId, { ...filter, before, limit }), limit, view);
    });

  list('/disputes', ['open', 'resolved'], DisputeView, listDisputes, disputeView, 'Disputes, newest first');
  list('/promises', ['open', 'kept', 'broken', 'cancelled'], PromiseView, listPromises, promiseView, 'Promises to pay, newest first');
  list('/payment-claims', ['open', 'closed'], ClaimView, listClaims, claimView, '"Already paid" claims, newest first');
  list('/payment-plans', ['active', 'completed', 'broken', 'cancelled'], PlanView, listPlans, (p) => planView(p), 'Payment plans, newest first');

  app.post(
    '/invoices/:id/disputes',
    { config: { permission: 'collections:write' }, schema: { tags, summary: 'Open a dispute: reminders for the invoice pause at once', params: IdParams, body: DisputeInput, response: { 201: DisputeView, ...errors } } },
    async (request, reply) => sendResult(reply, await openDispute(request.ctx, request.params.id, request.body), disputeView, 201),
  );
  app.get(
    '/disputes/:id',
    { config: { permission: 'collections:read' }, schema: { tags, summary: 'One dispute', params: IdParams, response: { 200: DisputeView, 404: ErrorSchema } } },
    async (request, reply) => sendResult(reply, await getDispute(request.ctx, request.params.id), disputeView),
  );
  app.post(
    '/disputes/:id/resolve',
    { config: { permission: 'collections:write' }, schema: { tags, summary: 'Resolve a dispute: reminders resume with the next tick', params: IdParams, body: ResolveDisputeInput, response: { 200: DisputeView, ...errors } } },
    async (request, reply) => sendResult(reply, await resolveDispute(request.ctx, request.params.id, request.body), disputeView),
  );

  app.post(
    '/invoices/:id/promises',
    { config: { permission: 'collections:write' }, schema: { tags, summary: 'Record a promise to pay: reminders pause until the promised date', params: IdParams, body: PromiseInput, response: { 201: PromiseView, ...errors } } },
    async (request, reply) => sendResult(reply, await recordPromise(request.ctx, request.params.id, request.body), promiseView, 201),
  );
  app.get(
    '/promises/:id',
    { config: { permission: 'collections:read' }, schema: { tags, summary: 'One promise to pay', params: IdParams, response: { 200: PromiseView, 404: ErrorSchema } } },
    async (request, reply) => sendResult(reply, await getPromise(request.ctx, request.params.id), promiseView),
  );
  app.post(
    '/promises/:id/cancel',
    { config: { permission: 'collections:write' }, schema: { tags, summary: 'Withdraw an open promise: reminders resume', params: IdParams, response: { 200: PromiseView, ...errors } } },
    async (request, reply) => sendResult(reply, await cancelPromise(request.ctx, request.params.id), promiseView),
  );

  app.post(
    '/invoices/:id/payment-claims',
    { config: { permission: 'collections:write' }, schema: { tags, summary: '"I already paid": reminders pause until a date while the money is looked for', params: IdParams, body: ClaimInput, response: { 201: ClaimView, ...errors } } },
    async (request, reply) => sendResult(reply, await recordPaymentClaim(request.ctx, request.params.id, request.body), claimView, 201),
  );
  app.post(
    '/payment-claims/:id/close',
    { config: { permission: 'collections:write' }, schema: { tags, summary: 'Close a claim (the money was not found): reminders resume', params: IdParams, response: { 200: ClaimView, ...errors } } },
    async (request, reply) => sendResult(reply, await closePaymentClaim(request.ctx, request.params.id), claimView),
  );

  app.post(
    '/invoices/:id/payment-plans',
    { config: { permission: 'collections:write' }, schema: { tags, summary: 'Agree a payment plan: installments that add up exactly to the balance, each with its own reminders', params: IdParams, body: PaymentPlanInput, response: { 201: PlanView, ...errors } } },
    async (request, reply) => sendResult(reply, await createPaymentPlan(request.ctx, request.params.id, request.body), (p) => planView(p.plan, p.installments), 201),
  );
  app.get(
    '/payment-plans/:id',
    { config: { permission: 'collections:read' }, schema: { tags, summary: 'A payment plan with its installments', params: IdParams, response: { 200: PlanView, 404: ErrorSchema } } },
    async (request, reply) => sendResult(reply, await getPaymentPlan(request.ctx, request.params.id), (p) => planView(p.plan, p.installments)),
  );
  app.post(
    '/payment-plans/:id/cancel',
    { config: { permission: 'collections:write' }, schema: { tags, summary: 'Call a plan off: dunning resumes on the whole balance', params: IdParams, response: { 200: PlanView, ...errors } } },
    async (request, reply) => sendResult(reply, await cancelPaymentPlan(request.ctx, request.params.id), (p) => planView(p.plan, p.installments)),
  );

  app.get(
    '/customers/:id/notes',
    {
      config: { permission: 'collections:read' },
      schema: { tags, summary: 'Notes on a customer, newest first', params: IdParams, querystring: Type.Object(PageQuery, { additionalProperties: false }), response: { 200: pageView(NoteView), 400: ErrorSchema, 404: ErrorSchema } },
    },
    async (request, reply) => {
      const { limit = 50, cursor } = request.query;
      const before = decodeCursor(cursor);
      if (before === null) return sendFailure(reply, { code: 'INVALID_CURSOR', message: 'Unknown cursor', field: 'cursor' });
      const notes = await customerNotes(request.ctx, request.params.id, before, limit);
      return notes.ok ? page(notes.value, limit, noteView) : sendFailure(reply, notes);
    },
  );
  app.post(
    '/customers/:id/notes',
    { config: { permission: 'collections:write' }, schema: { tags, summary: 'Add a note on a customer', params: IdParams, body: NoteInput, response: { 201: NoteView, ...errors } } },
    async (request, reply) => sendResult(reply, await addNote(request.ctx, request.params.id, request.body), noteView, 201),
  );
};
