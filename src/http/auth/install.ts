import cookie from '@fastify/cookie';
import type { FastifyInstance, RouteOptions } from 'fastify';
import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../services/context.ts';
import { authenticate } from './authenticate.ts';
import type { AuthOptions } from './options.ts';
import { awaitCommit, runInTenantTransaction } from './request-transaction.ts';

/**
 * Writes each route's access rule into its OpenAPI operation (x-permission, or x-access for routes open to
 * everyone or to any signed-in caller), so API users see it and the role-matrix test can enumerate it.
 */
function documentAccess(route: RouteOptions): void {
  const { permission, access } = (route.config ?? {}) as { permission?: string; access?: string };
  const schema = (route.schema ?? {}) as Record<string, unknown>;
  route.schema = {
    ...schema,
    ...(permission ? { 'x-permission': permission } : {}),
    ...(access ? { 'x-access': access } : {}),
    ...(access === 'public' ? { security: [] } : {}),
  };
}

/** Everything /api/v1 needs to know who is calling; call before registering any route plugin. */
export async function installAuth(api: FastifyInstance, db: Db, clock: Clock, options: AuthOptions): Promise<void> {
  await api.register(cookie);
  const inTransaction = runInTenantTransaction(db);
  api.addHook('onRoute', (route) => {
    documentAccess(route);
    inTransaction(route);
  });
  api.addHook('onRequest', authenticate(db, clock, options));
  api.addHook('onSend', awaitCommit);
}
