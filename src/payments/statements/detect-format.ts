export type StatementFormat = 'camt053' | 'mt940' | 'csv';

/**
 * Guess the format of an uploaded statement from its first bytes: XML is CAMT, a SWIFT block header or
 * a ":20:" tag line is MT940, anything else is treated as CSV (which still needs its mapping).
 */
export function detectStatementFormat(input: Uint8Array | string): StatementFormat {
  const head = (typeof input === 'string' ? input.slice(0, 4096) : Buffer.from(input.subarray(0, 4096)).toString('latin1'))
    .replace(/^(\uFEFF|\u00EF\u00BB\u00BF|\u00FF\u00FE|\u00FE\u00FF)/, '')
    .trimStart();
  if (head.startsWith('<')) return 'camt053';
  if (head.startsWith('{1:') || /^:20:/m.test(head)) return 'mt940';
  return 'csv';
}
