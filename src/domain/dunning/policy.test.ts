import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSteps, MAX_STEPS, policyErrors, validatePolicy } from './policy.ts';
import { STANDARD_POLICY } from './test-fixtures.ts';

const step = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 'due',
  offsetDays: 0,
  channel: 'email',
  tone: 'friendly',
  templateKey: 'due_today',
  ...overrides,
});
const policy = (steps: unknown, overrides: Record<string, unknown> = {}): Record<string, unknown> => ({ id: 'p1', name: 'Standard', steps, ...overrides });
const codes = (value: unknown): [string, string | undefined][] => policyErrors(value).map((e) => [e.code, e.field]);

describe('validatePolicy', () => {
  it('accepts a well-formed policy and returns it rebuilt from known fields', () => {
    const input = JSON.parse(JSON.stringify(STANDARD_POLICY)) as unknown;
    const result = validatePolicy(input);
    expect(result).toEqual({ ok: true, value: STANDARD_POLICY });
    expect(result.ok && result.value).not.toBe(input);
  });

  it('accepts conditions of every kind', () => {
    const conditions = { minBalanceMinor: { EUR: 5_000, VND: 100_000 }, requiredTags: ['b2b'], excludedTags: ['vip'], riskLevels: ['medium', 'high'] };
    expect(validatePolicy(policy([step({ conditions, actions: ['apply_late_fee', 'put_on_hold'] })]))).toMatchObject({ ok: true, value: { steps: [{ conditions }] } });
  });

  it('returns the first error alone, naming its field', () => {
    expect(validatePolicy(policy([step({ offsetDays: 400 })]))).toEqual({
      ok: false,
      code: 'OFFSET_OUT_OF_RANGE',
      field: 'steps[0].offsetDays',
      message: 'The offset must be between -90 and 365 days',
    });
  });

  it('requires steps sorted by offset, one per day, with unique ids', () => {
    expect(codes(policy([step({ id: 'a', offsetDays: 7 }), step({ id: 'b', offsetDays: 1 })]))).toEqual([['STEPS_NOT_SORTED', 'steps[1].offsetDays']]);
    expect(codes(policy([step({ id: 'a', offsetDays: 1 }), step({ id: 'b', offsetDays: 1 })]))).toEqual([['OFFSET_DUPLICATE', 'steps[1].offsetDays']]);
    expect(codes(policy([step({ id: 'a', offsetDays: 1 }), step({ id: 'a', offsetDays: 2 })]))).toEqual([['STEP_ID_DUPLICATE', 'steps[1].id']]);
  });

  it('keeps offsets within -90..+365 whole days', () => {
    expect(codes(policy([step({ offsetDays: -90 }), step({ id: 'late', offsetDays: 365 })]))).toEqual([]);
    expect(codes(policy([step({ offsetDays: -91 })]))).toEqual([['OFFSET_OUT_OF_RANGE', 'steps[0].offsetDays']]);
    for (const offsetDays of [1.5, '3', null, Number.NaN, Infinity]) {
      expect(codes(policy([step({ offsetDays })]))).toEqual([['OFFSET_INVALID', 'steps[0].offsetDays']]);
    }
  });

  it('allows a repeat only on the last step, with a sane interval and count', () => {
    expect(codes(policy([step({ repeatEveryDays: 7 }), step({ id: 'b', offsetDays: 3 })]))).toEqual([['REPEAT_NOT_ON_LAST_STEP', 'steps[0].repeatEveryDays']]);
    expect(codes(policy([step({ repeatEveryDays: 0 })]))).toEqual([['REPEAT_EVERY_INVALID', 'steps[0].repeatEveryDays']]);
    expect(codes(policy([step({ repeatEveryDays: 7, maxRepeats: 0 })]))).toEqual([['MAX_REPEATS_INVALID', 'steps[0].maxRepeats']]);
    expect(codes(policy([step({ maxRepeats: 3 })]))).toEqual([['MAX_REPEATS_WITHOUT_REPEAT', 'steps[0].maxRepeats']]);
    expect(codes(policy([step({ repeatEveryDays: 7, maxRepeats: 3 })]))).toEqual([]);
  });

  it('names every bad enumerated field', () => {
    expect(codes(policy([step({ channel: 'fax', tone: 'rude', templateKey: 'has space', actions: ['sue'] })]))).toEqual([
      ['CHANNEL_INVALID', 'steps[0].channel'],
      ['TEMPLATE_KEY_INVALID', 'steps[0].templateKey'],
      ['TONE_INVALID', 'steps[0].tone'],
      ['ACTION_INVALID', 'steps[0].actions[0]'],
    ]);
    expect(codes(policy([step({ actions: ['put_on_hold', 'put_on_hold'] })]))).toEqual([['ACTION_DUPLICATE', 'steps[0].actions[1]']]);
  });

  it('checks conditions field by field', () => {
    const bad = {
      minBalanceMinor: { EUR: -1, XXX: 5, USD: 1.5 },
      requiredTags: ['vip', ''],
      excludedTags: ['vip', ' padded'],
      riskLevels: ['extreme'],
    };
    expect(codes(policy([step({ conditions: bad })]))).toEqual([
      ['MIN_BALANCE_INVALID', 'steps[0].conditions.minBalanceMinor.EUR'],
      ['MIN_BALANCE_CURRENCY_INVALID', 'steps[0].conditions.minBalanceMinor.XXX'],
      ['MIN_BALANCE_INVALID', 'steps[0].conditions.minBalanceMinor.USD'],
      ['TAG_INVALID', 'steps[0].conditions.requiredTags[1]'],
      ['TAG_INVALID', 'steps[0].conditions.excludedTags[1]'],
      ['TAG_CONFLICT', 'steps[0].conditions.excludedTags'],
      ['RISK_LEVEL_INVALID', 'steps[0].conditions.riskLevels[0]'],
    ]);
    expect(codes(policy([step({ conditions: { riskLevels: [] } })]))).toEqual([['RISK_LEVELS_INVALID', 'steps[0].conditions.riskLevels']]);
    expect(codes(policy([step({ conditions: 'none' })]))).toEqual([['CONDITIONS_INVALID', 'steps[0].conditions']]);
  });
});

describe('validatePolicy on hostile input', () => {
  it('refuses what is not a policy', () => {
    for (const value of [null, undefined, 42, 'policy', [], [STANDARD_POLICY]]) {
      expect(validatePolicy(value)).toMatchObject({ ok: false, code: 'POLICY_INVALID' });
    }
    expect(codes(policy(undefined))).toEqual([['STEPS_MISSING', 'steps']]);
    expect(codes(policy([]))).toEqual([['STEPS_MISSING', 'steps']]);
    expect(codes(policy([null, 'x']))).toEqual([
      ['STEP_INVALID', 'steps[0]'],
      ['STEP_INVALID', 'steps[1]'],
    ]);
  });

  it('reports unknown fields, including prototype keys, and never carries them over', () => {
    const input = JSON.parse(`{"id":"p1","name":"n","__proto__":{"admin":true},"steps":[{"id":"a","offsetDays":0,"channel":"email","tone":"firm","templateKey":"t","constructor":1}]}`) as unknown;
    expect(codes(input)).toEqual([
      ['UNKNOWN_FIELD', '__proto__'],
      ['UNKNOWN_FIELD', 'steps[0].constructor'],
    ]);
    const minBalance = JSON.parse(`{"__proto__": 1, "constructor": 2}`) as unknown;
    expect(codes(policy([step({ conditions: { minBalanceMinor: minBalance } })]))).toEqual([
      ['MIN_BALANCE_CURRENCY_INVALID', 'steps[0].conditions.minBalanceMinor.__proto__'],
      ['MIN_BALANCE_CURRENCY_INVALID', 'steps[0].conditions.minBalanceMinor.constructor'],
    ]);
  });

  it('reports holes in arrays instead of skipping them', () => {
    // eslint-disable-next-line no-sparse-arrays
    expect(codes(policy([, step()]))).toEqual([['STEP_INVALID', 'steps[0]']]);
    // eslint-disable-next-line no-sparse-arrays
    expect(codes(policy([step({ conditions: { requiredTags: [, 'b2b'] } })]))).toEqual([['TAG_INVALID', 'steps[0].conditions.requiredTags[0]']]);
  });

  it('refuses oversized input without walking it', () => {
    const many = Array.from({ length: MAX_STEPS + 1 }, (_, i) => step({ id: `s${i}`, offsetDays: i }));
    expect(codes(policy(many))).toEqual([['TOO_MANY_STEPS', 'steps']]);
    expect(codes(policy([step({ conditions: { requiredTags: Array.from({ length: 51 }, (_, i) => `t${i}`) } })]))).toEqual([
      ['TAGS_INVALID', 'steps[0].conditions.requiredTags'],
    ]);
    expect(codes(policy([step({ id: 'x'.repeat(65) })]))).toEqual([['STEP_ID_INVALID', 'steps[0].id']]);
    expect(codes(policy([step()], { name: 'n'.repeat(201) }))).toEqual([['POLICY_NAME_INVALID', 'name']]);
  });

  it('refuses control and invisible characters in tags', () => {
    for (const tag of ['a\u0000b', 'line\nbreak', 'zero\u200bwidth', 'bidi\u202e']) {
      expect(codes(policy([step({ conditions: { requiredTags: [tag] } })]))).toEqual([['TAG_INVALID', 'steps[0].conditions.requiredTags[0]']]);
    }
  });

  it('never throws, whatever JSON it is given', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(() => validatePolicy(value)).not.toThrow();
        expect(() => validatePolicy(policy([value]))).not.toThrow();
        expect(() => validatePolicy(policy([step({ conditions: value, actions: value })]))).not.toThrow();
      }),
    );
  });
});

describe('checkSteps', () => {
  it('names fields under the prefix it is given, for installment reminder steps', () => {
    expect(checkSteps([step({ tone: 'loud' })], 'reminderSteps').errors.map((e) => e.field)).toEqual(['reminderSteps[0].tone']);
  });
});
