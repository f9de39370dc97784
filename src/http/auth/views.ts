import { Type } from 'typebox';
import type { ApiKeyRow } from '../../db/repositories/api-keys.ts';
import type { OrganizationRow } from '../../db/repositories/organizations.ts';
import type { LogoInfo, NumberSeriesRow } from '../../db/repositories/settings.ts';
import type { UserRow } from '../../db/repositories/users.ts';
import { ROLES } from '../../domain/roles.ts';
import { formatApiKey } from '../../services/organizations.ts';
import { ElectronicAddressView } from '../views.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Str = Type.String();
const Instant = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' });

/** One line of text: no control characters (PostgreSQL cannot even store NUL). */
export const Line = (maxLength: number, minLength = 0) => Type.String({ minLength, maxLength, pattern: '^[^\\u0000-\\u001f\\u007f]*$' });

export const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)));

export const UserView = Type.Object({
  id: Str,
  email: Str,
  name: Str,
  role: Str,
  status: Type.Union([Type.Literal('invited'), Type.Literal('active'), Type.Literal('deactivated')]),
  lastLoginAt: Nullable(Instant),
  createdAt: Instant,
});

export function userView(u: UserRow) {
  return { id: u.id, email: u.email, name: u.name, role: u.role, status: u.status as 'invited' | 'active' | 'deactivated', lastLoginAt: u.lastLoginAt, createdAt: u.createdAt };
}

export const OrganizationSummary = Type.Object({ id: Str, name: Str, baseCurrency: Str, locale: Str, timeZone: Str });

export function organizationSummary(o: OrganizationRow) {
  return { id: o.orgId, name: o.name, baseCurrency: o.baseCurrency, locale: o.locale, timeZone: o.timeZone };
}

export const ApiKeyView = Type.Object({
  id: Str,
  name: Str,
  role: Str,
  /** The key's public part, to tell keys apart; the secret is never shown again. */
  hint: Str,
  createdAt: Instant,
  revokedAt: Nullable(Instant),
});

export function apiKeyView(k: ApiKeyRow) {
  return { id: k.id, name: k.name, role: k.role, hint: `${formatApiKey(k.id, '').slice(0, 11)}…`, createdAt: k.createdAt, revokedAt: k.revokedAt };
}

export const NumberSeriesView = Type.Object({ series: Str, prefix: Str, padding: Type.Integer(), nextNumber: Type.Integer() });

export function numberSeriesView(s: NumberSeriesRow) {
  return { series: s.id, prefix: s.prefix, padding: s.padding, nextNumber: s.nextNumber };
}

export const SettingsView = Type.Object({
  name: Str,
  legalName: Nullable(Str),
  taxId: Nullable(Str),
  address: Type.Object({}, { additionalProperties: true }),
  baseCurrency: Str,
  locale: Str,
  timeZone: Str,
  country: Nullable(Str),
  defaultPaymentTerms: Str,
  electronicAddress: Nullable(ElectronicAddressView),
  numberSeries: Type.Array(NumberSeriesView),
  logo: Nullable(Type.Object({ contentType: Str, size: Type.Integer(), updatedAt: Instant })),
});

export function settingsView(o: OrganizationRow, series: readonly NumberSeriesRow[], logo: LogoInfo | undefined) {
  return {
    name: o.name,
    legalName: o.legalName,
    taxId: o.taxId,
    address: o.address,
    baseCurrency: o.baseCurrency,
    locale: o.locale,
    timeZone: o.timeZone,
    country: o.country,
    defaultPaymentTerms: o.defaultPaymentTerms,
    electronicAddress: o.electronicAddress,
    numberSeries: series.map(numberSeriesView),
    logo: logo ?? null,
  };
}
