import type { Ctx } from '../services/context.ts';
import { publicBaseUrl } from '../services/documents/portal-link.ts';
import { createPortalLinkByRef } from '../services/portal/team-links.ts';

export interface PortalLinkOptions {
  readonly customer: string;
  readonly contact?: string;
  readonly days?: string;
}

/** `punctual portal-link --customer REF`: prints a fresh portal link (the only time it can be shown). */
export async function printPortalLink(ctx: Ctx, opts: PortalLinkOptions, print: (line: string) => void): Promise<string | null> {
  const validDays = opts.days === undefined ? undefined : Number(opts.days);
  if (validDays !== undefined && !Number.isInteger(validDays)) return `--days must be a whole number of days, not ${opts.days}`;
  const created = await createPortalLinkByRef(ctx, publicBaseUrl(), opts.customer, { contactEmail: opts.contact, validDays });
  if (!created.ok) return created.message;
  print(created.value.url);
  print(`(works until ${created.value.link.expiresAt.toISOString()}; revoke with DELETE /api/v1/customers/${created.value.link.customerId}/portal-links/${created.value.link.id})`);
  return null;
}
