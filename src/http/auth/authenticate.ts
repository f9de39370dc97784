import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/connection.ts';
import { findOrganization } from '../../db/repositories/organizations.ts';
import { can } from '../../domain/roles.ts';
import { refusedOrganization } from '../../services/auth/env.ts';
import { csrfTokenFor, sameSecret } from '../../services/auth/secrets.ts';
import { resolveSession } from '../../services/auth/sessions.ts';
import { todayIn, type Actor, type Clock } from '../../services/context.ts';
import { authenticateApiKey } from '../../services/organizations.ts';
import { sendFailure } from '../errors.ts';
import { CSRF_HEADER, SESSION_COOKIE } from './cookies.ts';
import type { AuthOptions } from './options.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** 'public': nobody needs to be signed in (sign-up, login, password reset); 'signed-in': any role may call. */
    access?: 'public' | 'signed-in';
  }
  interface FastifyRequest {
    /** Set when the caller came with a session cookie rather than an API key. */
    session?: { readonly id: string; readonly userId: string; readonly csrfToken: string };
  }
}

interface Caller {
  readonly orgId: string;
  readonly role: string;
  readonly actor: Actor;
  readonly session?: FastifyRequest['session'];
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Who is calling: an API key in the Authorization header wins; otherwise the session cookie. */
async function identify(db: Db, clock: Clock, options: AuthOptions, request: FastifyRequest): Promise<Caller | null> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    const key = token ? await authenticateApiKey(db, token) : null;
    if (!key || refusedOrganization(options, key.orgId)) return null;
    return { orgId: key.orgId, role: key.role, actor: { type: 'api_key', id: key.keyId } };
  }
  const token = request.cookies[SESSION_COOKIE];
  const found = token ? await resolveSession(db, clock, token) : null;
  if (!found || !token || refusedOrganization(options, found.user.orgId)) return null;
  return {
    orgId: found.user.orgId,
    role: found.user.role,
    actor: { type: 'user', id: found.user.id },
    session: { id: found.sessionId, userId: found.user.id, csrfToken: csrfTokenFor(token) },
  };
}

/**
 * The /api/v1 gate: authenticates the caller (API key or session), refuses cookie-borne changes without the
 * session's CSRF token, and enforces the route's permission. Fails closed: a route that declares neither a
 * permission nor an access level is refused to everyone.
 */
export function authenticate(db: Db, clock: Clock, options: AuthOptions) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const { permission, access } = request.routeOptions.config;
    if (access === 'public') return;
    const caller = await identify(db, clock, options, request);
    if (!caller) {
      reply.header('www-authenticate', 'Bearer');
      return sendFailure(reply, { code: 'UNAUTHENTICATED', message: 'Sign in, or send an API key as Authorization: Bearer pk_…' });
    }
    const org = await findOrganization(db, caller.orgId);
    if (!org) return sendFailure(reply, { code: 'UNAUTHENTICATED', message: 'Your organization no longer exists' });
    if (caller.session && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameSecret(sent, caller.session.csrfToken))
        return sendFailure(reply, { code: 'CSRF_FAILED', message: `Send the session's CSRF token in the ${CSRF_HEADER} header` });
    }
    request.ctx = { db, orgId: org.orgId, actor: caller.actor, clock };
    request.role = caller.role;
    request.session = caller.session;
    request.today = todayIn(request.ctx, org.timeZone);
    const allowed = access === 'signed-in' || (permission !== undefined && can(caller.role, permission));
    if (!allowed) return sendFailure(reply, { code: 'FORBIDDEN', message: `Your role (${caller.role}) may not do this` });
  };
}
