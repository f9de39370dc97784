import { describe, expect, it } from 'vitest';
import { ReferenceIndex, referenceKey } from './reference-index.ts';

function indexOf(numbers: readonly string[], rf: readonly (string | undefined)[] = []): ReferenceIndex {
  const index = new ReferenceIndex();
  numbers.forEach((n, i) => index.add(i, n, rf[i]));
  return index;
}

const found = (index: ReferenceIndex, text: string) => index.find(text).map((h) => h.entries);

describe('ReferenceIndex', () => {
  it('never finds INV-1 inside INV-10, nor INV-10 inside INV-100', () => {
    const index = indexOf(['INV-1', 'INV-10', 'INV-100']);
    expect(found(index, 'payment INV-10 thanks')).toEqual([[1]]);
    expect(found(index, 'payment INV-100')).toEqual([[2]]);
    expect(found(index, 'INV-1.')).toEqual([[0]]);
    expect(found(index, 'INV1000')).toEqual([]);
  });

  it('tolerates spaces, dashes, slashes and case in the text', () => {
    const index = indexOf(['INV-2025-0042']);
    for (const text of ['inv 2025 0042', 'INV20250042', 'Plata fact. INV/2025/0042 din 03.03', 'INV-2025-\n0042']) {
      expect(found(index, text)).toEqual([[0]]);
    }
    expect(found(index, 'INV-2025-00420')).toEqual([]);
  });

  it('lists several numbers once each, in order of appearance', () => {
    const index = indexOf(['FV-101', 'FV-102', 'FV-103']);
    expect(found(index, 'FV-103, FV-101 si FV-103')).toEqual([[2], [0]]);
  });

  it('finds an RF reference printed in groups and marks it', () => {
    const index = indexOf(['INV-9'], ['RF18 5390 0754 7034']);
    const hits = index.find('Ref: RF18 5390 0754 7034 from ACME');
    expect(hits).toEqual([{ entries: [0], viaRf: true }]);
    expect(found(index, 'RF 18 5390 0754 7034')).toEqual([[0]]);
  });

  it('ignores an RF reference whose check digits are wrong', () => {
    const index = indexOf(['INV-9'], ['RF19 5390 0754 7034']);
    expect(found(index, 'RF19 5390 0754 7034')).toEqual([]);
  });

  it('does not search numbers that look like ordinary text (years, amounts, bare words)', () => {
    const index = indexOf(['2025', '17', 'ABCD', '20250017']);
    expect(found(index, 'paid 17 on 01.02.2025 ABCD')).toEqual([]);
    expect(found(index, 'invoice 2025 0017')).toEqual([[3]]);
  });

  it('reports a key shared by several invoices as one hit with every entry', () => {
    const index = indexOf(['INV-7-1', 'INV-71']);
    expect(found(index, 'INV 71')).toEqual([[0, 1]]);
  });

  it('normalizes keys to letters and digits', () => {
    expect(referenceKey(' inv-2025/0042 ')).toBe('INV20250042');
  });
});
