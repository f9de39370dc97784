import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

// A local HTTP stand-in for the few Stripe API calls we make, so tests exercise the official SDK end to end
// (form encoding, idempotency keys, error classes) without reaching the internet. Each call is recorded with
// its form fields flattened the way Stripe encodes them ("line_items[0][price_data][unit_amount]").

export interface RecordedCall {
  readonly method: string;
  readonly path: string;
  readonly form: Record<string, string>;
  readonly idempotencyKey: string | undefined;
  readonly authorization: string | undefined;
}

type Reply = { status: number; body: unknown };
type Handler = (call: RecordedCall) => Reply;

export interface StripeStandIn {
  readonly url: string;
  readonly calls: RecordedCall[];
  /** Answer calls matching method and path with this handler instead of the default one. */
  on(method: string, path: RegExp, handler: Handler): void;
  reset(): void;
  close(): Promise<void>;
}

const ok = (body: unknown): Reply => ({ status: 200, body });

let counter = 0;
const next = (prefix: string) => `${prefix}_test_${++counter}`;

function defaults(): [string, RegExp, Handler][] {
  return [
    ['POST', /^\/v1\/customers$/, () => ok({ id: next('cus'), object: 'customer' })],
    ['POST', /^\/v1\/customers\/[^/]+$/, (c) => ok({ id: c.path.split('/')[3], object: 'customer' })],
    [
      'POST',
      /^\/v1\/checkout\/sessions$/,
      (c) => {
        const id = next('cs');
        return ok({ id, object: 'checkout.session', mode: c.form.mode, url: `https://checkout.stripe.test/c/pay/${id}`, metadata: {} });
      },
    ],
    [
      'GET',
      /^\/v1\/setup_intents\/[^/]+$/,
      (c) => ok({ id: c.path.split('/')[3], object: 'setup_intent', status: 'succeeded', payment_method: { id: 'pm_test_visa', object: 'payment_method', type: 'card', card: { brand: 'visa', last4: '4242' } } }),
    ],
    [
      'POST',
      /^\/v1\/payment_intents$/,
      (c) => ok({ id: next('pi'), object: 'payment_intent', status: 'succeeded', amount: Number(c.form.amount), amount_received: Number(c.form.amount), currency: c.form.currency, metadata: {} }),
    ],
    ['POST', /^\/v1\/payment_methods\/[^/]+\/detach$/, (c) => ok({ id: c.path.split('/')[3], object: 'payment_method' })],
  ];
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startStripeStandIn(): Promise<StripeStandIn> {
  const calls: RecordedCall[] = [];
  let overrides: [string, RegExp, Handler][] = [];
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://stand-in');
      const body = await readBody(request);
      const params = new URLSearchParams(request.method === 'GET' ? url.search : body);
      const call: RecordedCall = {
        method: request.method ?? 'GET',
        path: url.pathname,
        form: Object.fromEntries(params),
        idempotencyKey: request.headers['idempotency-key'] as string | undefined,
        authorization: request.headers.authorization,
      };
      calls.push(call);
      const handler = [...overrides, ...defaults()].find(([method, path]) => method === call.method && path.test(call.path))?.[2];
      const reply = handler ? handler(call) : { status: 404, body: { error: { type: 'invalid_request_error', message: `stand-in: no ${call.method} ${call.path}` } } };
      response.writeHead(reply.status, { 'content-type': 'application/json', 'request-id': `req_${calls.length}` });
      response.end(JSON.stringify(reply.body));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    on: (method, path, handler) => overrides.unshift([method, path, handler]),
    reset: () => {
      calls.length = 0;
      overrides = [];
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export const TEST_WEBHOOK_SECRET = 'whsec_test_secret_for_local_tests';

/** A webhook request body and its Stripe-Signature header, signed by the SDK's own helper. */
export function signedEvent(event: Record<string, unknown>, options: { secret?: string; timestamp?: number } = {}): { body: string; signature: string } {
  const body = JSON.stringify({ object: 'event', api_version: Stripe.API_VERSION, livemode: false, ...event });
  const signature = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: options.secret ?? TEST_WEBHOOK_SECRET, ...(options.timestamp === undefined ? {} : { timestamp: options.timestamp }) });
  return { body, signature };
}
