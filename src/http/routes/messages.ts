import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { deliveriesOf, findMessage, lastDeliveries } from '../../db/repositories/delivery.ts';
import { listOutbox } from '../../db/repositories/outbox.ts';
import { sendFailure } from '../errors.ts';
import { MessageSummaryView, MessageView, messageSummaryView, messageView } from '../message-views.ts';
import { decodeCursor, page, PageQuery } from '../pagination.ts';
import { ErrorSchema, pageOf } from '../views.ts';

const tags = ['messages'];

// The "sent mail" view: every message the organization queued, on any channel, with what became of it.
// Without SMTP_URL (or an SMS provider) messages are stored here instead of being sent.
export const messageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/messages',
    {
      config: { permission: 'collections:read' },
      schema: {
        tags,
        summary: 'Messages queued, sent, failed or cancelled, newest first',
        querystring: Type.Object({
          ...PageQuery,
          customerId: Type.Optional(Type.String({ format: 'uuid' })),
          status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('sent'), Type.Literal('failed'), Type.Literal('cancelled')])),
          channel: Type.Optional(Type.Union([Type.Literal('email'), Type.Literal('sms'), Type.Literal('webhook'), Type.Literal('letter')])),
        }),
        response: { 200: pageOf(MessageSummaryView), 400: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { limit = 50, cursor, ...filter } = request.query;
      const before = decodeCursor(cursor);
      if (before === null) return sendFailure(reply, { code: 'INVALID_CURSOR', message: 'Unknown cursor', field: 'cursor' });
      const { db, orgId } = request.ctx;
      const rows = await listOutbox(db, orgId, { ...filter, before, limit });
      const last = await lastDeliveries(db, orgId, rows.map((r) => r.id));
      return page(rows, limit, (row) => messageSummaryView(row, last.get(row.id)));
    },
  );

  app.get(
    '/messages/:id',
    {
      config: { permission: 'collections:read' },
      schema: {
        tags,
        summary: 'One message with its full content and every delivery attempt',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: MessageView, 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { db, orgId } = request.ctx;
      const row = await findMessage(db, orgId, request.params.id);
      if (!row) return sendFailure(reply, { code: 'MESSAGE_NOT_FOUND', message: 'No such message', field: 'id' });
      return messageView(row, await deliveriesOf(db, orgId, row.id));
    },
  );
};
