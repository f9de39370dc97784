import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { RetainerInput } from '../../services/terms/inputs.ts';
import { getRetainer, removeRetainer, setRetainer } from '../../services/terms/retainers.ts';
import { sendResult } from '../errors.ts';
import { RetainerView, retainerView } from '../terms-views.ts';
import { ErrorSchema } from '../views.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const errors = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const tags = ['retainers'];

export const retainerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/customers/:id/retainer',
    { config: { permission: 'customers:read' }, schema: { tags, summary: "A customer's prepaid retainer: the minimum agreed and the credit left", params: IdParams, response: { 200: RetainerView, 404: ErrorSchema } } },
    async (request, reply) => sendResult(reply, await getRetainer(request.ctx, request.params.id), retainerView),
  );

  app.put(
    '/customers/:id/retainer',
    {
      config: { permission: 'customers:write' },
      schema: { tags, summary: 'Set the minimum prepaid balance: the customer is emailed when an invoice takes their credit below it', params: IdParams, body: RetainerInput, response: { 200: RetainerView, ...errors } },
    },
    async (request, reply) => sendResult(reply, await setRetainer(request.ctx, request.params.id, request.body), retainerView),
  );

  app.delete(
    '/customers/:id/retainer',
    { config: { permission: 'customers:write' }, schema: { tags, summary: 'Stop watching the prepaid balance', params: IdParams, response: { 200: Type.Object({ customerId: Type.String() }), ...errors } } },
    async (request, reply) => sendResult(reply, await removeRetainer(request.ctx, request.params.id), (r) => ({ customerId: r.customerId })),
  );
};
