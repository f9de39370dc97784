import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { listEvents } from '../../db/repositories/events.ts';
import { sendFailure } from '../errors.ts';
import { decodeCursor, page, PageQuery } from '../pagination.ts';
import { ErrorSchema, EventView, pageOf } from '../views.ts';

export const eventRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/events',
    { config: { permission: 'events:read' },
      schema: {
        tags: ['events'],
        summary: "The organization's append-only event log, newest first",
        querystring: Type.Object({
          ...PageQuery,
          entityType: Type.Optional(Type.String({ maxLength: 40 })),
          entityId: Type.Optional(Type.String({ format: 'uuid' })),
          actorId: Type.Optional(Type.String({ maxLength: 100 })),
          from: Type.Optional(Type.String({ format: 'date-time' })),
          to: Type.Optional(Type.String({ format: 'date-time' })),
        }),
        response: { 200: pageOf(EventView), 400: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { limit = 50, cursor, from, to, ...filter } = request.query;
      const before = decodeCursor(cursor);
      if (before === null) return sendFailure(reply, { code: 'INVALID_CURSOR', message: 'Unknown cursor', field: 'cursor' });
      const rows = await listEvents(request.ctx.db, request.ctx.orgId, { ...filter, before, limit, from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined });
      return page(rows, limit, ({ orgId: _org, ...e }) => e);
    },
  );
};
