import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { customerRiskDetail } from '../../services/insight/customer-risk.ts';
import { sendResult } from '../errors.ts';
import { CustomerRiskView, customerRiskView } from '../insight-views.ts';
import { ErrorSchema } from '../views.ts';

/** A customer's effective risk level: set by hand or computed, with the computed score and its reasons. */
export const customerRiskRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/customers/:id/risk',
    {
      config: { permission: 'customers:read' },
      schema: {
        tags: ['customers'],
        summary: 'The risk level reminders and deposits act on, whether set by hand or computed, and the computed score with its reasons',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: CustomerRiskView, 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request, reply) => sendResult(reply, await customerRiskDetail(request.ctx, request.params.id), customerRiskView),
  );
};
