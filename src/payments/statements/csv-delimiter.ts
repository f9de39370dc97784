import type { CsvDelimiter } from './csv-mapping.ts';

const CANDIDATES: readonly CsvDelimiter[] = [';', ',', '\t', '|'];

function countOutsideQuotes(line: string, delimiter: string): number {
  let count = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) count++;
  }
  return count;
}

/**
 * Guess the delimiter from the first lines: the candidate that appears the same number of times on
 * every line, the most often; failing that, the one most frequent on the first line. Semicolon wins
 * ties, since files with decimal commas (RO, RU) use it and their amounts contain commas.
 */
export function detectDelimiter(lines: readonly string[]): CsvDelimiter {
  const sample = lines.filter((l) => l.trim() !== '').slice(0, 10);
  let best: { delimiter: CsvDelimiter; consistent: boolean; count: number } | null = null;
  for (const delimiter of CANDIDATES) {
    const counts = sample.map((l) => countOutsideQuotes(l, delimiter));
    const count = counts[0] ?? 0;
    if (count === 0) continue;
    const consistent = counts.every((c) => c === count);
    if (!best || (consistent && !best.consistent) || (consistent === best.consistent && count > best.count)) {
      best = { delimiter, consistent, count };
    }
  }
  return best?.delimiter ?? ',';
}
