import { describe, expect, it } from 'vitest';
import { resolvePolicy } from './resolve-policy.ts';

describe('resolvePolicy', () => {
  const org = { policyId: 'standard' };

  it('uses the organization default when nothing more specific is set', () => {
    expect(resolvePolicy({ organization: org })).toEqual({ kind: 'policy', policyId: 'standard', decidedBy: 'organization' });
    expect(resolvePolicy({ organization: org, customer: null, invoice: null })).toEqual({ kind: 'policy', policyId: 'standard', decidedBy: 'organization' });
  });

  it('lets a customer pick another policy, and an invoice override its customer', () => {
    expect(resolvePolicy({ organization: org, customer: { policyId: 'gentle' } })).toEqual({ kind: 'policy', policyId: 'gentle', decidedBy: 'customer' });
    expect(resolvePolicy({ organization: org, customer: { policyId: 'gentle' }, invoice: { policyId: 'strict' } })).toEqual({
      kind: 'policy',
      policyId: 'strict',
      decidedBy: 'invoice',
    });
  });

  it('excludes at the level that says so, and names it', () => {
    expect(resolvePolicy({ organization: { excluded: true } })).toEqual({ kind: 'excluded', decidedBy: 'organization' });
    expect(resolvePolicy({ organization: org, customer: { excluded: true } })).toEqual({ kind: 'excluded', decidedBy: 'customer' });
    expect(resolvePolicy({ organization: org, customer: { policyId: 'gentle' }, invoice: { excluded: true } })).toEqual({ kind: 'excluded', decidedBy: 'invoice' });
  });

  it('lets a more specific level re-enable dunning below an exclusion', () => {
    expect(resolvePolicy({ organization: { excluded: true }, customer: { policyId: 'gentle' } })).toEqual({ kind: 'policy', policyId: 'gentle', decidedBy: 'customer' });
    expect(resolvePolicy({ organization: org, customer: { excluded: true }, invoice: { policyId: 'strict' } })).toEqual({
      kind: 'policy',
      policyId: 'strict',
      decidedBy: 'invoice',
    });
  });
});
