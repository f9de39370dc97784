export const ROLES = ['owner', 'admin', 'accountant', 'collector', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'customers:read',
  'customers:write',
  'invoices:read',
  'invoices:write',
  'payments:read',
  'payments:write',
  'collections:read',
  'collections:write',
  'reports:read',
  'events:read',
  'settings:read',
  'settings:write',
  'users:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ: readonly Permission[] = ['customers:read', 'invoices:read', 'payments:read', 'collections:read', 'reports:read', 'events:read'];

// Who may do what. Accountants own the books (invoices, payments, customers); collectors work the
// relationship (customers, tasks, notes, promises, disputes, plans) but touch no money and no settings.
const GRANTS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  owner: new Set(PERMISSIONS),
  admin: new Set(PERMISSIONS),
  accountant: new Set([...READ, 'customers:write', 'invoices:write', 'payments:write', 'collections:write', 'settings:read']),
  collector: new Set([...READ, 'customers:write', 'collections:write']),
  viewer: new Set(READ),
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function can(role: string, permission: Permission): boolean {
  return isRole(role) && GRANTS[role].has(permission);
}

/**
 * Whether someone with role `actor` may give role `target` to a person or an API key, or change a person
 * who holds `target`: only owners make or touch owners; whoever manages users handles every other role.
 */
export function mayAssign(actor: string, target: string): boolean {
  if (!isRole(actor) || !isRole(target) || !can(actor, 'users:manage')) return false;
  return target !== 'owner' || actor === 'owner';
}
