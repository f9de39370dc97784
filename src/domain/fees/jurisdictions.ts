// The laws whose statutory late-payment interest Punctual computes. A module of its own, without the rate
// rules and their date arithmetic, so the web app can list them without bundling a calendar library.
export const JURISDICTIONS = ['EU', 'DE', 'RO', 'UK', 'RU', 'VN', 'ID'] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];

export function isJurisdiction(value: unknown): value is Jurisdiction {
  return typeof value === 'string' && (JURISDICTIONS as readonly string[]).includes(value);
}
