import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { inOrg, type Db } from '../../db/connection.ts';
import { errorBody } from '../errors.ts';

interface Pending {
  /** Resolves when the handler starts sending its reply (our onSend hook runs). */
  readonly sending: Promise<void>;
  startSending(): void;
  /** Settles with whether the transaction committed. */
  readonly committed: Promise<boolean>;
  settle(committed: boolean): void;
}

const pending = new WeakMap<FastifyRequest, Pending>();

function track(request: FastifyRequest): Pending {
  let startSending!: () => void;
  let settle!: (committed: boolean) => void;
  const sending = new Promise<void>((resolve) => (startSending = resolve));
  const committed = new Promise<boolean>((resolve) => (settle = resolve));
  const p = { sending, startSending, committed, settle };
  pending.set(request, p);
  return p;
}

/**
 * Runs every signed-in request in one transaction of its organization, as the tenant database role, so
 * row-level security binds every statement the handler makes, reads included: request.ctx.db becomes that
 * transaction (services' own inOrg calls nest as savepoints). Never use another database handle inside a
 * handler: on PGlite it would wait for this transaction forever.
 */
export function runInTenantTransaction(db: Db) {
  return (route: RouteOptions) => {
    const handler = route.handler;
    route.handler = async function (this: unknown, request: FastifyRequest, reply: FastifyReply) {
      if (!request.ctx) return handler.call(this as never, request, reply);
      const p = track(request);
      let sent = false;
      try {
        const result = await inOrg(db, request.ctx.orgId, async (tx) => {
          request.ctx = { ...request.ctx, db: tx };
          // A handler that sends its reply itself resolves only once the reply is out (Fastify's reply is
          // thenable), and the reply waits for this commit: so commit as soon as sending starts.
          const handled = Promise.resolve(handler.call(this as never, request, reply)).then((value) => ({ value }));
          const outcome = await Promise.race([handled, p.sending.then(() => null)]);
          sent = outcome === null;
          return outcome?.value;
        });
        p.settle(true);
        return sent ? reply : result;
      } catch (error) {
        p.settle(false);
        // A reply already on its way waits in onSend, which turns it into an error there.
        if (sent) return reply;
        throw error;
      }
    };
  };
}

/** onSend: holds every response until its transaction has committed, so no client sees what may yet roll back. */
export async function awaitCommit(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  const p = pending.get(request);
  if (!p) return payload;
  p.startSending();
  if (await p.committed) return payload;
  if (reply.statusCode >= 400) return payload;
  reply.code(500).type('application/json; charset=utf-8');
  return JSON.stringify(errorBody({ code: 'INTERNAL', message: 'The change could not be saved; nothing was changed' }));
}
