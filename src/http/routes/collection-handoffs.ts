import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { handOverToAgency } from '../../services/collections/hand-off-to-agency.ts';
import { customerHandoffs, handoffPackFile } from '../../services/collections/hand-offs.ts';
import { HandoffInput } from '../../services/collections/inputs.ts';
import { HandoffView, handoffView, pageView } from '../collections-views.ts';
import { sendFailure, sendResult } from '../errors.ts';
import { decodeCursor, page, PageQuery } from '../pagination.ts';
import { ErrorSchema } from '../views.ts';
import { sendFile } from './documents.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const errors = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const tags = ['collections'];

export const collectionHandoffRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/customers/:id/collections-handoff',
    {
      config: { permission: 'collections:write' },
      schema: {
        tags,
        summary: "Hand overdue invoices to a collection agency: the customer goes in collections (reminders stop) and a pack (ZIP) is kept for the agency",
        params: IdParams,
        body: HandoffInput,
        response: { 201: Type.Object({ ...HandoffView.properties, remindersCancelled: Type.Integer() }), ...errors },
      },
    },
    async (request, reply) =>
      sendResult(reply, await handOverToAgency(request.ctx, request.params.id, request.body), (r) => ({ ...handoffView(r.handoff), remindersCancelled: r.remindersCancelled }), 201),
  );

  app.get(
    '/customers/:id/collections-handoffs',
    {
      config: { permission: 'collections:read' },
      schema: { tags, summary: "A customer's hand-offs to collection agencies, newest first", params: IdParams, querystring: Type.Object(PageQuery, { additionalProperties: false }), response: { 200: pageView(HandoffView), 400: ErrorSchema, 404: ErrorSchema } },
    },
    async (request, reply) => {
      const { limit = 50, cursor } = request.query;
      const before = decodeCursor(cursor);
      if (before === null) return sendFailure(reply, { code: 'INVALID_CURSOR', message: 'Unknown cursor', field: 'cursor' });
      const rows = await customerHandoffs(request.ctx, request.params.id, before, limit);
      return rows.ok ? page(rows.value, limit, handoffView) : sendFailure(reply, rows);
    },
  );

  app.get(
    '/collection-handoffs/:id/pack.zip',
    {
      config: { permission: 'collections:read' },
      schema: { tags, summary: 'The pack (ZIP) exactly as it was handed over: README with checksums, statement, invoice PDFs, communication log as PDF and CSV', params: IdParams, response: { 404: ErrorSchema } },
    },
    async (request, reply) => sendFile(reply, await handoffPackFile(request.ctx, request.params.id)),
  );
};
