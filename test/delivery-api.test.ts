import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/http/server.ts';
import { deliverDueMessages } from '../src/services/delivery/deliver-due.ts';
import { testApp, tenant, type Tenant, type TestClock } from './support/app.ts';
import { testDatabase } from './support/database.ts';
import { deliveryDeps, localChannels, queue } from './support/delivery.ts';
import { createCustomer } from '../src/services/create-customer.ts';
import { outbox } from '../src/db/schema/index.ts';

let database: Awaited<ReturnType<typeof testDatabase>>;
let app: App;
let clock: TestClock;
let a: Tenant;
let b: Tenant;
let customerA: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  database = await testDatabase();
  ({ app, clock } = await testApp(database, '2025-06-16T08:00:00Z'));
  a = await tenant(database, app, clock, { name: 'Org A' });
  b = await tenant(database, app, clock, { name: 'Org B' });
  const customer = await createCustomer(a.ctx, { name: 'SC Ștefan SRL', currency: 'RON', paymentTerms: 'net_30', contacts: [{ name: 'Ștefan', email: 'stefan@example.ro' }] });
  if (!customer.ok) throw new Error(customer.message);
  customerA = customer.value.customer.id;
  const rows = await queue(database, a.orgId, clock, [
    { channel: 'email', customerId: customerA, recipient: 'stefan@example.ro', subject: 'Factura scadentă', bodyText: 'Vă rugăm să plătiți.', bodyHtml: '<p>Vă rugăm să plătiți.</p>' },
    { channel: 'letter', customerId: customerA, recipient: 'SC Ștefan SRL, Str. Lungă 1, Brașov', subject: 'Somație de plată', bodyText: 'Ultima notificare.' },
    { channel: 'sms', recipient: '+40700000001', bodyText: 'Factura scadentă' },
  ]);
  ids.email = rows[0]!.id;
  ids.letter = rows[1]!.id;
  ids.sms = rows[2]!.id;
  await deliverDueMessages(deliveryDeps(database, clock, localChannels(clock)));
  ids.pending = (await queue(database, a.orgId, clock, [{ customerId: customerA, recipient: 'stefan@example.ro', subject: 'Later', bodyText: 'Tomorrow' }]))[0]!.id;
  ids.other = (await queue(database, b.orgId, clock, [{ recipient: 'b@example.com', subject: 'Org B secret', bodyText: 'B only' }]))[0]!.id;
});
afterAll(async () => {
  await app.close();
  await database.dispose();
});

describe('GET /api/v1/messages (the sent mail view)', () => {
  it('lists the organization’s messages newest first, with where each went', async () => {
    const r = await a.call('GET', '/api/v1/messages');
    expect(r.statusCode, r.body).toBe(200);
    const list = r.json().data as { id: string; channel: string; status: string; transport: string | null; nextAttemptAt: string | null }[];
    expect(list.map((m) => m.id)).toEqual([ids.pending, ids.sms, ids.letter, ids.email]);
    expect(list.find((m) => m.id === ids.letter)).toMatchObject({ channel: 'letter', status: 'sent', transport: 'print_queue' });
    expect(list.find((m) => m.id === ids.email)).toMatchObject({ status: 'sent', transport: 'local_mailbox', nextAttemptAt: null });
    expect(list.find((m) => m.id === ids.pending)).toMatchObject({ status: 'pending', transport: null, nextAttemptAt: '2025-06-16T08:00:00.000Z' });
    expect(list[0]).not.toHaveProperty('bodyText');
  });

  it('filters by customer, status and channel, and pages with a cursor', async () => {
    const byChannel = (await a.call('GET', '/api/v1/messages?channel=letter')).json();
    expect(byChannel.data.map((m: { id: string }) => m.id)).toEqual([ids.letter]);
    const byCustomer = (await a.call('GET', `/api/v1/messages?customerId=${customerA}&status=sent`)).json();
    expect(byCustomer.data.map((m: { id: string }) => m.id)).toEqual([ids.letter, ids.email]);
    const pending = (await a.call('GET', '/api/v1/messages?status=pending')).json();
    expect(pending.data.map((m: { id: string }) => m.id)).toEqual([ids.pending]);

    const first = (await a.call('GET', '/api/v1/messages?limit=2')).json();
    expect(first.data).toHaveLength(2);
    const second = (await a.call('GET', `/api/v1/messages?limit=2&cursor=${first.nextCursor}`)).json();
    expect([...first.data, ...second.data].map((m: { id: string }) => m.id)).toEqual([ids.pending, ids.sms, ids.letter, ids.email]);
    expect(second.nextCursor).toBeTruthy();
    expect((await a.call('GET', `/api/v1/messages?limit=2&cursor=${second.nextCursor}`)).json()).toEqual({ data: [], nextCursor: null });
  });

  it('shows one message with its full content and delivery history', async () => {
    const r = await a.call('GET', `/api/v1/messages/${ids.email}`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      id: ids.email,
      subject: 'Factura scadentă',
      bodyText: 'Vă rugăm să plătiți.',
      bodyHtml: '<p>Vă rugăm să plătiți.</p>',
      providerMessageId: `<${ids.email}@mail.punctual.test>`,
      deliveries: [{ attempt: 1, outcome: 'sent', transport: 'local_mailbox', error: null, occurredAt: '2025-06-16T08:00:00.000Z' }],
    });
  });

  it('refuses bad filters and ids with a 400 naming the field', async () => {
    for (const [url, field] of [
      ['/api/v1/messages?status=delivered', 'status'],
      ['/api/v1/messages?channel=fax', 'channel'],
      ['/api/v1/messages?customerId=nope', 'customerId'],
      ['/api/v1/messages?limit=0', 'limit'],
      ['/api/v1/messages?limit=100000', 'limit'],
      ['/api/v1/messages?cursor=%27%3B%20drop%20table%20outbox%3B--', 'cursor'],
      ['/api/v1/messages/not-a-uuid', 'id'],
    ] as const) {
      const r = await a.call('GET', url);
      expect(r.statusCode, url).toBe(400);
      expect(r.json().error.field, url).toBe(field);
    }
    expect((await database.db.select().from(outbox)).length).toBe(5);
  });

  it("keeps organizations apart: another organization's message is not found, and not listed", async () => {
    const r = await a.call('GET', `/api/v1/messages/${ids.other}`);
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('MESSAGE_NOT_FOUND');
    expect((await b.call('GET', `/api/v1/messages/${ids.email}`)).statusCode).toBe(404);
    expect((await b.call('GET', '/api/v1/messages')).json().data.map((m: { id: string }) => m.id)).toEqual([ids.other]);
    expect((await b.call('GET', `/api/v1/messages?customerId=${customerA}`)).json().data).toEqual([]);
  });

  it('asks for an API key', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/messages' })).statusCode).toBe(401);
  });
});
