import { compareDates, parseDate, type PlainDate } from '../dates.ts';
import { success } from '../result.ts';
import { fail, type FeesResult } from './failure.ts';
import { REFERENCE_RATE_SERIES, type RateChange, type ReferenceRateSeries, type ReferenceRateSeriesId, type ReferenceRateTable } from './reference-rates.ts';

// An organization's own table arrives as JSON: { "ECB_MRO": { "coveredThrough": "2025-12-31",
// "changes": [{ "from": "2022-07-27", "rateBp": 50 }, …] }, … }. Reference rates have never left
// −10 %…+1 000 % in the economies we serve; anything outside is a typo, not a rate.
const MAX_CHANGES = 2_000;
const MIN_RATE_BP = -1_000;
const MAX_RATE_BP = 100_000;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isSeriesId = (k: string): k is ReferenceRateSeriesId => (REFERENCE_RATE_SERIES as readonly string[]).includes(k);
const malformed = (field: string, message: string) => fail('RATE_TABLE_MALFORMED', field, message);

export function parseReferenceRateTable(raw: unknown): FeesResult<ReferenceRateTable> {
  if (!isRecord(raw)) return malformed('', 'The rate table must be an object keyed by series');
  const table: Partial<Record<ReferenceRateSeriesId, ReferenceRateSeries>> = {};
  for (const key of Object.keys(raw)) {
    if (!isSeriesId(key)) return malformed(key, `Unknown series ${key.slice(0, 40)}; expected one of ${REFERENCE_RATE_SERIES.join(', ')}`);
    const parsed = parseSeries(raw[key], key);
    if (!parsed.ok) return parsed;
    table[key] = parsed.value;
  }
  return success(table);
}

function parseSeries(raw: unknown, field: string): FeesResult<ReferenceRateSeries> {
  if (!isRecord(raw)) return malformed(field, 'A series must be an object with coveredThrough and changes');
  const coveredThrough = typeof raw.coveredThrough === 'string' ? parseDate(raw.coveredThrough) : null;
  if (!coveredThrough) return malformed(`${field}.coveredThrough`, 'coveredThrough must be a YYYY-MM-DD date');
  const list = raw.changes;
  if (!Array.isArray(list) || list.length === 0) return malformed(`${field}.changes`, 'changes must be a non-empty array');
  if (list.length > MAX_CHANGES) return malformed(`${field}.changes`, `At most ${MAX_CHANGES} changes per series`);
  const changes: RateChange[] = [];
  let previous: PlainDate | null = null;
  for (const [i, item] of list.entries()) {
    const at = `${field}.changes[${i}]`;
    if (!isRecord(item)) return malformed(at, 'A change must be an object with from and rateBp');
    const from = typeof item.from === 'string' ? parseDate(item.from) : null;
    if (!from) return malformed(`${at}.from`, 'from must be a YYYY-MM-DD date');
    if (previous && compareDates(from, previous) <= 0) return malformed(`${at}.from`, 'Changes must be in strictly increasing date order');
    const rateBp = item.rateBp;
    if (typeof rateBp !== 'number' || !Number.isInteger(rateBp) || rateBp < MIN_RATE_BP || rateBp > MAX_RATE_BP)
      return malformed(`${at}.rateBp`, `rateBp must be an integer from ${MIN_RATE_BP} to ${MAX_RATE_BP}`);
    changes.push({ from, rateBp });
    previous = from;
  }
  const first = changes[0];
  if (first && compareDates(coveredThrough, first.from) < 0)
    return malformed(`${field}.coveredThrough`, 'coveredThrough must not precede the first change');
  return success({ coveredThrough, changes });
}
