import { describe, expect, it } from 'vitest';
import { can, mayAssign, PERMISSIONS, ROLES } from './roles.ts';

describe('roles', () => {
  it('gives owners and admins everything', () => {
    for (const p of PERMISSIONS) expect(can('owner', p) && can('admin', p)).toBe(true);
  });

  it('keeps viewers read-only and collectors away from money and settings', () => {
    for (const p of PERMISSIONS) expect(can('viewer', p)).toBe(p.endsWith(':read') && p !== 'settings:read');
    expect(can('collector', 'collections:write')).toBe(true);
    expect(can('collector', 'payments:write')).toBe(false);
    expect(can('collector', 'invoices:write')).toBe(false);
    expect(can('collector', 'settings:read')).toBe(false);
    expect(can('accountant', 'payments:write')).toBe(true);
    expect(can('accountant', 'settings:write')).toBe(false);
    expect(can('accountant', 'users:manage')).toBe(false);
  });

  it('refuses unknown roles', () => {
    expect(can('root', 'customers:read')).toBe(false);
    expect(ROLES).toHaveLength(5);
  });
});

describe('mayAssign', () => {
  it('lets only owners make or touch owners, and only user managers assign at all', () => {
    for (const actor of ROLES)
      for (const target of ROLES) {
        const expected = actor === 'owner' || (actor === 'admin' && target !== 'owner');
        expect(mayAssign(actor, target), `${actor} → ${target}`).toBe(expected);
      }
    expect(mayAssign('owner', 'root')).toBe(false);
    expect(mayAssign('root', 'viewer')).toBe(false);
  });
});
