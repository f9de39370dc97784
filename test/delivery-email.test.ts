import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpEmail } from '../src/channels/smtp-email.ts';
import { contacts, events, outbox } from '../src/db/schema/index.ts';
import { deliveriesOf, findMessage } from '../src/db/repositories/delivery.ts';
import { deliverDueMessages } from '../src/services/delivery/deliver-due.ts';
import type { DeliveryFailure } from '../src/services/delivery/types.ts';
import { fixedClock } from '../src/services/context.ts';
import { and, eq, sql } from 'drizzle-orm';
import { queryRows } from '../src/db/raw.ts';
import { testDatabase } from './support/database.ts';
import { deliveryDeps, localChannels, orgWithCustomer, queue, type Clock, type TestOrg } from './support/delivery.ts';
import { startDroppingServer, startSmtpSink, type Behaviour, type SmtpSink } from './support/smtp-sink.ts';

let database: Awaited<ReturnType<typeof testDatabase>>;
let clock: Clock;
let sink: SmtpSink;
let org: TestOrg;
const behaviour = new Map<string, Behaviour[]>();

beforeAll(async () => {
  database = await testDatabase();
  clock = fixedClock('2025-06-16T08:00:00Z');
  // Each recipient can be given a script: one behaviour per attempt, the last one repeating.
  sink = await startSmtpSink({ auth: { user: 'mailer', pass: 'p@ss w0rd!' }, behave: (to) => next(to) });
  org = await orgWithCustomer(database, clock, [{ email: 'lan@saomai.vn' }, { email: 'Bounce@Saomai.vn' }, { email: 'bounce@saomai.vn' }]);
});
afterAll(async () => {
  await sink.close();
  await database.dispose();
});

function next(to: string): Behaviour {
  const script = behaviour.get(to);
  if (!script || script.length === 0) return 'accept';
  return script.length > 1 ? script.shift()! : script[0]!;
}

function smtp(socketTimeoutMs = 2_000) {
  return smtpEmail({ url: sink.url('mailer', 'p@ss w0rd!'), from: 'Lumen Studio <billing@lumen.test>', socketTimeoutMs, connectionTimeoutMs: 2_000 });
}

function received(messageId: string) {
  return sink.received.filter((m) => m.messageId === messageId);
}

const letters = [
  {
    locale: 'vi',
    subject: 'Nhắc nhở: hóa đơn INV-00042 đã quá hạn 7 ngày — 1.250.000 ₫',
    text: 'Kính gửi Công ty TNHH Sao Mai,\n\nHóa đơn INV-00042 (1.250.000 ₫) đã quá hạn thanh toán từ ngày 09/06/2025.\nXin vui lòng thanh toán sớm. Cảm ơn quý khách!\n',
    html: '<p>Kính gửi <b>Công ty TNHH Sao Mai</b>,</p><p>Hóa đơn INV-00042 (1.250.000&nbsp;₫) đã quá hạn.</p>',
  },
  {
    locale: 'ru',
    subject: 'Напоминание: счёт № 17 просрочен — 12 500,00 ₽',
    text: 'Уважаемый клиент!\n\nСрок оплаты счёта № 17 на сумму 12 500,00 ₽ истёк 09.06.2025.\nПросим оплатить его в ближайшее время. «Спасибо»!\n',
    html: '<p>Уважаемый клиент!</p><p>Срок оплаты счёта № 17 истёк — просим оплатить.</p>',
  },
  {
    locale: 'ro',
    subject: 'Reamintire: factura FCT-0031 este scadentă — 1.234,56 lei',
    text: 'Stimate client,\n\nFactura FCT-0031 în valoare de 1.234,56 lei a depășit scadența (09.06.2025).\nVă rugăm să efectuați plata. Mulțumim frumos, Ștefan Țărână!\n',
    html: '<p>Stimate client,</p><p>Factura FCT-0031 a depășit scadența. Mulțumim, Ștefan Țărână!</p>',
  },
];

describe('email through SMTP', () => {
  it('delivers Vietnamese, Russian and Romanian messages byte for byte, with a Message-ID derived from the row', async () => {
    const invoiceId = '0197a1b2-0000-7000-8000-000000000001';
    const rows = await queue(
      database,
      org.orgId,
      clock,
      letters.map((l, i) => ({ customerId: org.customerId, invoiceIds: [invoiceId], subject: l.subject, bodyText: l.text, bodyHtml: l.html, payload: i === 0 ? { replyTo: 'Sao Mai AR <ar@lumen.test>' } : {} })),
    );
    const deps = deliveryDeps(database, clock, localChannels(clock, { email: smtp() }), { replyTo: 'team@lumen.test' });
    const report = await deliverDueMessages(deps);
    expect(report).toMatchObject({ sent: 3, retried: 0, failed: 0, cancelled: 0 });

    for (const [i, row] of rows.entries()) {
      const messageId = `<${row.id}@mail.punctual.test>`;
      const [mail, ...more] = received(messageId);
      expect(more).toEqual([]);
      expect(mail!.user).toBe('mailer');
      expect(mail!.to).toEqual(['lan@saomai.vn']);
      const parsed = await simpleParser(mail!.raw);
      expect(parsed.subject).toBe(letters[i]!.subject);
      expect(parsed.text).toBe(letters[i]!.text);
      expect(parsed.html).toBe(letters[i]!.html);
      expect(parsed.messageId).toBe(messageId);
      expect(parsed.from?.value).toEqual([{ name: 'Lumen Studio', address: 'billing@lumen.test' }]);
      expect(parsed.replyTo?.value).toEqual([i === 0 ? { name: 'Sao Mai AR', address: 'ar@lumen.test' } : { name: '', address: 'team@lumen.test' }]);

      const stored = await findMessage(database.db, org.orgId, row.id);
      expect(stored).toMatchObject({ status: 'sent', attempts: 1, providerMessageId: messageId, lastError: null });
      expect(stored!.sentAt).toEqual(new Date('2025-06-16T08:00:00Z'));
      expect(await deliveriesOf(database.db, org.orgId, row.id)).toMatchObject([{ attempt: 1, outcome: 'sent', transport: 'smtp', providerMessageId: messageId }]);
    }

    // On the message's, the customer's and the invoice's timelines, with the content.
    const logged = await database.db.select().from(events).where(and(eq(events.orgId, org.orgId), eq(events.action, 'message.sent')));
    for (const entity of [{ entityType: 'message', entityId: rows[1]!.id }, { entityType: 'customer', entityId: org.customerId }, { entityType: 'invoice', entityId: invoiceId }]) {
      const event = logged.find((e) => e.entityType === entity.entityType && e.entityId === entity.entityId && (e.after as { messageId: string }).messageId === rows[1]!.id);
      expect(event?.after).toMatchObject({ subject: letters[1]!.subject, text: letters[1]!.text, recipient: 'lan@saomai.vn', channel: 'email', transport: 'smtp', status: 'sent' });
    }
  });

  it('attaches what the injected renderer produces and names kinds nobody renders yet', async () => {
    const pdf = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7) % 256));
    const [row] = await queue(database, org.orgId, clock, [{ subject: 'Invoice', bodyText: 'Attached.', payload: { attachments: [{ kind: 'invoice_pdf', invoiceId: 'x' }, { kind: 'statement_pdf' }] } }]);
    const asked: unknown[] = [];
    const deps = deliveryDeps(database, clock, localChannels(clock, { email: smtp() }), {
      attachments: {
        invoice_pdf: async (_db, orgId, r, request) => {
          asked.push({ orgId, id: r.id, request });
          return { filename: 'Hóa đơn INV-00042.pdf', contentType: 'application/pdf', content: pdf };
        },
      },
    });
    expect(await deliverDueMessages(deps)).toMatchObject({ sent: 1 });
    expect(asked).toEqual([{ orgId: org.orgId, id: row!.id, request: { kind: 'invoice_pdf', invoiceId: 'x' } }]);
    const parsed = await simpleParser(received(`<${row!.id}@mail.punctual.test>`)[0]!.raw);
    expect(parsed.attachments.map((a) => [a.filename, a.contentType])).toEqual([['Hóa đơn INV-00042.pdf', 'application/pdf']]);
    expect(Buffer.compare(parsed.attachments[0]!.content, pdf)).toBe(0);
    const [event] = await database.db.select().from(events).where(and(eq(events.orgId, org.orgId), eq(events.entityId, row!.id), eq(events.action, 'message.sent')));
    expect(event!.after).toMatchObject({ omittedAttachments: ['statement_pdf'] });
  });

  it('marks a message refused with 550 failed, flags the contact and calls the follow-up hook', async () => {
    behaviour.set('bounce@saomai.vn', ['reject']);
    const [row] = await queue(database, org.orgId, clock, [{ customerId: org.customerId, recipient: 'bounce@saomai.vn', subject: 'Reminder', bodyText: 'Please pay' }]);
    const followUps: { row: string; failure: DeliveryFailure }[] = [];
    const deps = deliveryDeps(database, clock, localChannels(clock, { email: smtp() }), { onFailed: async (_tx, _org, r, failure) => void followUps.push({ row: r.id, failure }) });
    expect(await deliverDueMessages(deps)).toMatchObject({ sent: 0, failed: 1 });

    const stored = await findMessage(database.db, org.orgId, row!.id);
    expect(stored).toMatchObject({ status: 'failed', attempts: 1 });
    expect(stored!.lastError).toMatch(/550/);
    const flagged = await database.db.select().from(contacts).where(eq(contacts.customerId, org.customerId));
    // Both spellings of the address are the same mailbox; the good contact is untouched.
    expect(flagged.filter((c) => c.emailBouncedAt !== null).map((c) => c.id).sort()).toEqual([org.contactIds[1], org.contactIds[2]].sort());
    expect(followUps).toEqual([{ row: row!.id, failure: { error: stored!.lastError, invalidRecipient: true, contactsFlagged: expect.arrayContaining([org.contactIds[1], org.contactIds[2]]) } }]);
    const [event] = await database.db.select().from(events).where(and(eq(events.orgId, org.orgId), eq(events.entityType, 'customer'), eq(events.action, 'message.failed')));
    expect(event!.after).toMatchObject({ messageId: row!.id, text: 'Please pay', invalidRecipient: true });
  });

  it('retries a send whose answer never came, with backoff, and the copy carries the same Message-ID', async () => {
    behaviour.set('slow@saomai.vn', ['hang', 'accept']);
    const [row] = await queue(database, org.orgId, clock, [{ recipient: 'slow@saomai.vn', subject: 'Timeout', bodyText: 'Answer me' }]);
    const deps = deliveryDeps(database, clock, localChannels(clock, { email: smtp(400) }));
    expect(await deliverDueMessages(deps)).toMatchObject({ sent: 0, retried: 1 });
    let stored = await findMessage(database.db, org.orgId, row!.id);
    expect(stored).toMatchObject({ status: 'pending', attempts: 1 });
    expect(stored!.lastError).toMatch(/ETIMEDOUT|timeout/i);
    // Attempt 1 waits 15–30 s (jitter 0.5 → 23 s); nothing is due before.
    expect(stored!.nextAttemptAt).toEqual(new Date('2025-06-16T08:00:23Z'));
    clock.set('2025-06-16T08:00:22Z');
    expect(await deliverDueMessages(deps)).toMatchObject({ sent: 0, retried: 0 });
    clock.set('2025-06-16T08:00:23Z');
    expect(await deliverDueMessages(deps)).toMatchObject({ sent: 1 });
    stored = await findMessage(database.db, org.orgId, row!.id);
    expect(stored).toMatchObject({ status: 'sent', attempts: 2 });
    const copies = received(`<${row!.id}@mail.punctual.test>`);
    expect(copies).toHaveLength(2);
    const [first, second] = await Promise.all(copies.map((c) => simpleParser(c.raw)));
    expect([second!.messageId, second!.subject, second!.text]).toEqual([first!.messageId, first!.subject, first!.text]);
    clock.set('2025-06-16T08:00:00Z');
  });

  it('retries a dropped connection with growing delays, then gives up without blaming the address', async () => {
    const dropping = await startDroppingServer();
    try {
      const channel = smtpEmail({ url: dropping.url, from: 'billing@lumen.test', connectionTimeoutMs: 1_000 });
      const [row] = await queue(database, org.orgId, clock, [{ customerId: org.customerId, recipient: 'lan@saomai.vn', subject: 'Drop', bodyText: 'x' }]);
      const deps = deliveryDeps(database, clock, localChannels(clock, { email: channel }), { random: () => 1 });
      const delays: number[] = [];
      for (let attempt = 1; attempt <= 3; attempt += 1) {
        expect(await deliverDueMessages(deps)).toMatchObject({ retried: 1 });
        const stored = await findMessage(database.db, org.orgId, row!.id);
        expect(stored).toMatchObject({ status: 'pending', attempts: attempt });
        expect(stored!.lastError).toMatch(/ECONNECTION|ESOCKET|closed/i);
        delays.push((stored!.nextAttemptAt.getTime() - clock.now().epochMilliseconds) / 1000);
        clock.set(stored!.nextAttemptAt.toISOString());
      }
      expect(delays).toEqual([30, 60, 120]);
      expect(await deliverDueMessages(deps)).toMatchObject({ failed: 1 });
      const stored = await findMessage(database.db, org.orgId, row!.id);
      expect(stored).toMatchObject({ status: 'failed', attempts: 4 });
      expect(stored!.lastError).toMatch(/^Gave up after 4 attempts/);
      const good = await database.db.select().from(contacts).where(and(eq(contacts.orgId, org.orgId), eq(contacts.id, org.contactIds[0]!)));
      expect(good[0]!.emailBouncedAt).toBeNull();
      expect(dropping.connections()).toBe(4);
      await channel.close?.();
    } finally {
      await dropping.close();
      clock.set('2025-06-16T08:00:00Z');
    }
  });
});

describe('the still-wanted check', () => {
  it('cancels messages no longer wanted, inside the claim, and sends the rest', async () => {
    const rows = await queue(database, org.orgId, clock, [
      { customerId: org.customerId, subject: 'Paid meanwhile', bodyText: 'a' },
      { customerId: org.customerId, subject: 'Still owed', bodyText: 'b' },
      { kind: 'receipt', customerId: org.customerId, subject: 'Receipt', bodyText: 'c' },
    ]);
    const stranger = await orgWithCustomer(database, clock);
    await queue(database, stranger.orgId, clock, [{ subject: 'Not yours', bodyText: 'z', notBefore: new Date('2030-01-01T00:00:00Z') }]);
    const seen: string[] = [];
    const before = sink.received.length;
    const deps = deliveryDeps(database, clock, localChannels(clock, { email: smtp() }), {
      stillWanted: {
        reminder: async (tx, orgId, row) => {
          // The predicate runs in the claiming transaction: it sees the row locked there.
          const [locked] = await tx.select({ status: outbox.status }).from(outbox).where(and(eq(outbox.orgId, orgId), eq(outbox.id, row.id)));
          // …as the organization's tenant role: row-level security hides every other organization's rows.
          const [who] = await queryRows<{ role: string; org: string }>(tx, sql`select current_user as role, current_setting('app.org_id') as org`);
          const foreign = await tx.select().from(outbox).where(eq(outbox.orgId, stranger.orgId));
          seen.push(`${row.subject}:${locked!.status}:${who!.role}:${who!.org === orgId}:${foreign.length}`);
          return row.subject !== 'Paid meanwhile';
        },
      },
    });
    expect(await deliverDueMessages(deps)).toMatchObject({ sent: 2, cancelled: 1 });
    expect(seen.sort()).toEqual(['Paid meanwhile:pending:punctual_tenant:true:0', 'Still owed:pending:punctual_tenant:true:0']);
    expect((await findMessage(database.db, org.orgId, rows[0]!.id))!.status).toBe('cancelled');
    expect(sink.received.slice(before).map((m) => m.messageId).sort()).toEqual([`<${rows[1]!.id}@mail.punctual.test>`, `<${rows[2]!.id}@mail.punctual.test>`].sort());
    const cancelled = await database.db.select().from(events).where(and(eq(events.orgId, org.orgId), eq(events.action, 'message.cancelled')));
    expect(cancelled.map((e) => e.entityType).sort()).toEqual(['customer', 'message']);
    expect(cancelled[0]!.after).toMatchObject({ subject: 'Paid meanwhile', text: 'a', status: 'cancelled' });
    expect(await deliveriesOf(database.db, org.orgId, rows[0]!.id)).toMatchObject([{ outcome: 'cancelled', attempt: 0 }]);
  });

  it('retries a message whose check throws, without holding back the others', async () => {
    const rows = await queue(database, org.orgId, clock, [{ subject: 'Broken check', bodyText: 'a' }, { subject: 'Fine', bodyText: 'b' }]);
    const deps = deliveryDeps(database, clock, localChannels(clock), {
      stillWanted: {
        reminder: async (tx, _orgId, row) => {
          if (row.subject !== 'Broken check') return true;
          await tx.select().from(outbox).where(eq(outbox.id, row.id));
          throw new Error('invoice vanished');
        },
      },
    });
    expect(await deliverDueMessages(deps)).toMatchObject({ sent: 1, retried: 1 });
    expect(await findMessage(database.db, org.orgId, rows[0]!.id)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'Checking whether the message is still wanted failed: invoice vanished' });
    expect(await findMessage(database.db, org.orgId, rows[1]!.id)).toMatchObject({ status: 'sent' });
    expect(deps.log.entries.some((e) => e.level === 'error' && e.message === 'still-wanted check failed')).toBe(true);
  });
});

describe('without SMTP_URL', () => {
  it('stores email in the local mailbox and marks it sent there, not dropped', async () => {
    const [row] = await queue(database, org.orgId, clock, [{ subject: 'Stored', bodyText: 'Kept here' }]);
    const before = sink.received.length;
    expect(await deliverDueMessages(deliveryDeps(database, clock, localChannels(clock)))).toMatchObject({ sent: 1 });
    expect(sink.received.length).toBe(before);
    expect(await findMessage(database.db, org.orgId, row!.id)).toMatchObject({ status: 'sent', providerMessageId: `<${row!.id}@mail.punctual.test>`, bodyText: 'Kept here' });
    expect(await deliveriesOf(database.db, org.orgId, row!.id)).toMatchObject([{ transport: 'local_mailbox', outcome: 'sent' }]);
  });

  it('refuses an address that cannot be valid without trying, and flags nothing it cannot match', async () => {
    const bounced = async () => (await database.db.select().from(contacts).where(eq(contacts.orgId, org.orgId))).filter((c) => c.emailBouncedAt !== null).length;
    const flaggedBefore = await bounced();
    const before = sink.received.length;
    const [row] = await queue(database, org.orgId, clock, [{ customerId: org.customerId, recipient: 'not an address\r\nBcc: victim@example.com', subject: 'x', bodyText: 'x' }]);
    expect(await deliverDueMessages(deliveryDeps(database, clock, localChannels(clock, { email: smtp() })))).toMatchObject({ failed: 1 });
    expect(await findMessage(database.db, org.orgId, row!.id)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(sink.received.length).toBe(before);
    expect(await bounced()).toBe(flaggedBefore);
  });
});
