import { parseDate, Temporal } from '../../domain/dates.ts';
import type { DunningSetting, SendWindow } from '../../domain/dunning/index.ts';
import type { DunningSettingsRow } from '../../db/repositories/dunning.ts';
import { BUILT_IN_POLICY_ID } from './built-in-policy.ts';

/** An organization's dunning settings as the tick uses them; no stored row means the defaults. */
export interface OrgDunning {
  readonly defaultPolicyId: string;
  readonly excluded: boolean;
  readonly window: SendWindow;
  readonly replyTo: string | null;
}

export const DEFAULT_WINDOW = { start: '09:00', end: '17:00', workingDays: [1, 2, 3, 4, 5] } as const;

export function orgDunning(row: DunningSettingsRow | undefined): OrgDunning {
  return {
    defaultPolicyId: row?.defaultPolicyId ?? BUILT_IN_POLICY_ID,
    excluded: row?.excluded ?? false,
    window: {
      start: Temporal.PlainTime.from(row?.windowStart ?? DEFAULT_WINDOW.start),
      end: Temporal.PlainTime.from(row?.windowEnd ?? DEFAULT_WINDOW.end),
      workingDays: row?.workingDays ?? DEFAULT_WINDOW.workingDays,
      nonWorkingDates: (row?.nonWorkingDates ?? []).map((d) => parseDate(d)!),
    },
    replyTo: row?.replyTo ?? null,
  };
}

/** What the organization level says in the cascade. */
export function organizationSetting(org: OrgDunning): DunningSetting {
  return org.excluded ? { excluded: true } : { policyId: org.defaultPolicyId };
}

/** What a customer's or invoice's stored override says, or null to inherit. */
export function levelSetting(row: { readonly policyId: string | null; readonly excluded: boolean | null } | undefined | null): DunningSetting | null {
  if (!row) return null;
  if (row.excluded) return { excluded: true };
  return row.policyId ? { policyId: row.policyId } : null;
}
