// Email delivery rate through the outbox (claim, still-wanted check, send, record the outcome and its events,
// one transaction per message so a crash can only repeat the message in flight) against nodemailer alone
// sending the same messages to the same local SMTP sink with the same pool. PGlite on disk by default (the
// embedded setup), PostgreSQL when DATABASE_URL is set.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createTransport } from 'nodemailer';
import pg from 'pg';
import { smtpEmail } from '../src/channels/smtp-email.ts';
import { openDatabase, type Database } from '../src/db/connection.ts';
import { enqueueMessages } from '../src/db/repositories/outbox.ts';
import { fixedClock } from '../src/services/context.ts';
import { deliverDueMessages } from '../src/services/delivery/deliver-due.ts';
import { DEFAULT_DELIVERY_OPTIONS } from '../src/services/delivery/types.ts';
import { createOrganization } from '../src/services/organizations.ts';
import { startSmtpSink } from '../test/support/smtp-sink.ts';
import { fmt, record } from './support.ts';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1000);
const CONCURRENCY = DEFAULT_DELIVERY_OPTIONS.concurrency;
const subject = 'Nhắc nhở: hóa đơn INV-00042 đã quá hạn — Счёт просрочен — Factura e scadentă';
const text = 'Kính gửi quý khách,\n\nHóa đơn INV-00042 (1.250.000 ₫) đã quá hạn.\nСрок оплаты счёта истёк. Vă rugăm să plătiți.\n';

const sink = await startSmtpSink();

async function baseline(): Promise<number> {
  const transport = createTransport({ url: sink.url(), pool: true, maxConnections: 3, maxRequeues: 0 });
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < MESSAGES) {
        const i = next++;
        await transport.sendMail({ from: 'Lumen <billing@lumen.test>', to: `c${i}@example.com`, subject, text, messageId: `<baseline-${i}@lumen.test>` });
      }
    }),
  );
  const perSecond = MESSAGES / ((performance.now() - start) / 1000);
  transport.close();
  return perSecond;
}

async function database(): Promise<{ database: Database; where: string; dispose(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `punctual_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    const db = await openDatabase({ url: u.toString() });
    await db.migrate();
    return {
      database: db,
      where: 'PostgreSQL',
      dispose: async () => {
        await db.close();
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`drop database ${name} with (force)`);
        await c.end();
      },
    };
  }
  // Migrate in memory (fast), then start the data folder from that state.
  const memory = await openDatabase({});
  await memory.migrate();
  const dump = await memory.pglite!.dumpDataDir('none');
  await memory.close();
  const dir = mkdtempSync(join(tmpdir(), 'punctual-bench-'));
  await (await PGlite.create(join(dir, 'data'), { loadDataDir: dump })).close();
  const db = await openDatabase({ dataDir: join(dir, 'data') });
  return { database: db, where: 'PGlite on disk', dispose: async () => (await db.close(), rmSync(dir, { recursive: true, force: true })) };
}

async function outbox(): Promise<{ perSecond: number; where: string }> {
  const { database: db, where, dispose } = await database();
  try {
    const clock = fixedClock('2025-06-16T08:00:00Z');
    const org = await createOrganization(db.db, clock, { name: 'Bench Co', baseCurrency: 'EUR', timeZone: 'UTC' });
    if (!org.ok) throw new Error(org.message);
    await db.db.transaction((tx) =>
      enqueueMessages(tx as never, org.value.orgId, new Date('2025-06-16T08:00:00Z'), Array.from({ length: MESSAGES }, (_, i) => ({ idempotencyKey: `bench-${i}`, kind: 'reminder', channel: 'email', recipient: `c${i}@example.com`, subject, bodyText: text }))),
    );
    const email = smtpEmail({ url: sink.url(), from: 'Lumen <billing@lumen.test>' });
    const start = performance.now();
    const report = await deliverDueMessages({
      db: db.db,
      clock,
      channels: { email, sms: email as never, webhook: email as never, letter: email as never },
      stillWanted: {},
      messageIdDomain: 'lumen.test',
      options: { ...DEFAULT_DELIVERY_OPTIONS, budgetMs: 3_600_000 },
      log: { info: () => {}, warn: () => {}, error: () => {} },
    });
    const perSecond = report.sent / ((performance.now() - start) / 1000);
    await email.close?.();
    if (report.sent !== MESSAGES) throw new Error(`sent ${report.sent} of ${MESSAGES}`);
    return { perSecond, where };
  } finally {
    await dispose();
  }
}

const direct = await baseline();
const ours = await outbox();
await sink.close();
record('Email delivery to a local SMTP sink', `${fmt(MESSAGES)} messages (Vietnamese/Russian/Romanian text), ${CONCURRENCY} at a time, nodemailer pool of 3 connections; outbox on ${ours.where}.`, [
  { name: 'messages per second', ours: `${fmt(ours.perSecond)}/s`, baseline: `${fmt(direct)}/s (nodemailer alone)`, ratio: direct / ours.perSecond },
]);
