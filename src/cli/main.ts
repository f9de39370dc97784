import { readFileSync, writeFileSync } from 'node:fs';
import { SingleBar, Presets } from 'cli-progress';
import { Command } from 'commander';
import { openDatabase, type Database } from '../db/connection.ts';
import { webAppBuilt } from '../http/web-app.ts';
import { buildServer } from '../http/server.ts';
import { systemClock, type Ctx } from '../services/context.ts';
import type { ImportReport } from '../services/csv-import.ts';
import { importCustomers } from '../services/import-customers.ts';
import { importInvoices } from '../services/import-invoices.ts';
import { DEMO_ORG_ID, demoApiKey, demoExists, seedDemo } from '../services/seed-demo.ts';
import { listOrganizationIds } from '../services/organizations.ts';
import { readConfig, redactUrl, type Config } from './config.ts';
import { orgCreate, type OrgCreateOptions } from './org-create.ts';
import { DEMO_USER } from '../services/auth/demo-user.ts';
import { authOptions } from '../http/auth/options.ts';
import { publicBaseUrl } from '../services/documents/portal-link.ts';
import { printPortalLink, type PortalLinkOptions } from './portal-link.ts';
import { stripeFromEnv } from '../payments/stripe/index.ts';
import { runStatementImport, type StatementImportOptions } from './import-statement.ts';
import { dunningCommand, type DunningCliOptions } from './dunning.ts';
import { riskRefreshCommand, type RiskCliOptions } from './risk.ts';
import { consoleLog } from '../jobs/console-log.ts';
import { startWorkers, workersEnabled } from '../jobs/start-workers.ts';

async function open(config: Config): Promise<Database> {
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  await database.migrate();
  return database;
}

function where(config: Config): string {
  return config.databaseUrl ? `PostgreSQL at ${redactUrl(config.databaseUrl)}` : `PGlite in ${config.dataDir}`;
}

async function seedIfNew(database: Database, config: Config): Promise<string | undefined> {
  if (config.production || (await demoExists(database.db))) return undefined;
  process.stdout.write('Seeding the demo organization (first start)… ');
  const seeded = await seedDemo(database.db, systemClock);
  process.stdout.write(`done: ${seeded.invoices} invoices.\n`);
  return seeded.apiKey;
}

async function start(): Promise<void> {
  const config = readConfig();
  const database = await open(config);
  await seedIfNew(database, config);
  const app = await buildServer({ db: database.db, clock: systemClock, logger: { level: config.logLevel }, payments: stripeFromEnv(process.env), auth: authOptions(publicBaseUrl(), config.production), trustProxy: config.trustProxy, portalRequestsPerAddress: config.portalRequestsPerAddress });
  // On PGlite the workers must run here: one process owns the data folder.
  const workers = workersEnabled() ? await startWorkers(database, systemClock, app.log) : undefined;
  const stop = async () => {
    await app.close();
    await workers?.runner.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await app.listen({ port: config.port, host: config.host });
  const url = `http://${config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host}:${config.port}`;
  const lines = [`Punctual is running at ${url} on ${where(config)}.`, `API description: ${url}/api/v1/openapi.json`];
  lines.push(...(workers?.description ?? [`Workers are off (WORKERS=off): ${config.databaseUrl ? 'run `punctual worker` to deliver messages and run the dunning tick' : 'nothing delivers messages or runs the dunning tick on this data folder'}.`]));
  if (!webAppBuilt()) lines.push('The web app is not built: run `npm run build:web` (npm install does it too) and reload.');
  if (!config.production && (await demoExists(database.db)))
    lines.push(
      `Demo organization "Lumen Studio": sign in as ${DEMO_USER.email} with password ${DEMO_USER.password}`,
      `  or use the API key ${demoApiKey()}`,
      `  try: curl -H "Authorization: Bearer ${demoApiKey()}" ${url}/api/v1/invoices?overdue=true`,
    );
  console.log(`\n${lines.join('\n')}\n`);
}


async function runImport(kind: string, file: string, opts: { org?: string; dryRun?: boolean; skipInvalid?: boolean; errors?: string } & StatementImportOptions): Promise<void> {
  if (kind === 'statement') return importStatementCommand(file, opts);
  if (kind !== 'customers' && kind !== 'invoices') throw new UsageError(`Import customers, invoices or statement, not "${kind}"`);
  const config = readConfig();
  const database = await open(config);
  try {
    const orgId = opts.org ?? (await onlyOrganization(database));
    const ctx: Ctx = { db: database.db, orgId, actor: { type: 'cli', id: `import ${kind}` }, clock: systemClock };
    const content = readFileSync(file);
    const bar = new SingleBar({ format: `${kind} |{bar}| {percentage}% {value}/{total} rows`, hideCursor: true, stream: process.stderr }, Presets.shades_classic);
    let started = false;
    const onProgress = (done: number, total: number) => {
      if (!started) bar.start(total, 0);
      started = true;
      bar.update(done);
    };
    const result = await (kind === 'customers' ? importCustomers : importInvoices)(ctx, content, { dryRun: opts.dryRun, skipInvalid: opts.skipInvalid, onProgress });
    if (started) bar.stop();
    if (!result.ok) throw new UsageError(`${file}: ${result.message}`);
    printReport(kind, result.value, opts.errors);
    if (result.value.errors.length > 0 && !opts.skipInvalid) process.exitCode = 1;
  } finally {
    await database.close();
  }
}

async function importStatementCommand(file: string, opts: { org?: string } & StatementImportOptions): Promise<void> {
  const database = await open(readConfig());
  try {
    const orgId = opts.org ?? (await onlyOrganization(database));
    const ctx: Ctx = { db: database.db, orgId, actor: { type: 'cli', id: 'import statement' }, clock: systemClock };
    const result = await runStatementImport(ctx, file, opts, (line) => console.log(line));
    if (!result.ok) throw new UsageError(result.message);
  } finally {
    await database.close();
  }
}

function printReport(kind: string, r: ImportReport, errorsFile?: string): void {
  const verb = r.dryRun ? 'would import' : 'imported';
  console.log(`${r.total} ${kind} read, ${r.valid} valid, ${r.errors.length} with errors; ${verb} ${r.dryRun ? r.valid : r.imported}.`);
  if (r.errors.length > 0 && !r.dryRun && r.imported === 0) console.log('Nothing was imported. Fix the rows below, or pass --skip-invalid to import the valid ones.');
  for (const e of r.errors.slice(0, 20)) console.log(`  line ${e.row}, ${e.field}: ${e.code} ${e.message}`);
  if (r.errors.length > 20) console.log(`  … and ${r.errors.length - 20} more${errorsFile ? '' : ' (use --errors FILE for all of them)'}`);
  if (errorsFile) {
    const escape = (s: string) => `"${s.replaceAll('"', '""')}"`;
    writeFileSync(errorsFile, ['line,field,code,message', ...r.errors.map((e) => [e.row, escape(e.field), e.code, escape(e.message)].join(','))].join('\n') + '\n');
    console.log(`All errors written to ${errorsFile}.`);
  }
}

async function onlyOrganization(database: Database): Promise<string> {
  const ids = await listOrganizationIds(database.db);
  if (ids.length === 1) return ids[0]!;
  if (ids.includes(DEMO_ORG_ID) && ids.length > 1) throw new UsageError('Several organizations exist: choose one with --org ID');
  if (ids.length === 0) throw new UsageError('There is no organization yet: run `punctual seed` or create one first');
  throw new UsageError('Several organizations exist: choose one with --org ID');
}

class UsageError extends Error {}

async function portalLinkCommand(opts: PortalLinkOptions & { org?: string }): Promise<void> {
  const database = await open(readConfig());
  try {
    const orgId = opts.org ?? (await onlyOrganization(database));
    const ctx: Ctx = { db: database.db, orgId, actor: { type: 'cli', id: 'portal-link' }, clock: systemClock };
    const refused = await printPortalLink(ctx, opts, (line) => console.log(line));
    if (refused) throw new UsageError(refused);
  } finally {
    await database.close();
  }
}

const program = new Command('punctual').description('Punctual: accounts receivable that gets you paid on time');
program.command('start').description('migrate, seed the demo on first start (not in production), and serve on PORT').action(start);
program
  .command('migrate')
  .description('apply database migrations')
  .action(async () => {
    const config = readConfig();
    const database = await open(config);
    await database.close();
    console.log(`Migrated ${where(config)}.`);
  });
program
  .command('seed')
  .description('create the demo organization with customers, invoices and payments')
  .action(async () => {
    const config = readConfig();
    const database = await open(config);
    try {
      if (await demoExists(database.db)) console.log('The demo organization already exists.');
      else console.log(`Seeded the demo organization: ${(await seedDemo(database.db, systemClock)).invoices} invoices.`);
    } finally {
      await database.close();
    }
  });
program
  .command('import')
  .description('import customers or invoices from a CSV file (see README for the columns), or a bank statement (CAMT.053, MT940, CSV)')
  .argument('<kind>', 'customers | invoices | statement')
  .argument('<file>', 'CSV file with a header row, or the statement file')
  .option('--org <id>', 'organization id (needed when there are several)')
  .option('--dry-run', 'check every row and report, import nothing')
  .option('--skip-invalid', 'import the valid rows even if some rows are bad')
  .option('--errors <file>', 'write every row error to this CSV file')
  .option('--format <format>', 'statement: camt053 | mt940 | csv (detected when omitted)')
  .option('--mapping <name>', 'statement: the saved CSV mapping to read a CSV statement with')
  .option('--encoding <encoding>', 'statement: encoding of an MT940 file not in UTF-8 (windows-1250, windows-1251, windows-1252, iso-8859-1)')
  .option('--account <iban>', 'statement: the account a CSV export belongs to')
  .action(runImport);

program
  .command('portal-link')
  .description("print a new customer portal link (shown once; only its hash is stored)")
  .requiredOption('--customer <ref>', "the customer's reference (or id)")
  .option('--contact <email>', 'the contact the link is for')
  .option('--days <n>', 'how long it works (default: the portal settings, 30 days)')
  .option('--org <id>', 'organization id (needed when there are several)')
  .action(portalLinkCommand);

async function dunning(mode: 'preview' | 'run', opts: DunningCliOptions): Promise<void> {
  const database = await open(readConfig());
  try {
    const refused = await dunningCommand(database, mode, opts, (line) => console.log(line));
    if (refused) throw new UsageError(refused);
  } finally {
    await database.close();
  }
}

const dunningCli = program
  .command('dunning')
  .description('reminders: `dunning --dry-run` shows what would go out, `dunning run` queues it')
  .option('--dry-run', 'show what would be sent, to whom, by which channel and why; write nothing')
  .option('--date <YYYY-MM-DD>', "judge every customer as of this date instead of their today")
  .option('--org <id>', 'one organization (default: all)')
  .option('--json', 'one JSON document per organization')
  .action(async (opts: DunningCliOptions & { dryRun?: boolean }) => {
    if (!opts.dryRun) throw new UsageError('Preview with `punctual dunning --dry-run`, or send with `punctual dunning run`');
    await dunning('preview', opts);
  });
dunningCli
  .command('run')
  .description('run the dunning tick now: queue reminders and tasks')
  .option('--date <YYYY-MM-DD>', "judge every customer as of this date instead of their today")
  .option('--org <id>', 'one organization (default: all)')
  .option('--json', 'totals as JSON')
  // The parent's options of the same names are parsed wherever they appear: read both.
  .action((_opts: DunningCliOptions, command: Command) => dunning('run', command.optsWithGlobals<DunningCliOptions>()));

program
  .command('risk')
  .description("customers' computed risk levels (also refreshed daily by the workers)")
  .command('refresh')
  .description('score every customer now from its payment behaviour and store the levels')
  .option('--org <id>', 'one organization (default: all)')
  .action(async (opts: RiskCliOptions) => {
    const database = await open(readConfig());
    try {
      const refused = await riskRefreshCommand(database, opts, (line) => console.log(line));
      if (refused) throw new UsageError(refused);
    } finally {
      await database.close();
    }
  });

const org = program.command('org').description('organizations');
org
  .command('create')
  .description('create a real organization: prints its owner\'s one-time password link and an API key')
  .requiredOption('--name <name>', 'the organization\'s name')
  .requiredOption('--currency <code>', 'base currency, ISO 4217 (EUR, VND, RUB…)')
  .requiredOption('--owner-email <email>', 'the owner, who signs in with this email')
  .option('--owner-name <name>', "the owner's name")
  .option('--time-zone <zone>', 'IANA time zone, e.g. Europe/Bucharest (default UTC)')
  .option('--locale <code>', 'en, vi, id, ru or ro (default en)')
  .option('--country <code>', 'ISO 3166 two-letter country code')
  .option('--legal-name <name>', 'registered legal name')
  .option('--tax-id <id>', 'tax or VAT number')
  .action(async (opts: OrgCreateOptions) => {
    const database = await open(readConfig());
    try {
      const refused = await orgCreate(database, opts, (line) => console.log(line));
      if (refused) throw new UsageError(refused);
    } finally {
      await database.close();
    }
  });

async function worker(): Promise<void> {
  const config = readConfig();
  if (!config.databaseUrl) throw new UsageError('On PGlite one process owns the data folder: `punctual start` runs the workers beside the web server. Set DATABASE_URL to run workers on their own.');
  const database = await open(config);
  const log = consoleLog('punctual-worker');
  const workers = await startWorkers(database, systemClock, log);
  const stop = async () => {
    await workers.runner.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  log.info({ database: redactUrl(config.databaseUrl), delivery: workers.description }, 'workers started');
}

program.command('worker').description('run the background jobs (message delivery, dunning tick, recurring invoices) without the web server; PostgreSQL only').action(worker);

program.parseAsync().catch((error: unknown) => {
  console.error(error instanceof UsageError ? error.message : error);
  process.exit(error instanceof UsageError ? 2 : 1);
});
