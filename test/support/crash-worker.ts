// The worker process the crash test starts and kills: `punctual worker`'s code path (startWorkers with
// the environment's delivery settings) on a PostgreSQL database or a PGlite data folder, reporting on
// stdout, one JSON line each, the outbox as it found it, when it is delivering, and how many are pending.
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../src/db/connection.ts';
import { queryRows } from '../../src/db/raw.ts';
import { startWorkers } from '../../src/jobs/start-workers.ts';
import { systemClock } from '../../src/services/context.ts';

const say = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);
const quiet = { info: () => {}, warn: (d: object, m: string) => process.stderr.write(`${m} ${JSON.stringify(d)}\n`), error: (d: object, m: string) => process.stderr.write(`${m} ${JSON.stringify(d)}\n`) };

const database = await openDatabase(process.env.CRASH_DATABASE_URL ? { url: process.env.CRASH_DATABASE_URL, poolSize: 4 } : { dataDir: process.env.CRASH_DATA_DIR! });
const pendingCount = async () => Number((await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from outbox where status <> 'sent'`))[0]!.n);
const sentIds = await queryRows<{ id: string }>(database.db, sql`select id from outbox where status = 'sent'`);
say({ crash: 'state', sent: sentIds.map((r) => r.id) });

const workers = await startWorkers(database, systemClock, quiet, process.env);
say({ crash: 'delivering' });
const progress = setInterval(() => void pendingCount().then((pending) => say({ crash: 'progress', pending }), () => {}), 500);

process.once('SIGTERM', () => {
  clearInterval(progress);
  void workers.runner
    .stop(10_000)
    .then(() => database.close())
    .then(() => {
      say({ crash: 'stopped' });
      process.exit(0);
    });
});
