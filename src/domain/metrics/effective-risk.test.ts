import { describe, expect, it } from 'vitest';
import { effectiveRisk, parseRiskLevel } from './effective-risk.ts';

describe('effective risk level', () => {
  it('takes the level set by hand over the computed one', () => {
    expect(effectiveRisk('low', 'high')).toEqual({ level: 'low', source: 'manual' });
    expect(effectiveRisk('high', null)).toEqual({ level: 'high', source: 'manual' });
  });

  it('takes the computed level when none is set by hand', () => {
    expect(effectiveRisk(null, 'high')).toEqual({ level: 'high', source: 'computed' });
    expect(effectiveRisk(null, 'low')).toEqual({ level: 'low', source: 'computed' });
  });

  it('falls back to medium when there is neither', () => {
    expect(effectiveRisk(null, null)).toEqual({ level: 'medium', source: 'default' });
  });

  it('ignores stored values that are not levels rather than trusting them', () => {
    expect(effectiveRisk('HIGH', 'extreme')).toEqual({ level: 'medium', source: 'default' });
    expect(effectiveRisk('', 'low')).toEqual({ level: 'low', source: 'computed' });
    expect([parseRiskLevel(undefined), parseRiskLevel('medium'), parseRiskLevel(' low')]).toEqual([null, 'medium', null]);
  });
});
