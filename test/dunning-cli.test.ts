import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dunningCommand } from '../src/cli/dunning.ts';
import { fixedClock, type Ctx } from '../src/services/context.ts';
import type { TestClock } from './support/app.ts';
import { testDatabase } from './support/database.ts';
import { at, dunningCustomer, dunningInvoice, dunningOrg, outboxRows } from './support/dunning.ts';

let database: Awaited<ReturnType<typeof testDatabase>>;
let clock: TestClock;
let ctx: Ctx;

beforeAll(async () => {
  database = await testDatabase();
  clock = fixedClock('2025-06-02T05:00:00Z');
  ctx = await dunningOrg(database, clock);
  const customer = await dunningCustomer(ctx, { name: 'Volga Print' });
  await dunningInvoice(ctx, customer, '2025-06-05', 123_456);
});
afterAll(async () => {
  await database.dispose();
});

async function cli(mode: 'preview' | 'run', opts: Parameters<typeof dunningCommand>[2]) {
  const lines: string[] = [];
  const refused = await dunningCommand(database, mode, opts, (line) => lines.push(line), clock);
  return { refused, lines };
}

describe('punctual dunning', () => {
  it('--dry-run shows each message with recipient, channel, time and the reason of each step, and writes nothing', async () => {
    at(clock, '2025-06-02', '08:00');
    const { refused, lines } = await cli('preview', { org: ctx.orgId, date: '2025-06-06' });
    expect(refused).toBeNull();
    expect(lines[0]).toBe(`Organization ${ctx.orgId}, as of 2025-06-06 (dry run: nothing is written)`);
    expect(lines).toContain('  EMAIL to ana@saomai.test at 2025-06-06T06:00:00.000Z: Volga Print, friendly');
    expect(lines.some((l) => /INV-\d+ {2}overdue_1 #1 {2}DUE_TODAY {2}1234\.56 EUR {2}\(pay by 2025-06-05\)/.test(l))).toBe(true);
    expect(lines.some((l) => /SKIP INV-\d+ before_due #1 \(fell on 2025-06-02\): CAUGHT_UP/.test(l))).toBe(true);
    expect(await outboxRows(ctx)).toEqual([]);
    const json = await cli('preview', { org: ctx.orgId, date: '2025-06-06', json: true });
    expect(JSON.parse(json.lines[0]!)).toMatchObject({ orgId: ctx.orgId, date: '2025-06-06', messages: [{ channel: 'email' }] });
  });

  it('run queues what the preview showed, once', async () => {
    at(clock, '2025-06-02', '08:00');
    const first = await cli('run', { org: ctx.orgId });
    expect(first.lines).toEqual([`Organization ${ctx.orgId}: 1 message(s) queued, 0 task(s), 0 not sent, 0 step(s) skipped, 0 put off to tomorrow, 0 customer(s) outside business hours`]);
    const again = await cli('run', { org: ctx.orgId, json: true });
    expect(JSON.parse(again.lines[0]!)).toMatchObject({ messagesQueued: 0 });
    expect(await outboxRows(ctx)).toHaveLength(1);
  });

  it('refuses a date that is not one and an organization that does not exist', async () => {
    expect((await cli('preview', { date: '2025-02-30' })).refused).toBe('--date must be a calendar date YYYY-MM-DD, not "2025-02-30"');
    expect((await cli('run', { date: '06/02/2025' })).refused).toContain('--date must be a calendar date');
    expect((await cli('run', { org: '01900000-0000-7000-8000-000000000000' })).refused).toBe('No organization 01900000-0000-7000-8000-000000000000');
    expect((await cli('preview', { org: "'; drop table outbox; --" })).refused).toContain('No organization');
  });
});
