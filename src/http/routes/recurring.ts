import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { addDays, parseDate } from '../../domain/dates.ts';
import { findRecurringSchedule, listRecurringSchedules, recurringRunsOf } from '../../db/repositories/recurring.ts';
import { CreateScheduleInput, UpdateScheduleInput } from '../../services/terms/inputs.ts';
import { occurrencesBetween } from '../../services/terms/recurrence.ts';
import { changeScheduleStatus, createSchedule, recurrenceOf, updateSchedule } from '../../services/terms/recurring-schedules.ts';
import { sendFailure, sendResult } from '../errors.ts';
import { decodeCursor, page, PageQuery } from '../pagination.ts';
import { ScheduleView, scheduleView } from '../terms-views.ts';
import { ErrorSchema, pageOf } from '../views.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const errors = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const tags = ['recurring invoices'];
const UPCOMING = 5;

export const recurringRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/recurring-invoices',
    {
      config: { permission: 'invoices:read' },
      schema: {
        tags,
        summary: 'List recurring invoices, newest first',
        querystring: Type.Object({
          ...PageQuery,
          customerId: Type.Optional(Type.String({ format: 'uuid' })),
          status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('paused'), Type.Literal('ended')])),
        }),
        response: { 200: pageOf(ScheduleView), 400: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { limit = 50, cursor, ...filter } = request.query;
      const before = decodeCursor(cursor);
      if (before === null) return sendFailure(reply, { code: 'INVALID_CURSOR', message: 'Unknown cursor', field: 'cursor' });
      return page(await listRecurringSchedules(request.ctx.db, request.ctx.orgId, { ...filter, before, limit }), limit, (s) => scheduleView(s));
    },
  );

  app.post(
    '/recurring-invoices',
    { config: { permission: 'invoices:write' }, schema: { tags, summary: 'Create a recurring invoice: a template issued and sent on every occurrence', body: CreateScheduleInput, response: { 201: ScheduleView, ...errors } } },
    async (request, reply) => sendResult(reply, await createSchedule(request.ctx, request.body), (s) => scheduleView(s), 201),
  );

  app.get(
    '/recurring-invoices/:id',
    { config: { permission: 'invoices:read' }, schema: { tags, summary: 'A recurring invoice with its next days and its latest runs', params: IdParams, response: { 200: ScheduleView, 404: ErrorSchema } } },
    async (request, reply) => {
      const { db, orgId } = request.ctx;
      const s = await findRecurringSchedule(db, orgId, request.params.id);
      if (!s) return sendFailure(reply, { code: 'SCHEDULE_NOT_FOUND', message: 'No such recurring invoice', field: 'id' });
      const from = s.lastPeriod ? parseDate(s.lastPeriod)! : null;
      const upcoming = s.status === 'ended' ? [] : occurrencesBetween(recurrenceOf(s), from, addDays(request.today, 366 * 20), UPCOMING);
      return scheduleView(s, upcoming, await recurringRunsOf(db, orgId, s.id, 50));
    },
  );

  app.patch(
    '/recurring-invoices/:id',
    { config: { permission: 'invoices:write' }, schema: { tags, summary: 'Change a recurring invoice; later occurrences follow the new rule and template', params: IdParams, body: UpdateScheduleInput, response: { 200: ScheduleView, ...errors } } },
    async (request, reply) => sendResult(reply, await updateSchedule(request.ctx, request.params.id, request.body), (s) => scheduleView(s)),
  );

  app.delete(
    '/recurring-invoices/:id',
    { config: { permission: 'invoices:write' }, schema: { tags, summary: 'End a recurring invoice (its history stays)', params: IdParams, response: { 200: ScheduleView, ...errors } } },
    async (request, reply) => sendResult(reply, await changeScheduleStatus(request.ctx, request.params.id, 'ended'), (s) => scheduleView(s)),
  );

  for (const [path, to, summary] of [
    ['pause', 'paused', 'Pause: nothing is issued until resumed'],
    ['resume', 'active', 'Resume: occurrences missed while paused are skipped, the next one is issued on its day'],
  ] as const) {
    app.post(
      `/recurring-invoices/:id/${path}`,
      { config: { permission: 'invoices:write' }, schema: { tags, summary, params: IdParams, response: { 200: ScheduleView, ...errors } } },
      async (request, reply) => sendResult(reply, await changeScheduleStatus(request.ctx, request.params.id, to), (s) => scheduleView(s)),
    );
  }
};
