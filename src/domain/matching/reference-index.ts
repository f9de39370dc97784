import { isValidRfReference, normalizeRfReference } from './rf-reference.ts';

// Finds invoice numbers and RF references inside free remittance text. The text is cut into runs of
// letters and digits; a reference may be written across several runs ("INV 2025-001", "RF18 5390 0754")
// so consecutive runs are joined and looked up, longest first. Runs are never split, which is what stops
// "INV-1" from being found inside "INV-10": the text "INV-10" yields the keys INV, INV10 and 10 only.

/** The canonical key of a reference: its letters and digits, upper-cased, separators dropped. */
export function referenceKey(text: string): string {
  return (text.toUpperCase().match(/[\p{L}\p{N}]+/gu) ?? []).join('');
}

function runs(text: string): string[] {
  return text.toUpperCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

// An invoice number is searched only when it cannot be mistaken for ordinary text: it needs a digit and
// at least 3 characters, and a purely numeric one needs 5 digits (years, amounts and day counts are 4).
function isSearchableNumber(key: string): boolean {
  if (key.length < 3 || !/\d/.test(key)) return false;
  return !/^\d+$/.test(key) || key.length >= 5;
}

export interface ReferenceHit {
  /** Every entry the key points at; more than one means the key is ambiguous. */
  readonly entries: readonly number[];
  readonly viaRf: boolean;
}

export class ReferenceIndex {
  private readonly byKey = new Map<string, { entries: number[]; viaRf: boolean }>();
  private maxRuns = 1;
  private maxKeyLength = 0;

  /** Register entry `entry` (an invoice position) under its number and, when valid, its RF reference. */
  add(entry: number, invoiceNumber: string, rfReference: string | undefined): void {
    const numberKey = referenceKey(invoiceNumber);
    // The payer may break a number once or twice more than we print it ("2025 0017" for "20250017").
    if (isSearchableNumber(numberKey)) this.register(numberKey, entry, false, runs(invoiceNumber).length + 2);
    if (rfReference !== undefined && isValidRfReference(rfReference)) {
      const rf = normalizeRfReference(rfReference);
      // Printed in groups of four, sometimes with "RF" apart from its check digits ("RF 18 5390 …").
      this.register(rf, entry, true, Math.ceil(rf.length / 4) + 1);
    }
  }

  private register(key: string, entry: number, viaRf: boolean, runCount: number): void {
    const existing = this.byKey.get(key);
    if (existing) {
      if (!existing.entries.includes(entry)) existing.entries.push(entry);
      existing.viaRf ||= viaRf;
    } else {
      this.byKey.set(key, { entries: [entry], viaRf });
    }
    this.maxRuns = Math.max(this.maxRuns, runCount);
    this.maxKeyLength = Math.max(this.maxKeyLength, key.length);
  }

  /**
   * The references found in the text, in order of appearance, each at most once. Cost: O(r · s) map
   * look-ups for r runs in the text and s = the most runs a registered key may span (an RF at most 8).
   */
  find(text: string): ReferenceHit[] {
    const words = runs(text);
    const hits: ReferenceHit[] = [];
    const seen = new Set<string>();
    let i = 0;
    while (i < words.length) {
      let key = '';
      let longest: { key: string; length: number } | null = null;
      for (let span = 1; span <= this.maxRuns && i + span <= words.length; span++) {
        key += words[i + span - 1];
        if (key.length > this.maxKeyLength) break;
        if (this.byKey.has(key)) longest = { key, length: span };
      }
      if (longest) {
        if (!seen.has(longest.key)) {
          seen.add(longest.key);
          const found = this.byKey.get(longest.key);
          if (found) hits.push({ entries: found.entries, viaRf: found.viaRf });
        }
        i += longest.length;
      } else {
        i += 1;
      }
    }
    return hits;
  }
}
