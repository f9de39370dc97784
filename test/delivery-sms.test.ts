import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twilioSms } from '../src/channels/twilio-sms.ts';
import { deliveriesOf, findMessage } from '../src/db/repositories/delivery.ts';
import { contacts, events } from '../src/db/schema/index.ts';
import { fixedClock } from '../src/services/context.ts';
import { deliverDueMessages } from '../src/services/delivery/deliver-due.ts';
import { testDatabase } from './support/database.ts';
import { deliveryDeps, localChannels, orgWithCustomer, queue, type Clock, type TestOrg } from './support/delivery.ts';
import { startHttpCapture, type Answer, type CapturedRequest } from './support/http-capture.ts';

let database: Awaited<ReturnType<typeof testDatabase>>;
let clock: Clock;
let provider: Awaited<ReturnType<typeof startHttpCapture>>;
let org: TestOrg;
const script = new Map<string, Answer[]>();
let sequence = 0;

function answer(request: CapturedRequest): Answer {
  const to = new URLSearchParams(request.body).get('To') ?? '';
  const planned = script.get(to);
  if (planned && planned.length > 0) return planned.length > 1 ? planned.shift()! : planned[0]!;
  return { status: 201, body: { sid: `SM${String((sequence += 1)).padStart(32, '0')}`, status: 'queued', to } };
}

beforeAll(async () => {
  database = await testDatabase();
  clock = fixedClock('2025-06-16T08:00:00Z');
  provider = await startHttpCapture(answer);
  org = await orgWithCustomer(database, clock, [{ phone: '+40700000001' }, { phone: '+40700000400' }, { phone: '+40700000500' }]);
});
afterAll(async () => {
  await provider.close();
  await database.dispose();
});

const sms = () => twilioSms({ baseUrl: provider.url, accountSid: 'AC0123456789abcdef', authToken: 'tw-secret-token-42', from: '+40312345678', timeoutMs: 2_000 });

describe('SMS through a Twilio-format provider', () => {
  it('posts the form to the Messages endpoint with basic auth and stores the sid', async () => {
    const body = 'Nhắc nhở: hóa đơn INV-00042 quá hạn. Счёт просрочен. Factura e scadentă.';
    const [row] = await queue(database, org.orgId, clock, [{ channel: 'sms', customerId: org.customerId, recipient: '+40 700 000 001', bodyText: body }]);
    const before = provider.requests.length;
    expect(await deliverDueMessages(deliveryDeps(database, clock, localChannels(clock, { sms: sms() })))).toMatchObject({ sent: 1 });
    const [request, ...more] = provider.requests.slice(before);
    expect(more).toEqual([]);
    expect(request!.method).toBe('POST');
    expect(request!.path).toBe('/2010-04-01/Accounts/AC0123456789abcdef/Messages.json');
    expect(request!.headers.authorization).toBe(`Basic ${Buffer.from('AC0123456789abcdef:tw-secret-token-42').toString('base64')}`);
    expect(request!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(request!.body))).toEqual({ To: '+40700000001', From: '+40312345678', Body: body });
    const stored = await findMessage(database.db, org.orgId, row!.id);
    expect(stored).toMatchObject({ status: 'sent', attempts: 1 });
    expect(stored!.providerMessageId).toMatch(/^SM\d{32}$/);
    expect(await deliveriesOf(database.db, org.orgId, row!.id)).toMatchObject([{ transport: 'sms_provider', outcome: 'sent', providerMessageId: stored!.providerMessageId }]);
  });

  it('fails an invalid number for good (400, code 21211) and flags the contact with that number', async () => {
    script.set('+40700000400', [{ status: 400, body: { code: 21211, message: "The 'To' number +40700000400 is not a valid phone number.", status: 400 } }]);
    const [row] = await queue(database, org.orgId, clock, [{ channel: 'sms', customerId: org.customerId, recipient: '+40 (700) 000-400', bodyText: 'Please pay' }]);
    const followUps: string[] = [];
    const deps = deliveryDeps(database, clock, localChannels(clock, { sms: sms() }), { onFailed: async (_tx, _org, r) => void followUps.push(r.id) });
    expect(await deliverDueMessages(deps)).toMatchObject({ failed: 1 });
    const stored = await findMessage(database.db, org.orgId, row!.id);
    expect(stored).toMatchObject({ status: 'failed', attempts: 1 });
    expect(stored!.lastError).toBe("SMS provider answered 400 (code 21211): The 'To' number +40700000400 is not a valid phone number.");
    const flagged = await database.db.select().from(contacts).where(and(eq(contacts.orgId, org.orgId), eq(contacts.customerId, org.customerId)));
    expect(flagged.filter((c) => c.phoneInvalidAt !== null).map((c) => c.id)).toEqual([org.contactIds[1]]);
    expect(followUps).toEqual([row!.id]);
    const [event] = await database.db.select().from(events).where(and(eq(events.orgId, org.orgId), eq(events.entityType, 'customer'), eq(events.action, 'message.failed')));
    expect(event!.after).toMatchObject({ channel: 'sms', text: 'Please pay', contactsFlagged: [org.contactIds[1]] });
  });

  it('retries a provider error (500) with backoff, then sends', async () => {
    script.set('+40700000500', [{ status: 500, body: { message: 'Internal error' } }, { status: 201, body: { sid: 'SMretried' } }]);
    const [row] = await queue(database, org.orgId, clock, [{ channel: 'sms', customerId: org.customerId, recipient: '+40700000500', bodyText: 'Again' }]);
    const deps = deliveryDeps(database, clock, localChannels(clock, { sms: sms() }));
    expect(await deliverDueMessages(deps)).toMatchObject({ retried: 1 });
    const pending = await findMessage(database.db, org.orgId, row!.id);
    expect(pending).toMatchObject({ status: 'pending', attempts: 1, lastError: 'SMS provider answered 500: Internal error' });
    clock.set(pending!.nextAttemptAt.toISOString());
    expect(await deliverDueMessages(deps)).toMatchObject({ sent: 1 });
    expect(await findMessage(database.db, org.orgId, row!.id)).toMatchObject({ status: 'sent', attempts: 2, providerMessageId: 'SMretried' });
    const flagged = await database.db.select().from(contacts).where(and(eq(contacts.orgId, org.orgId), eq(contacts.id, org.contactIds[2]!)));
    expect(flagged[0]!.phoneInvalidAt).toBeNull();
  });

  it('retries answers it cannot trust: rate limits, bad credentials, a success without a sid, an unreachable provider', async () => {
    script.set('+40700000429', [{ status: 429, body: { code: 20429, message: 'Too Many Requests' } }]);
    script.set('+40700000401', [{ status: 401, body: { code: 20003, message: 'Authenticate' } }]);
    script.set('+40700000201', [{ status: 201, body: '<html>not json</html>' }]);
    const rows = await queue(database, org.orgId, clock, ['+40700000429', '+40700000401', '+40700000201'].map((to) => ({ channel: 'sms', recipient: to, bodyText: 'x' })));
    expect(await deliverDueMessages(deliveryDeps(database, clock, localChannels(clock, { sms: sms() })))).toMatchObject({ retried: 3, sent: 0 });
    for (const row of rows) expect(await findMessage(database.db, org.orgId, row.id)).toMatchObject({ status: 'pending', attempts: 1 });

    const [down] = await queue(database, org.orgId, clock, [{ channel: 'sms', recipient: '+40700000002', bodyText: 'x' }]);
    const unreachable = twilioSms({ baseUrl: 'http://127.0.0.1:9', accountSid: 'AC1', authToken: 't', from: '+1', timeoutMs: 1_000 });
    expect(await deliverDueMessages(deliveryDeps(database, clock, localChannels(clock, { sms: unreachable })))).toMatchObject({ retried: 1 });
    expect((await findMessage(database.db, org.orgId, down!.id))!.lastError).toMatch(/^SMS provider unreachable/);
  });

  it('refuses a recipient that is not a phone number without calling the provider', async () => {
    const before = provider.requests.length;
    const [row] = await queue(database, org.orgId, clock, [{ channel: 'sms', recipient: 'lan@saomai.vn', bodyText: 'x' }]);
    expect(await deliverDueMessages(deliveryDeps(database, clock, localChannels(clock, { sms: sms() })))).toMatchObject({ failed: 1 });
    expect(provider.requests.length).toBe(before);
    expect(await findMessage(database.db, org.orgId, row!.id)).toMatchObject({ status: 'failed', lastError: '"lan@saomai.vn" is not a phone number' });
  });

  it('stores texts in the local mailbox when no provider is configured', async () => {
    const [row] = await queue(database, org.orgId, clock, [{ channel: 'sms', recipient: '+40700000003', bodyText: 'Kept' }]);
    expect(await deliverDueMessages(deliveryDeps(database, clock, localChannels(clock)))).toMatchObject({ sent: 1 });
    expect(await deliveriesOf(database.db, org.orgId, row!.id)).toMatchObject([{ transport: 'local_mailbox', outcome: 'sent', providerMessageId: row!.id }]);
  });
});
