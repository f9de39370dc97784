import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { date } from '../dates.ts';
import { parseReferenceRateTable } from './parse-reference-rates.ts';

const valid = {
  ECB_MRO: { coveredThrough: '2026-06-30', changes: [{ from: '2025-06-11', rateBp: 215 }, { from: '2026-02-04', rateBp: 190 }] },
};

const codeAndField = (raw: unknown) => {
  const r = parseReferenceRateTable(raw);
  return r.ok ? 'ok' : `${r.code} ${r.field}`;
};

describe('parseReferenceRateTable', () => {
  it('reads an organization table', () => {
    expect(parseReferenceRateTable(valid)).toEqual({
      ok: true,
      value: {
        ECB_MRO: {
          coveredThrough: date('2026-06-30'),
          changes: [
            { from: date('2025-06-11'), rateBp: 215 },
            { from: date('2026-02-04'), rateBp: 190 },
          ],
        },
      },
    });
  });

  it('refuses malformed and hostile input, naming the field', () => {
    const series = (patch: object) => ({ ECB_MRO: { ...valid.ECB_MRO, ...patch } });
    const change = (c: unknown) => series({ changes: [c] });
    expect(codeAndField(null)).toBe('RATE_TABLE_MALFORMED ');
    expect(codeAndField([valid])).toBe('RATE_TABLE_MALFORMED ');
    expect(codeAndField('ECB_MRO')).toBe('RATE_TABLE_MALFORMED ');
    expect(codeAndField(JSON.parse('{"__proto__": {"coveredThrough": "2025-01-01"}}'))).toBe('RATE_TABLE_MALFORMED __proto__');
    expect(codeAndField({ FED_FUNDS: valid.ECB_MRO })).toBe('RATE_TABLE_MALFORMED FED_FUNDS');
    expect(codeAndField({ ECB_MRO: 215 })).toBe('RATE_TABLE_MALFORMED ECB_MRO');
    expect(codeAndField(series({ coveredThrough: '2026-02-30' }))).toBe('RATE_TABLE_MALFORMED ECB_MRO.coveredThrough');
    expect(codeAndField(series({ coveredThrough: 20260630 }))).toBe('RATE_TABLE_MALFORMED ECB_MRO.coveredThrough');
    expect(codeAndField(series({ coveredThrough: '2025-01-01' }))).toBe('RATE_TABLE_MALFORMED ECB_MRO.coveredThrough');
    expect(codeAndField(series({ changes: [] }))).toBe('RATE_TABLE_MALFORMED ECB_MRO.changes');
    expect(codeAndField(series({ changes: 'many' }))).toBe('RATE_TABLE_MALFORMED ECB_MRO.changes');
    expect(codeAndField(change(null))).toBe('RATE_TABLE_MALFORMED ECB_MRO.changes[0]');
    expect(codeAndField(change({ from: '11/06/2025', rateBp: 215 }))).toBe('RATE_TABLE_MALFORMED ECB_MRO.changes[0].from');
    expect(codeAndField(change({ from: '2025-06-11', rateBp: '215' }))).toBe('RATE_TABLE_MALFORMED ECB_MRO.changes[0].rateBp');
    expect(codeAndField(change({ from: '2025-06-11', rateBp: 2.15 }))).toBe('RATE_TABLE_MALFORMED ECB_MRO.changes[0].rateBp');
    expect(codeAndField(change({ from: '2025-06-11', rateBp: 1e9 }))).toBe('RATE_TABLE_MALFORMED ECB_MRO.changes[0].rateBp');
    expect(codeAndField(change({ from: '2025-06-11', rateBp: -1001 }))).toBe('RATE_TABLE_MALFORMED ECB_MRO.changes[0].rateBp');
    const twice = { from: '2025-06-11', rateBp: 215 };
    expect(codeAndField(series({ changes: [twice, twice] }))).toBe('RATE_TABLE_MALFORMED ECB_MRO.changes[1].from');
    const backwards = [{ from: '2025-06-11', rateBp: 215 }, { from: '2025-04-23', rateBp: 240 }];
    expect(codeAndField(series({ changes: backwards }))).toBe('RATE_TABLE_MALFORMED ECB_MRO.changes[1].from');
    const flood = Array.from({ length: 2_001 }, (_, i) => ({ from: date('2000-01-01').add({ days: i }).toString(), rateBp: 100 }));
    expect(codeAndField(series({ changes: flood }))).toBe('RATE_TABLE_MALFORMED ECB_MRO.changes');
  });

  it('never throws on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (raw) => {
        parseReferenceRateTable(raw);
        parseReferenceRateTable({ ECB_MRO: raw });
        parseReferenceRateTable({ ECB_MRO: { coveredThrough: '2025-12-31', changes: [raw] } });
      }),
    );
  });
});
