import type { FastifyReply } from 'fastify';
import { csrfTokenFor } from '../../services/auth/secrets.ts';
import type { AuthOptions } from './options.ts';

export const SESSION_COOKIE = 'punctual_session';
export const CSRF_COOKIE = 'punctual_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * The session token rides in an HttpOnly cookie that only the API path receives. Its CSRF token rides in a
 * cookie the web app's script can read and must echo in the X-CSRF-Token header of every change.
 */
export function setSessionCookies(reply: FastifyReply, options: AuthOptions, token: string, expires: Date): void {
  const common = { sameSite: 'lax', secure: options.secureCookies, expires } as const;
  reply.setCookie(SESSION_COOKIE, token, { ...common, httpOnly: true, path: '/api/' });
  reply.setCookie(CSRF_COOKIE, csrfTokenFor(token), { ...common, httpOnly: false, path: '/' });
}

export function clearSessionCookies(reply: FastifyReply, options: AuthOptions): void {
  const common = { sameSite: 'lax', secure: options.secureCookies } as const;
  reply.clearCookie(SESSION_COOKIE, { ...common, httpOnly: true, path: '/api/' });
  reply.clearCookie(CSRF_COOKIE, { ...common, httpOnly: false, path: '/' });
}
