import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { parseDate } from '../../domain/dates.ts';
import { CompleteTaskInput, TaskInput } from '../../services/collections/inputs.ts';
import { completeTask, createTask, getTask, listWorklist } from '../../services/collections/tasks.ts';
import { TaskView, taskView } from '../collections-views.ts';
import { sendFailure, sendResult } from '../errors.ts';
import { ErrorSchema } from '../views.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const errors = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const tags = ['tasks'];

export const taskRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/tasks',
    {
      config: { permission: 'collections:read' },
      schema: {
        tags,
        summary: "The collector's worklist: open tasks due by a day, most money at risk first, then the longest overdue",
        querystring: Type.Object(
          {
            due: Type.Optional(Type.String({ pattern: '^(today|all|\\d{4}-\\d{2}-\\d{2})$', description: 'today (default: due today or earlier), all, or a date' })),
            status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('done'), Type.Literal('cancelled')])),
            assignee: Type.Optional(Type.String({ pattern: '^(me|unassigned|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$', description: 'me, unassigned (the team queue) or a user id' })),
            customerId: Type.Optional(Type.String({ format: 'uuid' })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
            offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ data: Type.Array(TaskView) }), 400: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { due = 'today', status = 'open', assignee, customerId, limit = 50, offset = 0 } = request.query;
      const dueBy = due === 'today' ? request.today.toString() : due === 'all' ? undefined : parseDate(due)?.toString();
      if (dueBy === undefined && due !== 'all') return sendFailure(reply, { code: 'INVALID_DATE', message: 'Not a calendar date', field: 'due' });
      const me = request.ctx.actor.type === 'user' ? request.ctx.actor.id : undefined;
      if (assignee === 'me' && !me) return sendFailure(reply, { code: 'NOT_A_USER', message: 'assignee=me needs a signed-in user, not an API key', field: 'assignee' });
      const assigneeId = assignee === 'me' ? me : assignee !== 'unassigned' ? assignee : undefined;
      const data = await listWorklist(request.ctx, { dueBy, status, assigneeId, unassigned: assignee === 'unassigned', customerId, today: request.today.toString(), limit, offset });
      return { data: data.map((t) => ({ ...taskView(t), amountAtRisk: t.amountAtRisk, daysOverdue: t.daysOverdue })) };
    },
  );

  app.post(
    '/tasks',
    { config: { permission: 'collections:write' }, schema: { tags, summary: 'Create a follow-up task by hand', body: TaskInput, response: { 201: TaskView, ...errors } } },
    async (request, reply) => sendResult(reply, await createTask(request.ctx, request.body), taskView, 201),
  );

  app.get(
    '/tasks/:id',
    { config: { permission: 'collections:read' }, schema: { tags, summary: 'One task', params: IdParams, response: { 200: TaskView, 404: ErrorSchema } } },
    async (request, reply) => sendResult(reply, await getTask(request.ctx, request.params.id), taskView),
  );

  app.post(
    '/tasks/:id/complete',
    {
      config: { permission: 'collections:write' },
      schema: {
        tags,
        summary: 'Record the outcome and the reason for paying late; a promise, dispute or payment plan agreed on the call is created in the same step',
        params: IdParams,
        body: CompleteTaskInput,
        response: { 200: Type.Object({ task: TaskView, created: Type.Object({ promiseId: Type.Optional(Type.String()), disputeId: Type.Optional(Type.String()), paymentPlanId: Type.Optional(Type.String()) }) }), ...errors },
      },
    },
    async (request, reply) => sendResult(reply, await completeTask(request.ctx, request.params.id, request.body), (r) => ({ task: taskView(r.task), created: r.created })),
  );
};
