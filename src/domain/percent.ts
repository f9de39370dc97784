const PERCENT = /^(\d{1,3})(?:[.,](\d{1,2}))?\s*%?$/;

/** "19" / "8.5" / "5,25 %" → basis points (1900 / 850 / 525); null when malformed or above 100 %. */
export function parsePercent(text: string): number | null {
  const m = PERCENT.exec(text.trim());
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bp <= 10_000 ? bp : null;
}
