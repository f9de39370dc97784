import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareDates, date, type PlainDate } from '../dates.ts';
import { DEFAULT_REFERENCE_RATES } from './reference-rates.ts';
import { type Jurisdiction, statutoryRate } from './statutory-rate.ts';

const rate = (j: Jurisdiction, day: string) => {
  const r = statutoryRate(j, date(day));
  return r.ok ? r.value.annualRateBp : r.code;
};

describe('statutoryRate', () => {
  it('EU: ECB MRO on the first day of the half-year + 8 pp', () => {
    // 1 Jan 2022 MRO 0.00 → 8.00 %; the July 2022 hike (27 Jul) only counts from 1 Jan 2023 (2.50 → 10.50 %).
    expect(rate('EU', '2022-12-31')).toBe(800);
    expect(rate('EU', '2023-01-01')).toBe(1050);
    // 2.50 on 1 Jan 2023 → 10.50 % until 30 June; 4.00 on 1 July (set 21 June) → 12.00 %.
    expect(rate('EU', '2023-06-30')).toBe(1050);
    expect(rate('EU', '2023-07-01')).toBe(1200);
    // 4.50 → 12.50 %; 4.25 (12 June 2024) → 12.25 %; 3.15 → 11.15 %; 2.15 → 10.15 %.
    expect(rate('EU', '2024-06-30')).toBe(1250);
    expect(rate('EU', '2024-07-01')).toBe(1225);
    expect(rate('EU', '2025-01-01')).toBe(1115);
    expect(rate('EU', '2025-12-31')).toBe(1015);
  });

  it('EU: names the source period and the reference day', () => {
    const r = statutoryRate('EU', date('2024-09-30'));
    expect(r).toEqual({
      ok: true,
      value: {
        jurisdiction: 'EU', annualRateBp: 1225, marginBp: 800, referenceRateBp: 425, series: 'ECB_MRO',
        referenceDate: date('2024-07-01'), validFrom: date('2024-07-01'), validTo: date('2024-12-31'),
      },
    });
  });

  it('UK: base rate on 31 December for January–June, on 30 June for July–December, + 8 pp', () => {
    // 31 Dec 2022: 3.50 → 11.50 %; 30 Jun 2023: 5.00 → 13.00 %; 31 Dec 2023: 5.25 → 13.25 % (the
    // published January–June 2024 rate); 30 Jun 2024: still 5.25; 31 Dec 2024: 4.75; 30 Jun 2025: 4.25.
    expect(rate('UK', '2023-06-30')).toBe(1150);
    expect(rate('UK', '2023-07-01')).toBe(1300);
    expect(rate('UK', '2024-01-01')).toBe(1325);
    expect(rate('UK', '2024-12-31')).toBe(1325);
    expect(rate('UK', '2025-01-01')).toBe(1275);
    expect(rate('UK', '2025-07-01')).toBe(1225);
    const h1 = statutoryRate('UK', date('2024-03-15'));
    expect(h1.ok && h1.value.referenceDate).toEqual(date('2023-12-31'));
  });

  it('UK: refuses a half-year whose reference day the table does not cover', () => {
    // The table covers the base rate through 17 December 2025; January 2026 needs 31 December 2025.
    expect(statutoryRate('UK', date('2026-01-05'))).toMatchObject({ ok: false, code: 'REFERENCE_RATE_UNKNOWN', field: 'asOf' });
  });

  it('DE: Basiszinssatz + 9 pp, including the negative base rate years', () => {
    expect(rate('DE', '2022-03-01')).toBe(-88 + 900);
    expect(rate('DE', '2024-02-01')).toBe(362 + 900);
    expect(rate('DE', '2025-07-01')).toBe(127 + 900);
  });

  it('RO: NBR policy rate on the first day of the half-year + 8 pp', () => {
    // 1 Jan 2023: 6.75 (the 7.00 hike came on 10 Jan) → 14.75 %; 1 Jul 2024: still 7.00 (cut on 5 Jul) → 15.00 %.
    expect(rate('RO', '2023-03-01')).toBe(1475);
    expect(rate('RO', '2024-07-10')).toBe(1500);
    expect(rate('RO', '2025-01-01')).toBe(1450);
  });

  it('RU: the key rate in force on each day, nothing added', () => {
    expect(statutoryRate('RU', date('2024-07-28'))).toMatchObject({
      ok: true,
      value: { annualRateBp: 1600, validFrom: date('2023-12-18'), validTo: date('2024-07-28') },
    });
    expect(rate('RU', '2024-07-29')).toBe(1800);
    expect(rate('RU', '2025-06-08')).toBe(2100);
    expect(rate('RU', '2025-06-09')).toBe(2000);
    expect(rate('RU', '2025-12-22')).toBe('REFERENCE_RATE_UNKNOWN');
  });

  it('VN and ID: fixed rates with an unbounded source period', () => {
    expect(statutoryRate('VN', date('2030-01-01'))).toMatchObject({ ok: true, value: { annualRateBp: 1000, validFrom: null, validTo: null, series: null } });
    expect(rate('ID', '1999-01-01')).toBe(600);
  });

  it('uses an organization table instead of the shipped one, and floors a negative result at zero', () => {
    const table = { ECB_MRO: { coveredThrough: date('2030-12-31'), changes: [{ from: date('2026-01-01'), rateBp: -900 }] } };
    expect(statutoryRate('EU', date('2026-03-01'), table)).toMatchObject({ ok: true, value: { annualRateBp: 0, referenceRateBp: -900 } });
    expect(statutoryRate('UK', date('2024-03-01'), table)).toMatchObject({ ok: false, code: 'REFERENCE_RATE_UNKNOWN' });
  });

  it('every day of its source period gets the same rate, and the day lies inside the period', () => {
    const day = fc.integer({ min: 0, max: 4 * 365 - 30 }).map((n) => date('2022-01-01').add({ days: n }));
    const jurisdiction = fc.constantFrom<Jurisdiction>('EU', 'DE', 'RO', 'UK', 'RU');
    fc.assert(
      fc.property(jurisdiction, day, (j, d) => {
        const r = statutoryRate(j, d, DEFAULT_REFERENCE_RATES);
        if (!r.ok) return;
        const { validFrom, validTo, annualRateBp } = r.value;
        if (!validFrom || !validTo) throw new Error('reference rules always bound their period');
        expect(compareDates(validFrom, d)).toBeLessThanOrEqual(0);
        expect(compareDates(d, validTo)).toBeLessThanOrEqual(0);
        for (const edge of [validFrom, validTo] as PlainDate[]) {
          const other = statutoryRate(j, edge, DEFAULT_REFERENCE_RATES);
          expect(other.ok && other.value.annualRateBp).toBe(annualRateBp);
        }
      }),
    );
  });
});
