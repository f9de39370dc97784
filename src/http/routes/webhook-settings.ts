import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { findWebhookEndpoint } from '../../db/repositories/webhook-endpoints.ts';
import { removeWebhookEndpoint, saveWebhookEndpoint } from '../../services/delivery/webhook-endpoint.ts';
import { sendFailure } from '../errors.ts';
import { WebhookEndpointView, webhookEndpointView } from '../message-views.ts';
import { ErrorSchema } from '../views.ts';

const tags = ['settings'];
const notConfigured = { code: 'WEBHOOK_ENDPOINT_NOT_FOUND', message: 'No webhook URL is configured' };

// Where the dunning webhook step posts. The signing secret is shown once, when created or rotated.
export const webhookSettingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/settings/webhook',
    { config: { permission: 'settings:read' }, schema: { tags, summary: "The organization's webhook URL (never its secret)", response: { 200: WebhookEndpointView, 404: ErrorSchema } } },
    async (request, reply) => {
      const row = await findWebhookEndpoint(request.ctx.db, request.ctx.orgId);
      return row ? webhookEndpointView(row) : sendFailure(reply, notConfigured);
    },
  );

  app.put(
    '/settings/webhook',
    {
      config: { permission: 'settings:write' },
      schema: {
        tags,
        summary: 'Set the webhook URL; the first time, or with rotateSecret, the answer carries the new signing secret, shown only this once',
        body: Type.Object(
          { url: Type.String({ minLength: 1, maxLength: 2000 }), rotateSecret: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: { 200: WebhookEndpointView, 201: WebhookEndpointView, 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request, reply) => {
      const saved = await saveWebhookEndpoint(request.ctx, request.body);
      if (!saved.ok) return sendFailure(reply, saved);
      return reply.status(saved.value.created ? 201 : 200).send(webhookEndpointView(saved.value.endpoint, saved.value.secret));
    },
  );

  app.delete(
    '/settings/webhook',
    { config: { permission: 'settings:write' }, schema: { tags, summary: 'Remove the webhook URL; webhook steps then fail until a new one is set', response: { 204: Type.Null(), 404: ErrorSchema } } },
    async (request, reply) => {
      const removed = await removeWebhookEndpoint(request.ctx);
      return removed.ok ? reply.status(204).send(null) : sendFailure(reply, removed);
    },
  );
};
