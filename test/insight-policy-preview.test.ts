import { describe, expect, it } from 'vitest';
import { useApi } from './support/app.ts';

// The dunning policy editor's live preview: the planner run day by day on a sample invoice that is never paid.
const suite = useApi('2025-06-15T09:00:00Z');
const sample = { issueDate: '2025-06-01', dueDate: '2025-07-01', amountMinor: 120_000, currency: 'EUR' };

async function preview(body: unknown) {
  const r = await suite.t.call('POST', '/api/v1/insight/policy-preview', body);
  return { status: r.statusCode, body: r.json() };
}

describe('policy preview', () => {
  it('shows the built-in policy on a sample invoice, day by day', async () => {
    const policies = (await suite.t.call('GET', '/api/v1/dunning/policies')).json();
    const standard = policies.data.find((p: { builtIn: boolean }) => p.builtIn);
    const { status, body } = await preview({ steps: standard.steps, sample });
    expect(status).toBe(200);
    expect(body.valid).toBe(true);
    const sends = body.entries.filter((e: { outcome: string }) => e.outcome === 'send').map((e: { on: string; channel: string; tone: string }) => [e.on, e.channel, e.tone]);
    expect(sends.slice(0, 4)).toEqual([
      ['2025-06-28', 'email', 'friendly'],
      ['2025-07-02', 'email', 'friendly'],
      ['2025-07-08', 'email', 'firm'],
      ['2025-07-15', 'sms', 'firm'],
    ]);
    expect(body.entries.some((e: { outcome: string }) => e.outcome === 'late_fee')).toBe(true);
  });

  it('applies step conditions to the sample and repeats the last step', async () => {
    const steps = [
      { id: 'gentle', offsetDays: 1, channel: 'email', templateKey: 'overdue', tone: 'friendly' },
      { id: 'big_only', offsetDays: 5, channel: 'email', templateKey: 'overdue', tone: 'firm', conditions: { minBalanceMinor: { EUR: 500_000 } } },
      { id: 'weekly', offsetDays: 10, channel: 'email', templateKey: 'overdue', tone: 'firm', repeatEveryDays: 7, maxRepeats: 2 },
    ];
    const { body } = await preview({ steps, sample: { ...sample, riskLevel: 'high', tags: ['vip'] } });
    expect(body.entries.map((e: { on: string; stepId: string; outcome: string; reason: string | null }) => [e.on, e.stepId, e.outcome, e.reason])).toEqual([
      ['2025-07-02', 'gentle', 'send', null],
      ['2025-07-06', 'big_only', 'skip', 'BELOW_MIN_BALANCE'],
      ['2025-07-11', 'weekly', 'send', null],
      ['2025-07-18', 'weekly', 'send', null],
      ['2025-07-25', 'weekly', 'send', null],
    ]);
  });

  it('lists every error of an invalid policy with its field, and refuses a bad sample', async () => {
    const bad = await preview({ steps: [{ id: 'a b', offsetDays: 'soon', channel: 'pigeon', templateKey: 'x', tone: 'angry' }, { id: 'a b' }], sample });
    expect(bad.status).toBe(200);
    expect(bad.body.valid).toBe(false);
    expect(bad.body.errors.length).toBeGreaterThan(1);
    for (const e of bad.body.errors) expect(e.field).toMatch(/^steps(\[\d+\])?/);
    expect((await preview({ steps: [], sample: { ...sample, dueDate: '2025-05-01' } })).body.error).toMatchObject({ code: 'DUE_BEFORE_ISSUE', field: 'sample.dueDate' });
    expect((await preview({ steps: [], sample: { ...sample, dueDate: '2025-02-30' } })).body.error).toMatchObject({ code: 'INVALID_DATE' });
    expect((await preview({ steps: [], sample: { ...sample, currency: 'XXX' } })).body.error).toMatchObject({ code: 'UNKNOWN_CURRENCY' });
    expect((await preview({ steps: Array.from({ length: 500 }, () => ({})), sample })).status).toBe(400);
    expect((await preview({ steps: [], sample: { ...sample, amountMinor: -5 } })).status).toBe(400);
    expect((await preview({ steps: [], sample, extra: 1 })).status).toBe(400);
  });
});
