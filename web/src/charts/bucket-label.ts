import type { AgingBucket } from '../api/types.ts';
import type { I18n } from '../i18n/i18n.tsx';

/** "Not yet due", "1–30 days", "91+ days" in the chosen language. */
export function bucketLabel(t: I18n['t'], b: AgingBucket): string {
  if (b.fromDay === null) return t('bucket.current');
  if (b.toDay === null) return t('bucket.open', { from: b.fromDay });
  return t('bucket.range', { from: b.fromDay, to: b.toDay });
}

/** Axis labels that fit a phone: "Not due", "1–30", "91+". */
export function bucketShortLabel(t: I18n['t'], b: AgingBucket): string {
  if (b.fromDay === null) return t('bucket.currentShort');
  return b.toDay === null ? `${b.fromDay}+` : `${b.fromDay}–${b.toDay}`;
}
