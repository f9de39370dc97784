import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { Db } from '../../db/connection.ts';
import { findApiKey } from '../../db/repositories/api-keys.ts';
import { findOrganization } from '../../db/repositories/organizations.ts';
import { findUser } from '../../db/repositories/users.ts';
import type { Failure, Result } from '../../domain/result.ts';
import type { AuthEnv } from '../../services/auth/env.ts';
import { acceptInvitation } from '../../services/auth/invitations.ts';
import { logIn } from '../../services/auth/login.ts';
import { logOut } from '../../services/auth/logout.ts';
import { MAX_PASSWORD_LENGTH } from '../../services/auth/passwords.ts';
import { confirmPasswordReset, requestPasswordReset } from '../../services/auth/password-reset.ts';
import { csrfTokenFor } from '../../services/auth/secrets.ts';
import { signUp, type SignedIn } from '../../services/auth/signup.ts';
import type { Throttled } from '../../services/auth/throttle.ts';
import type { Clock } from '../../services/context.ts';
import { clearSessionCookies, setSessionCookies } from '../auth/cookies.ts';
import type { AuthOptions } from '../auth/options.ts';
import { ApiKeyView, Line, OrganizationSummary, UserView, apiKeyView, organizationSummary, userView } from '../auth/views.ts';
import { sendFailure } from '../errors.ts';
import { ErrorSchema } from '../views.ts';

const tags = ['auth'];
const Email = Line(254, 3);
const Password = Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH * 4 });
const Token = Line(200, 1);
const SignedInView = Type.Object({ user: UserView, organization: OrganizationSummary, role: Type.String(), csrfToken: Type.String() });
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema, 429: ErrorSchema };

/** Sign-up, login, logout, who-am-I, password reset and invitation acceptance: /api/v1/auth/… */
export function authRoutes(db: Db, clock: Clock, options: AuthOptions): FastifyPluginAsyncTypebox {
  const env: AuthEnv = { db, clock, links: { publicUrl: options.publicUrl }, production: options.production };

  function refuse(reply: FastifyReply, f: Failure | Throttled) {
    if ('retryAfterSeconds' in f) reply.header('retry-after', String(f.retryAfterSeconds));
    return sendFailure(reply, f);
  }

  function signedIn(reply: FastifyReply, result: Result<SignedIn> | Throttled, status: number) {
    if (!result.ok) return refuse(reply, result);
    const { user, organization, session } = result.value;
    setSessionCookies(reply, options, session.token, session.expiresAt);
    return reply.status(status).send({ user: userView(user), organization: organizationSummary(organization), role: user.role, csrfToken: csrfTokenFor(session.token) });
  }

  return async (app) => {
    app.post(
      '/auth/signup',
      { config: { access: 'public' },
        schema: {
          tags,
          summary: 'Create an organization and its owner, and sign in',
          body: Type.Object(
            {
              organizationName: Line(200, 1),
              baseCurrency: Type.String({ pattern: '^[A-Z]{3}$' }),
              name: Line(200, 1),
              email: Email,
              password: Password,
              locale: Type.Optional(Line(10)),
              timeZone: Type.Optional(Line(64)),
              country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
            },
            { additionalProperties: false },
          ),
          response: { 201: SignedInView, ...errors },
        },
      },
      async (request, reply) => signedIn(reply, await signUp(env, request.body, request.ip), 201),
    );

    app.post(
      '/auth/login',
      { config: { access: 'public' },
        schema: {
          tags,
          summary: 'Sign in with email and password; sets the session cookie. Locked for 15 minutes after 5 failures',
          body: Type.Object({ email: Email, password: Password }, { additionalProperties: false }),
          response: { 200: SignedInView, ...errors },
        },
      },
      async (request, reply) => signedIn(reply, await logIn(env, request.body, request.ip), 200),
    );

    app.post(
      '/auth/logout',
      { config: { access: 'signed-in' }, schema: { tags, summary: 'End this session', response: { 204: Type.Null(), 400: ErrorSchema } } },
      async (request, reply) => {
        if (!request.session) return sendFailure(reply, { code: 'NOT_A_SESSION', message: 'API keys are revoked, not logged out' });
        await logOut(request.ctx, request.session.id, request.session.userId);
        clearSessionCookies(reply, options);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/auth/me',
      { config: { access: 'signed-in' },
        schema: {
          tags,
          summary: 'Who is calling: the user (with the CSRF token for changes) or the API key, and the organization',
          response: {
            200: Type.Object({
              organization: OrganizationSummary,
              role: Type.String(),
              user: Type.Optional(UserView),
              apiKey: Type.Optional(ApiKeyView),
              csrfToken: Type.Optional(Type.String()),
            }),
          },
        },
      },
      async (request) => {
        const { db: tx, orgId, actor } = request.ctx;
        const organization = await findOrganization(tx, orgId);
        if (!organization) throw new Error(`Organization ${orgId} vanished during the request`);
        const base = { organization: organizationSummary(organization), role: request.role };
        if (actor.type === 'user' && actor.id && request.session) {
          const user = await findUser(tx, orgId, actor.id);
          if (!user) throw new Error(`User ${actor.id} vanished during the request`);
          return { ...base, user: userView(user), csrfToken: request.session.csrfToken };
        }
        const key = actor.id ? await findApiKey(tx, orgId, actor.id) : undefined;
        return key ? { ...base, apiKey: apiKeyView(key) } : base;
      },
    );

    app.post(
      '/auth/password-reset/request',
      { config: { access: 'public' },
        schema: {
          tags,
          summary: 'Email a single-use reset link valid for 60 minutes, if the address has an account (the answer is the same either way)',
          body: Type.Object({ email: Email }, { additionalProperties: false }),
          response: { 202: Type.Null(), 400: ErrorSchema, 429: ErrorSchema },
        },
      },
      async (request, reply) => {
        const result = await requestPasswordReset(env, request.body.email, request.ip);
        return result.ok ? reply.status(202).send(null) : refuse(reply, result);
      },
    );

    app.post(
      '/auth/password-reset/confirm',
      { config: { access: 'public' },
        schema: {
          tags,
          summary: 'Set a new password with the emailed token; ends every session of the account',
          body: Type.Object({ token: Token, password: Password }, { additionalProperties: false }),
          response: { 204: Type.Null(), 400: ErrorSchema, 422: ErrorSchema },
        },
      },
      async (request, reply) => {
        const result = await confirmPasswordReset(env, request.body);
        return result.ok ? reply.status(204).send(null) : sendFailure(reply, result);
      },
    );

    app.post(
      '/auth/invitations/accept',
      { config: { access: 'public' },
        schema: {
          tags,
          summary: 'Join an organization with the emailed invitation token: choose a password and sign in',
          body: Type.Object({ token: Token, password: Password, name: Type.Optional(Line(200)) }, { additionalProperties: false }),
          response: { 200: SignedInView, ...errors },
        },
      },
      async (request, reply) => signedIn(reply, await acceptInvitation(env, request.body), 200),
    );
  };
}
