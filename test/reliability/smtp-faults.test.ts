import { createServer, connect, type Server, type Socket } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { smtpEmail } from '../../src/channels/smtp-email.ts';
import { queryRows } from '../../src/db/raw.ts';
import { deliverDueMessages } from '../../src/services/delivery/deliver-due.ts';
import { fixedClock } from '../../src/services/context.ts';
import { testDatabase } from '../support/database.ts';
import { deliveryDeps, localChannels, orgWithCustomer, queue } from '../support/delivery.ts';
import { freePort } from '../support/server-process.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

// One batch of messages through a mail server that is down, then refusing with 421, then dropping the
// connection after its greeting, then taking each message and never answering, then well again — with one
// long-lived SMTP pool, as a worker has. test/delivery-email.test.ts covers each answer for one message
// (550, timeout, dropped connection, giving up); this is the outage seen by a whole batch: every message
// retried on each fault, none failed, none lost, and repeats only of what the silent server had taken.

type Mode = 'down' | 'busy' | 'drop' | 'silent' | 'well';

let database: Awaited<ReturnType<typeof testDatabase>>;
let sink: SmtpSink;
let front: Server | undefined;
let port: number;
let mode: Mode = 'well';
const sockets = new Set<Socket>();

beforeAll(async () => {
  database = await testDatabase();
  sink = await startSmtpSink({ behave: () => (mode === 'silent' ? 'hang' : 'accept') });
  port = await freePort();
});
afterAll(async () => {
  await setMode('down');
  await sink?.close();
  await database?.dispose();
});

function accept(socket: Socket) {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
  socket.on('error', () => {});
  if (mode === 'busy') return socket.end('421 4.3.2 Too busy, try again later\r\n');
  if (mode === 'drop') {
    socket.write('220 front.test ESMTP\r\n');
    return socket.once('data', () => socket.destroy());
  }
  const upstream = connect(sink.port, '127.0.0.1');
  upstream.on('error', () => socket.destroy());
  socket.on('close', () => upstream.destroy());
  upstream.on('close', () => socket.destroy());
  socket.pipe(upstream).pipe(socket);
}

/** A mail server on one port whose behaviour changes; open connections are cut, as a failing server would. */
async function setMode(next: Mode) {
  mode = next;
  for (const s of sockets) s.destroy();
  if (next === 'down' && front) {
    await new Promise((resolve) => front!.close(resolve));
    front = undefined;
  }
  if (next !== 'down' && !front) {
    front = createServer(accept);
    await new Promise<void>((resolve) => front!.listen(port, '127.0.0.1', resolve));
  }
}

it('retries a whole batch through refusal, 421, dropped connections and silence, then sends each message once more only where the server had kept it', async () => {
  const MESSAGES = 16;
  const clock = fixedClock('2025-06-16T08:00:00Z');
  const org = await orgWithCustomer(database, clock);
  const rows = await queue(database, org.orgId, clock, Array.from({ length: MESSAGES }, (_, i) => ({ recipient: `payer${i}@customers.test`, subject: `Reminder ${i}`, bodyText: `outage-${i}` })));
  const channel = smtpEmail({ url: `smtp://127.0.0.1:${port}`, from: 'Outage Co <billing@outage.test>', connectionTimeoutMs: 1_000, socketTimeoutMs: 500 });
  const deps = deliveryDeps(database, clock, localChannels(clock, { email: channel }), { options: { batchSize: 12, concurrency: 4, leaseSeconds: 600, maxAttempts: 10, budgetMs: 60_000 } });
  const errors: Record<string, string[]> = {};
  try {
    for (const phase of ['down', 'busy', 'drop', 'silent'] as const) {
      await setMode(phase);
      const taken = sink.received.length;
      expect(await deliverDueMessages(deps), phase).toMatchObject({ sent: 0, failed: 0, retried: MESSAGES });
      const stored = await queryRows<{ last_error: string; status: string }>(database.db, sql`select last_error, status from outbox where org_id = ${org.orgId}`);
      expect(stored.every((r) => r.status === 'pending')).toBe(true);
      errors[phase] = [...new Set(stored.map((r) => r.last_error.replace(/payer\d+/g, 'payer#').slice(0, 80)))];
      expect(sink.received.length - taken, phase).toBe(phase === 'silent' ? MESSAGES : 0);
      // Past the longest backoff: everything is due again.
      clock.set(clock.now().add({ hours: 7 }));
    }
    await setMode('well');
    expect(await deliverDueMessages(deps)).toMatchObject({ sent: MESSAGES, failed: 0, retried: 0 });
  } finally {
    await channel.close?.();
  }

  expect(errors.down!.join()).toMatch(/ECONNREFUSED/);
  expect(errors.busy!.join()).toMatch(/421/);
  expect(errors.drop!.join()).toMatch(/ECONNECTION|ESOCKET|closed/i);
  expect(errors.silent!.join()).toMatch(/ETIMEDOUT|timeout/i);
  const stored = await queryRows<{ id: string; status: string; attempts: number; provider_message_id: string }>(database.db, sql`select id::text, status, attempts, provider_message_id from outbox where org_id = ${org.orgId}`);
  expect(stored.map((r) => [r.status, r.attempts])).toEqual(rows.map(() => ['sent', 5]));
  // Each message arrived twice: the copy the silent server kept, and the one sent when it was well, both
  // under the row's Message-ID, so the receiving side can drop the repeat.
  const copies = new Map<string, number>();
  for (const m of sink.received) copies.set(m.messageId, (copies.get(m.messageId) ?? 0) + 1);
  expect([...copies.keys()].sort()).toEqual(stored.map((r) => r.provider_message_id).sort());
  expect([...copies.values()].every((n) => n === 2)).toBe(true);
  console.info(`SMTP outage: ${MESSAGES} messages, 4 faults then success; errors seen: ${Object.entries(errors).map(([p, e]) => `${p}: ${e.join(' | ')}`).join('; ')}`);
});
