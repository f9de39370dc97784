import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookPost } from '../src/channels/webhook-post.ts';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, WEBHOOK_ID_HEADER, signWebhook, verifyWebhookSignature } from '../src/channels/webhook-signature.ts';
import { findMessage } from '../src/db/repositories/delivery.ts';
import { events, webhookEndpoints } from '../src/db/schema/index.ts';
import type { App } from '../src/http/server.ts';
import { createApiKey } from '../src/services/organizations.ts';
import { deliverDueMessages } from '../src/services/delivery/deliver-due.ts';
import { testApp, tenant, type Tenant, type TestClock } from './support/app.ts';
import { testDatabase } from './support/database.ts';
import { deliveryDeps, localChannels, queue } from './support/delivery.ts';
import { startHttpCapture, type Answer } from './support/http-capture.ts';

let database: Awaited<ReturnType<typeof testDatabase>>;
let app: App;
let clock: TestClock;
let a: Tenant;
let b: Tenant;
let receiver: Awaited<ReturnType<typeof startHttpCapture>>;
let answers: Answer[] = [];

beforeAll(async () => {
  database = await testDatabase();
  ({ app, clock } = await testApp(database, '2025-06-16T08:00:00Z'));
  a = await tenant(database, app, clock, { name: 'Org A' });
  b = await tenant(database, app, clock, { name: 'Org B' });
  receiver = await startHttpCapture(() => (answers.length > 1 ? answers.shift()! : (answers[0] ?? { status: 204 })));
});
afterAll(async () => {
  await receiver.close();
  await app.close();
  await database.dispose();
});

const put = (t: Tenant | { key: string }, body: unknown) =>
  app.inject({ method: 'PUT', url: '/api/v1/settings/webhook', headers: { authorization: `Bearer ${t.key}` }, payload: body as object });

describe('webhook settings', () => {
  it('shows the signing secret once, when created or rotated, and never in reads or events', async () => {
    const created = await put(a, { url: `${receiver.url}/hooks/punctual` });
    expect(created.statusCode, created.body).toBe(201);
    const { secret, url } = created.json();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(url).toBe(`${receiver.url}/hooks/punctual`);

    const read = await a.call('GET', '/api/v1/settings/webhook');
    expect(read.statusCode).toBe(200);
    expect(read.json()).not.toHaveProperty('secret');

    const moved = await put(a, { url: `${receiver.url}/hooks/v2#fragment` });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ url: `${receiver.url}/hooks/v2` });
    expect(moved.json()).not.toHaveProperty('secret');

    const rotated = await put(a, { url: `${receiver.url}/hooks/v2`, rotateSecret: true });
    expect(rotated.json().secret).toMatch(/^whsec_/);
    expect(rotated.json().secret).not.toBe(secret);

    const logged = await database.db.select().from(events).where(and(eq(events.orgId, a.orgId), eq(events.entityType, 'webhook_endpoint')));
    expect(logged.map((e) => e.action)).toEqual(['webhook_endpoint.created', 'webhook_endpoint.updated', 'webhook_endpoint.updated']);
    expect(JSON.stringify(logged)).not.toContain('whsec_');
  });

  it('refuses malformed and hostile URLs with a 400 naming the field, and changes nothing', async () => {
    const before = await database.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.orgId, a.orgId));
    for (const [body, field] of [
      [{}, 'url'],
      [{ url: '' }, 'url'],
      [{ url: 'not a url' }, 'url'],
      [{ url: 'ftp://example.com/hook' }, 'url'],
      [{ url: 'javascript:alert(1)' }, 'url'],
      [{ url: 'https://user:password@example.com/hook' }, 'url'],
      [{ url: `https://example.com/${'a'.repeat(2000)}` }, 'url'],
      [{ url: 42 }, 'url'],
      [{ url: 'https://example.com', secret: 'mine' }, 'secret'],
      [{ url: 'https://example.com', rotateSecret: 'yes' }, 'rotateSecret'],
    ] as const) {
      const r = await put(a, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json().error.field, JSON.stringify(body)).toBe(field);
    }
    const raw = await app.inject({ method: 'PUT', url: '/api/v1/settings/webhook', headers: { authorization: `Bearer ${a.key}`, 'content-type': 'application/json' }, payload: '{"url":' });
    expect(raw.statusCode).toBe(400);
    expect(await database.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.orgId, a.orgId))).toEqual(before);
  });

  it('keeps organizations apart, and asks for settings:write to change', async () => {
    expect((await b.call('GET', '/api/v1/settings/webhook')).statusCode).toBe(404);
    expect((await b.call('DELETE', '/api/v1/settings/webhook')).statusCode).toBe(404);
    const mine = await database.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.orgId, a.orgId));
    expect(mine).toHaveLength(1);

    const { key } = await createApiKey(database.db, clock, a.orgId, 'books', 'accountant');
    const refused = await put({ key }, { url: 'https://evil.example/hook' });
    expect(refused.statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/v1/settings/webhook', headers: { authorization: `Bearer ${key}` } })).statusCode).toBe(200);
    expect(await database.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.orgId, a.orgId))).toEqual(mine);
  });
});

describe('the webhook step', () => {
  let secret: string;

  beforeAll(async () => {
    secret = (await put(a, { url: `${receiver.url}/hooks/v2`, rotateSecret: true })).json().secret;
  });

  it('posts signed JSON that a receiver can verify, and a tampered or stale request fails verification', async () => {
    answers = [{ status: 204 }];
    const [row] = await queue(database, a.orgId, clock, [{ channel: 'webhook', kind: 'reminder', recipient: 'webhook', subject: 'Overdue', bodyText: 'INV-7 is 7 days late', invoiceIds: ['0197a1b2-0000-7000-8000-000000000007'], payload: { step: 3, tone: 'firm' } }]);
    const before = receiver.requests.length;
    expect(await deliverDueMessages(deliveryDeps(database, clock, localChannels(clock)))).toMatchObject({ sent: 1 });
    const [request] = receiver.requests.slice(before);
    expect(request!.path).toBe('/hooks/v2');
    expect(request!.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(request!.headers[WEBHOOK_ID_HEADER]).toBe(row!.id);
    const timestamp = String(request!.headers[TIMESTAMP_HEADER]);
    const signature = String(request!.headers[SIGNATURE_HEADER]);
    expect(timestamp).toBe(String(Date.parse('2025-06-16T08:00:00Z') / 1000));
    expect(signature).toBe(signWebhook(secret, Number(timestamp), request!.body));
    const now = Number(timestamp) + 10;
    expect(verifyWebhookSignature(secret, timestamp, request!.body, signature, now)).toBe(true);
    expect(verifyWebhookSignature(secret, timestamp, request!.body.replace('firm', 'soft'), signature, now)).toBe(false);
    expect(verifyWebhookSignature('whsec_other', timestamp, request!.body, signature, now)).toBe(false);
    expect(verifyWebhookSignature(secret, timestamp, request!.body, signature, now + 3600)).toBe(false);
    expect(verifyWebhookSignature(secret, `${timestamp}0`, request!.body, signature, now)).toBe(false);
    expect(verifyWebhookSignature(secret, timestamp, request!.body, 'v1=00', now)).toBe(false);
    expect(JSON.parse(request!.body)).toEqual({
      id: row!.id,
      type: 'reminder',
      createdAt: '2025-06-16T08:00:00.000Z',
      customerId: null,
      invoiceIds: ['0197a1b2-0000-7000-8000-000000000007'],
      subject: 'Overdue',
      text: 'INV-7 is 7 days late',
      data: { step: 3, tone: 'firm' },
    });
    expect(await findMessage(database.db, a.orgId, row!.id)).toMatchObject({ status: 'sent', providerMessageId: row!.id });
  });

  it('retries 5xx and 429, fails 4xx and redirects for good, and fails when no URL is set', async () => {
    for (const status of [503, 429]) {
      answers = [{ status }];
      const [retry] = await queue(database, a.orgId, clock, [{ channel: 'webhook', recipient: 'webhook', bodyText: 'x' }]);
      expect(await deliverDueMessages(deliveryDeps(database, clock, localChannels(clock)))).toMatchObject({ retried: 1 });
      expect(await findMessage(database.db, a.orgId, retry!.id)).toMatchObject({ status: 'pending', lastError: `The webhook endpoint answered ${status}` });
    }

    for (const [status, error] of [
      [410, 'The webhook endpoint answered 410'],
      [301, 'The webhook endpoint answered 301 (redirects are not followed)'],
    ] as const) {
      answers = [{ status }];
      const [row] = await queue(database, a.orgId, clock, [{ channel: 'webhook', recipient: 'webhook', bodyText: 'x' }]);
      expect(await deliverDueMessages(deliveryDeps(database, clock, localChannels(clock)))).toMatchObject({ failed: 1 });
      expect(await findMessage(database.db, a.orgId, row!.id)).toMatchObject({ status: 'failed', lastError: error });
    }

    const [none] = await queue(database, b.orgId, clock, [{ channel: 'webhook', recipient: 'webhook', bodyText: 'x' }]);
    const before = receiver.requests.length;
    expect(await deliverDueMessages(deliveryDeps(database, clock, localChannels(clock)))).toMatchObject({ failed: 1 });
    expect(receiver.requests.length).toBe(before);
    expect(await findMessage(database.db, b.orgId, none!.id)).toMatchObject({ status: 'failed', lastError: 'No webhook URL is configured for this organization' });
  });

  it('does not reach private addresses unless allowed, whether the URL names an IP or a host resolving to one', async () => {
    const guarded = webhookPost({ nowSeconds: () => 0, timeoutMs: 1_000 });
    const before = receiver.requests.length;
    for (const url of [`${receiver.url}/x`, receiver.url.replace('127.0.0.1', 'localhost'), 'http://[::1]:9/x', 'http://169.254.169.254/latest/meta-data', 'http://10.1.2.3/x']) {
      const outcome = await guarded.send({ id: 'm', url, secret: 's', body: '{}' });
      expect(outcome, url).toMatchObject({ ok: false, permanent: true, invalidRecipient: false });
      expect(outcome.ok ? '' : outcome.error, url).toMatch(/private address/);
    }
    expect(receiver.requests.length).toBe(before);
  });
});
