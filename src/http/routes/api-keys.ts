import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { listApiKeys } from '../../db/repositories/api-keys.ts';
import { issueApiKey, revokeApiKey } from '../../services/auth/api-keys.ts';
import { ApiKeyView, Line, RoleSchema, apiKeyView } from '../auth/views.ts';
import { sendResult } from '../errors.ts';
import { ErrorSchema } from '../views.ts';

const tags = ['api keys'];
const errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };

export const apiKeyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api-keys', { config: { permission: 'users:manage' }, schema: { tags, summary: 'API keys, revoked ones included (secrets are never shown again)', response: { 200: Type.Object({ data: Type.Array(ApiKeyView) }) } } }, async (request) => ({
    data: (await listApiKeys(request.ctx.db, request.ctx.orgId)).map(apiKeyView),
  }));

  app.post(
    '/api-keys',
    { config: { permission: 'users:manage' },
      schema: {
        tags,
        summary: 'Create a key acting with a role; the key is in the answer and shown only this once',
        body: Type.Object({ name: Line(100, 1), role: RoleSchema }, { additionalProperties: false }),
        response: { 201: Type.Object({ ...ApiKeyView.properties, key: Type.String() }), ...errors },
      },
    },
    async (request, reply) => sendResult(reply, await issueApiKey(request.ctx, request.role, request.body), (r) => ({ ...apiKeyView(r.row), key: r.key }), 201),
  );

  app.delete(
    '/api-keys/:id',
    { config: { permission: 'users:manage' }, schema: { tags, summary: 'Revoke a key: it stops working at once', params: Type.Object({ id: Type.String({ format: 'uuid' }) }), response: { 200: ApiKeyView, ...errors } } },
    async (request, reply) => sendResult(reply, await revokeApiKey(request.ctx, request.role, request.params.id), apiKeyView),
  );
};
