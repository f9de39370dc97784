import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../src/db/raw.ts';
import { startWorkers } from '../src/jobs/start-workers.ts';
import { fixedClock } from '../src/services/context.ts';
import { testDatabase } from './support/database.ts';
import { orgWithCustomer, queue, recordingLog, type TestOrg } from './support/delivery.ts';
import { startHttpCapture } from './support/http-capture.ts';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.ts';

// A delivery run with real providers, successes and failures (wrong SMTP password, provider refusing the
// token, unreachable server): no secret may appear in the logs, the stored errors or the events.
const SMTP_PASSWORD = 'Sm7p-P@ss:w0rd/Zq';
const TWILIO_TOKEN = 'twilio-token-7f3a9c1e55';
const SID = 'AC5ecre7acc0un7';

let database: Awaited<ReturnType<typeof testDatabase>>;
let sink: SmtpSink;
let provider: Awaited<ReturnType<typeof startHttpCapture>>;
let org: TestOrg;
const clock = fixedClock('2025-06-16T08:00:00Z');

beforeAll(async () => {
  database = await testDatabase();
  sink = await startSmtpSink({ auth: { user: 'mailer', pass: SMTP_PASSWORD } });
  provider = await startHttpCapture((r) => (r.body.includes('401') ? { status: 401, body: { code: 20003, message: 'Authenticate', status: 401 } } : { status: 201, body: { sid: 'SMok' } }));
  org = await orgWithCustomer(database, clock);
});
afterAll(async () => {
  await sink.close();
  await provider.close();
  await database.dispose();
});

const forms = (secret: string) => [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64'), Buffer.from(`${SID}:${secret}`).toString('base64'), Buffer.from(`\u0000mailer\u0000${secret}`).toString('base64')];

async function runWorkers(env: NodeJS.ProcessEnv, log: ReturnType<typeof recordingLog>, until: () => Promise<boolean>): Promise<void> {
  const workers = await startWorkers(database, clock, log, { DELIVERY_INTERVAL_SECONDS: '1', SMS_PROVIDER_URL: provider.url, TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TWILIO_TOKEN, SMS_FROM: '+4031', SMTP_FROM: 'Lumen <billing@lumen.test>', ...env });
  log.info({ delivery: workers.description }, 'started');
  try {
    const deadline = Date.now() + 30_000;
    while (!(await until()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  } finally {
    await workers.runner.stop(10_000);
  }
}

const settled = async (ids: string[]) =>
  (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from outbox where id = any(${sql.param(ids)}::uuid[]) and (status <> 'pending' or attempts > 0)`))[0]!.n === ids.length;

it('keeps the SMTP password and the SMS token out of logs, stored errors and events', async () => {
  const printed: string[] = [];
  const writes = [process.stdout, process.stderr].map((stream) => {
    const original = stream.write.bind(stream);
    stream.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      printed.push(String(chunk));
      return original(chunk, ...rest);
    }) as typeof stream.write;
    return () => (stream.write = original);
  });
  const log = recordingLog();
  try {
    const good = await queue(database, org.orgId, clock, [
      { channel: 'email', subject: 'ok', bodyText: 'ok' },
      { channel: 'sms', recipient: '+40700000001', bodyText: 'ok' },
      { channel: 'sms', recipient: '+40700000401', bodyText: 'refused' },
    ]);
    await runWorkers({ SMTP_URL: sink.url('mailer', SMTP_PASSWORD) }, log, () => settled(good.map((r) => r.id)));
    const wrongPassword = await queue(database, org.orgId, clock, [{ channel: 'email', subject: 'bad login', bodyText: 'x' }]);
    await runWorkers({ SMTP_URL: sink.url('mailer', `${SMTP_PASSWORD}-wrong`) }, log, () => settled(wrongPassword.map((r) => r.id)));
    const unreachable = await queue(database, org.orgId, clock, [{ channel: 'email', subject: 'nobody there', bodyText: 'x' }]);
    await runWorkers({ SMTP_URL: `smtp://mailer:${encodeURIComponent(SMTP_PASSWORD)}@127.0.0.1:9` }, log, () => settled(unreachable.map((r) => r.id)));
  } finally {
    for (const restore of writes) restore();
  }

  const statuses = await queryRows<{ subject: string | null; status: string; last_error: string | null }>(database.db, sql`select subject, status, last_error from outbox order by id`);
  expect(statuses.map((s) => s.status)).toEqual(['sent', 'sent', 'pending', 'pending', 'pending']);
  expect(statuses[3]!.last_error).toMatch(/EAUTH|535|Invalid/);
  expect(statuses[4]!.last_error).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
  expect(log.entries.some((e) => e.level === 'warn')).toBe(true);

  const stored = JSON.stringify(await queryRows(database.db, sql`select o.last_error, d.error, e.after from outbox o left join message_deliveries d on d.outbox_id = o.id left join events e on e.entity_id = o.id`));
  for (const text of [log.text(), printed.join(''), stored])
    for (const secret of [...forms(SMTP_PASSWORD), ...forms(`${SMTP_PASSWORD}-wrong`), ...forms(TWILIO_TOKEN)]) expect(text).not.toContain(secret);
  expect(log.text()).toContain('Email: SMTP via 127.0.0.1');
});
