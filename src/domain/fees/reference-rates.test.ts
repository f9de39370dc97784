import { describe, expect, it } from 'vitest';
import { date } from '../dates.ts';
import { parseReferenceRateTable } from './parse-reference-rates.ts';
import { DEFAULT_REFERENCE_RATES, REFERENCE_RATE_SERIES, rateInForce } from './reference-rates.ts';

describe('rateInForce', () => {
  it('takes a new rate from its own date, inclusive', () => {
    expect(rateInForce(DEFAULT_REFERENCE_RATES, 'ECB_MRO', date('2023-09-19'))).toEqual({ rateBp: 425, from: date('2023-08-02'), to: date('2023-09-19') });
    expect(rateInForce(DEFAULT_REFERENCE_RATES, 'ECB_MRO', date('2023-09-20'))).toEqual({ rateBp: 450, from: date('2023-09-20'), to: date('2024-06-11') });
  });

  it('bounds the last rate by the day the table vouches for', () => {
    expect(rateInForce(DEFAULT_REFERENCE_RATES, 'ECB_MRO', date('2025-07-01'))).toEqual({ rateBp: 215, from: date('2025-06-11'), to: date('2025-12-31') });
    expect(rateInForce(DEFAULT_REFERENCE_RATES, 'ECB_MRO', date('2026-01-01'))).toBeNull();
  });

  it('knows nothing before the first change or for a series the table lacks', () => {
    expect(rateInForce(DEFAULT_REFERENCE_RATES, 'CBR_KEY', date('2021-12-19'))).toBeNull();
    expect(rateInForce({}, 'ECB_MRO', date('2024-01-01'))).toBeNull();
  });

  it('keeps a negative rate as it is', () => {
    expect(rateInForce(DEFAULT_REFERENCE_RATES, 'DE_BASISZINSSATZ', date('2022-12-31'))?.rateBp).toBe(-88);
  });

  it('ships a well-formed table for every series (it survives its own parser)', () => {
    const json = JSON.parse(JSON.stringify(DEFAULT_REFERENCE_RATES)) as unknown;
    const parsed = parseReferenceRateTable(json);
    expect(parsed.ok).toBe(true);
    expect(Object.keys(DEFAULT_REFERENCE_RATES).sort()).toEqual([...REFERENCE_RATE_SERIES].sort());
    if (parsed.ok) expect(parsed.value).toEqual(DEFAULT_REFERENCE_RATES);
  });
});
