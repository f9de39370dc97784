import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { listUsers } from '../../db/repositories/users.ts';
import { inviteUser } from '../../services/auth/invitations.ts';
import { changeUserRole, deactivateUser } from '../../services/auth/team.ts';
import type { AuthOptions } from '../auth/options.ts';
import { Line, RoleSchema, UserView, userView } from '../auth/views.ts';
import { sendResult } from '../errors.ts';
import { ErrorSchema } from '../views.ts';

const tags = ['users'];
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };

/** The team: list, invite by email, change roles, deactivate. Only owners make or change owners. */
export function userRoutes(options: AuthOptions): FastifyPluginAsyncTypebox {
  const links = { publicUrl: options.publicUrl };
  return async (app) => {
    app.get('/users', { config: { permission: 'users:manage' }, schema: { tags, summary: 'Everyone in the organization', response: { 200: Type.Object({ data: Type.Array(UserView) }) } } }, async (request) => ({
      data: (await listUsers(request.ctx.db, request.ctx.orgId)).map(userView),
    }));

    app.post(
      '/users',
      { config: { permission: 'users:manage' },
        schema: {
          tags,
          summary: 'Invite someone: they get an email with a single-use link, valid 7 days, to choose a password',
          body: Type.Object({ email: Line(254), name: Type.Optional(Line(200)), role: RoleSchema }, { additionalProperties: false }),
          response: { 201: UserView, ...errors },
        },
      },
      async (request, reply) => sendResult(reply, await inviteUser(request.ctx, request.role, links, request.body), userView, 201),
    );

    app.patch(
      '/users/:id',
      { config: { permission: 'users:manage' },
        schema: { tags, summary: "Change someone's role (the last owner stays owner)", params: IdParams, body: Type.Object({ role: RoleSchema }, { additionalProperties: false }), response: { 200: UserView, ...errors } },
      },
      async (request, reply) => sendResult(reply, await changeUserRole(request.ctx, request.role, request.params.id, request.body.role), userView),
    );

    app.post(
      '/users/:id/deactivate',
      { config: { permission: 'users:manage' }, schema: { tags, summary: 'End access at once: sessions and pending links stop working', params: IdParams, response: { 200: UserView, ...errors } } },
      async (request, reply) => sendResult(reply, await deactivateUser(request.ctx, request.role, request.params.id), userView),
    );
  };
}
