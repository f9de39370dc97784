import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inOrg } from '../src/db/connection.ts';
import { newId } from '../src/db/ids.ts';
import { insertTasks } from '../src/db/repositories/collections.ts';
import { enqueueMessages } from '../src/db/repositories/outbox.ts';
import { collectionTasks, outbox } from '../src/db/schema/index.ts';
import { fixedClock } from '../src/services/context.ts';
import { testDatabase } from './support/database.ts';
import { orgWithCustomer, type TestOrg } from './support/delivery.ts';

// Bulk inserts travel as one JSON document (src/db/json-rows.ts), message bodies as parameters beside it: what
// goes in must come out unchanged and on its own row, whatever the text holds, and left-out columns must take
// their defaults as in a VALUES insert.
const HOSTILE = [
  `O'Brien "quoted" \\ back\\slash`,
  `'); drop table outbox; --`,
  '<script>alert(1)</script>',
  'Công ty TNHH Sao Mai — Ţară, Юрий, 😀, \u200b, \u2028 line',
  'multi\nline\r\ntext\ttab',
  '{"not": "json"}',
];

let database: Awaited<ReturnType<typeof testDatabase>>;
let org: TestOrg;
const at = new Date('2026-03-02T08:00:00.123Z');

beforeAll(async () => {
  database = await testDatabase();
  org = await orgWithCustomer(database, fixedClock('2026-03-02T08:00:00Z'));
});
afterAll(async () => {
  await database.dispose();
});

describe('bulk inserts as one JSON document', () => {
  it('stores hostile text, dates, arrays and nested JSON exactly, and defaults what a row leaves out', async () => {
    const rows = HOSTILE.map((text, i) => ({
      orgId: org.orgId,
      id: newId(),
      customerId: org.customerId,
      kind: 'call',
      sourceKey: `json-rows/${i}`,
      title: text,
      phone: i === 0 ? null : `+4072100000${i}`,
      dueOn: '2026-03-0' + (i + 1),
      reason: 'DUNNING_STEP',
      createdAt: at,
      ...(i % 2 === 0 ? { invoiceIds: [org.customerId], details: { text, nested: { list: [1, 'two', null] } } } : {}),
    }));
    const created = await inOrg(database.db, org.orgId, (tx) => insertTasks(tx, rows));
    expect(created).toHaveLength(HOSTILE.length);
    const stored = await inOrg(database.db, org.orgId, (tx) => tx.select().from(collectionTasks).where(eq(collectionTasks.orgId, org.orgId)).orderBy(collectionTasks.sourceKey));
    expect(stored.map((t) => t.title)).toEqual(HOSTILE);
    stored.forEach((t, i) => {
      expect(t.createdAt.toISOString()).toBe(at.toISOString());
      expect(t.dueOn).toBe(`2026-03-0${i + 1}`);
      expect(t.phone).toBe(i === 0 ? null : `+4072100000${i}`);
      expect(t.status).toBe('open');
      expect(t.completedAt).toBeNull();
      if (i % 2 === 0) {
        expect(t.invoiceIds).toEqual([org.customerId]);
        expect(t.details).toEqual({ text: HOSTILE[i], nested: { list: [1, 'two', null] } });
      } else {
        expect(t.invoiceIds).toEqual([]);
        expect(t.details).toEqual({});
      }
    });
  });

  it('queues messages with their bodies intact and skips a key already queued, in the same batch or before', async () => {
    const message = (key: string, body: string) => ({ idempotencyKey: key, kind: 'reminder', channel: 'email', recipient: 'lan@saomai.vn', customerId: org.customerId, subject: body, bodyText: body, bodyHtml: `<p>${body}</p>`, payload: { body } });
    const first = await inOrg(database.db, org.orgId, (tx) => enqueueMessages(tx, org.orgId, at, HOSTILE.map((body, i) => message(`json-rows/${i}`, body))));
    expect(first.map((r) => r.subject)).toEqual(HOSTILE);
    expect(first.every((r) => r.status === 'pending' && r.attempts === 0 && r.nextAttemptAt.getTime() === at.getTime())).toBe(true);
    const text = { ...message('json-rows/sms', 'no HTML part'), channel: 'sms', bodyHtml: undefined };
    const again = await inOrg(database.db, org.orgId, (tx) => enqueueMessages(tx, org.orgId, at, [message('json-rows/0', 'changed'), message('json-rows/new', 'new'), text, message('json-rows/new', 'twice')]));
    expect(again.map((r) => r.idempotencyKey)).toEqual(['json-rows/new', 'json-rows/sms']);
    const [sms] = await inOrg(database.db, org.orgId, (tx) => tx.select().from(outbox).where(and(eq(outbox.orgId, org.orgId), eq(outbox.idempotencyKey, 'json-rows/sms'))));
    expect(sms).toMatchObject({ bodyText: 'no HTML part', bodyHtml: null });
    // The first of two rows with one key wins: the bodies, sent apart from the rest, stay with their own row.
    const [kept] = await inOrg(database.db, org.orgId, (tx) => tx.select().from(outbox).where(and(eq(outbox.orgId, org.orgId), eq(outbox.idempotencyKey, 'json-rows/new'))));
    expect(kept).toMatchObject({ subject: 'new', bodyText: 'new', bodyHtml: '<p>new</p>', payload: { body: 'new' } });
    const [stored] = await inOrg(database.db, org.orgId, (tx) => tx.select().from(outbox).where(and(eq(outbox.orgId, org.orgId), eq(outbox.idempotencyKey, 'json-rows/3'))));
    expect(stored).toMatchObject({ bodyText: HOSTILE[3], bodyHtml: `<p>${HOSTILE[3]}</p>`, payload: { body: HOSTILE[3] }, invoiceIds: [] });
  });
});
