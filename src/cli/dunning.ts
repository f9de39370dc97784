import type { Database } from '../db/connection.ts';
import { parseDate, type PlainDate } from '../domain/dates.ts';
import { formatAmount } from '../domain/money.ts';
import { systemClock, type Clock, type Ctx } from '../services/context.ts';
import { dunningPreview, type Preview, type PreviewItem } from '../services/dunning/preview.ts';
import { runDunningTick } from '../services/dunning/run-tick.ts';
import { listOrganizationIds } from '../services/organizations.ts';

export interface DunningCliOptions {
  readonly date?: string;
  readonly org?: string;
  readonly json?: boolean;
}

type Print = (line: string) => void;

function item(i: PreviewItem): string {
  const what = i.installment === null ? `${i.stepId} #${i.occurrence}` : `${i.stepId} #${i.occurrence}, installment ${i.installment}`;
  return `    ${i.invoiceNumber ?? i.invoiceId}  ${what}  ${i.reason}  ${formatAmount(i.amountMinor, i.currency)} ${i.currency}  (pay by ${i.paymentDueDate})`;
}

/** The preview as a person reads it: each message with its recipient, channel, time and the reason of every step. */
export function printPreview(orgId: string, p: Preview, print: Print): void {
  print(`Organization ${orgId}, ${p.date ? `as of ${p.date}` : 'now'} (dry run: nothing is written)`);
  print(`  ${p.messages.length} message(s), ${p.tasks.length} task(s), ${p.skippedSteps.length} step(s) skipped, ${p.held.length} invoice(s) held, ${p.waiting.length} customer(s) outside business hours`);
  for (const m of p.messages) {
    print(`  ${m.channel.toUpperCase()} to ${m.recipient} at ${m.sendAt.toISOString()}: ${m.customerName}, ${m.tone}${m.batch ? ', one message for several invoices' : ''}`);
    if (m.subject) print(`    "${m.subject}"`);
    m.items.forEach((i) => print(item(i)));
  }
  for (const t of p.tasks) print(`  TASK ${t.kind}: ${t.title}${t.phone ? `, ${t.phone}` : ''}, ${t.assigneeId ? `assigned to ${t.assigneeId}` : 'team queue'} (${t.reason})`);
  for (const n of p.notSent) {
    print(`  NOT SENT (${n.reason}) by ${n.channel} to ${n.customerName}`);
    n.items.forEach((i) => print(item(i)));
  }
  for (const s of p.skippedSteps) print(`  SKIP ${s.invoiceNumber ?? s.invoiceId} ${s.stepId} #${s.occurrence} (fell on ${s.dueOn}): ${s.reason}${s.condition ? ` ${s.condition}` : ''}`);
  for (const d of p.deferred) print(`  TOMORROW ${d.invoiceId} ${d.stepId} by ${d.channel}: ${d.reason}`);
  for (const h of p.held) print(`  HELD ${h.invoiceNumber ?? h.invoiceId}: ${h.holds.map((x) => `${x.reason}${x.until ? ` until ${x.until}` : ''}`).join(', ')}`);
  for (const a of p.actions) print(`  ACTION ${a.kind} on ${a.invoiceId} (${a.reason}, ${a.ref})`);
  for (const w of p.waiting) print(`  WAIT ${w.customerName}: ${w.reason}`);
}

function dateOption(text: string | undefined): PlainDate | undefined | string {
  if (text === undefined) return undefined;
  return parseDate(text) ?? `--date must be a calendar date YYYY-MM-DD, not "${text}"`;
}

/**
 * `punctual dunning --dry-run` and `punctual dunning run`. Returns a refusal to print as a usage error, or
 * null when done.
 */
export async function dunningCommand(database: Database, mode: 'preview' | 'run', opts: DunningCliOptions, print: Print, clock: Clock = systemClock): Promise<string | null> {
  const date = dateOption(opts.date);
  if (typeof date === 'string') return date;
  const orgIds = opts.org ? [opts.org] : await listOrganizationIds(database.db);
  if (opts.org && !(await listOrganizationIds(database.db)).includes(opts.org)) return `No organization ${opts.org}`;
  if (mode === 'preview') {
    for (const orgId of orgIds) {
      const ctx: Ctx = { db: database.db, orgId, actor: { type: 'cli', id: 'dunning --dry-run' }, clock };
      const preview = await dunningPreview(ctx, date);
      if (opts.json) print(JSON.stringify({ orgId, ...preview }));
      else printPreview(orgId, preview, print);
    }
    return null;
  }
  const report = await runDunningTick(database.db, clock, { dryRun: false, lanes: database.kind === 'postgres' ? 2 : 1, ...(opts.org ? { orgId: opts.org } : {}), ...(date ? { date } : {}), actor: { type: 'cli', id: 'dunning run' } });
  for (const { decisions: _d, ...t } of report.organizations) {
    if (opts.json) print(JSON.stringify(t));
    else print(`Organization ${t.orgId}: ${t.messagesQueued} message(s) queued, ${t.tasksCreated} task(s), ${t.messagesSkipped} not sent, ${t.stepsSkipped} step(s) skipped, ${t.deferred} put off to tomorrow, ${t.customersWaiting} customer(s) outside business hours`);
  }
  return null;
}
