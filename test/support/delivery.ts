import { localStore } from '../../src/channels/local-store.ts';
import type { LetterMessage } from '../../src/channels/types.ts';
import { webhookPost } from '../../src/channels/webhook-post.ts';
import type { Database } from '../../src/db/connection.ts';
import { enqueueMessages, type NewOutboxMessage, type QueuedOutboxRow } from '../../src/db/repositories/outbox.ts';
import { fixedClock, nowDate, type Ctx } from '../../src/services/context.ts';
import { createCustomer } from '../../src/services/create-customer.ts';
import { createOrganization } from '../../src/services/organizations.ts';
import { DEFAULT_DELIVERY_OPTIONS, type Channels, type DeliveryDeps, type DeliveryLog } from '../../src/services/delivery/types.ts';

export type Clock = ReturnType<typeof fixedClock>;

export interface LogEntry {
  readonly level: 'info' | 'warn' | 'error';
  readonly details: object;
  readonly message: string;
}

/** A logger that keeps every entry, serialised as a log sink would write it. */
export function recordingLog(): DeliveryLog & { entries: LogEntry[]; text(): string } {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry['level']) => (details: object, message: string) => void entries.push({ level, details, message });
  return { entries, info: at('info'), warn: at('warn'), error: at('error'), text: () => entries.map((e) => JSON.stringify({ ...e.details, msg: e.message })).join('\n') };
}

/** Local mailbox for email and SMS, print queue for letters, webhooks allowed to reach 127.0.0.1. */
export function localChannels(clock: Clock, overrides: Partial<Channels> = {}): Channels {
  return {
    email: localStore('local_mailbox'),
    sms: localStore('local_mailbox'),
    webhook: webhookPost({ allowPrivateNetworks: true, nowSeconds: () => Math.floor(clock.now().epochMilliseconds / 1000), timeoutMs: 2_000 }),
    letter: localStore<LetterMessage>('print_queue'),
    ...overrides,
  };
}

export function deliveryDeps(database: Database, clock: Clock, channels: Channels, overrides: Partial<DeliveryDeps> = {}): DeliveryDeps & { log: ReturnType<typeof recordingLog> } {
  return {
    db: database.db,
    clock,
    channels,
    stillWanted: {},
    messageIdDomain: 'mail.punctual.test',
    options: { ...DEFAULT_DELIVERY_OPTIONS, maxAttempts: 4 },
    random: () => 0.5,
    ...overrides,
    log: recordingLog(),
  };
}

export interface TestOrg {
  readonly orgId: string;
  readonly ctx: Ctx;
  readonly customerId: string;
  readonly contactIds: string[];
}

/** An organization with one customer whose contacts have the given emails and phones. */
export async function orgWithCustomer(database: Database, clock: Clock, contacts: { email?: string; phone?: string }[] = [{ email: 'lan@saomai.vn' }]): Promise<TestOrg> {
  const org = await createOrganization(database.db, clock, { name: 'Delivery Test Co', baseCurrency: 'EUR', timeZone: 'Europe/Bucharest' });
  if (!org.ok) throw new Error(org.message);
  const ctx: Ctx = { db: database.db, orgId: org.value.orgId, actor: { type: 'system' }, clock };
  const customer = await createCustomer(ctx, { name: 'Công ty TNHH Sao Mai', currency: 'EUR', paymentTerms: 'net_30', contacts: contacts.map((c, i) => ({ name: `Contact ${i}`, ...c })) });
  if (!customer.ok) throw new Error(customer.message);
  return { orgId: org.value.orgId, ctx, customerId: customer.value.customer.id, contactIds: customer.value.contacts.map((c) => c.id) };
}

let keys = 0;

/** Queue messages as a deciding service would, each with a fresh idempotency key. */
export async function queue(database: Database, orgId: string, clock: Clock, messages: Partial<NewOutboxMessage>[]): Promise<QueuedOutboxRow[]> {
  return database.db.transaction((tx) =>
    enqueueMessages(
      tx as never,
      orgId,
      nowDate({ clock }),
      messages.map((m) => ({ idempotencyKey: `test-${process.pid}-${(keys += 1)}`, kind: 'reminder', channel: 'email', recipient: 'lan@saomai.vn', bodyText: 'Hello', ...m })),
    ),
  );
}
