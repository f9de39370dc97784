import { describe, expect, it } from 'vitest';
import { detectDelimiter } from './csv-delimiter.ts';

describe('detectDelimiter', () => {
  it('prefers the delimiter that is consistent across lines', () => {
    // commas appear in the amounts (2, then 1, then 0 per line), semicolons 2 on every line
    expect(detectDelimiter(['Data;Suma;Text', '01.03.2025;1,50;a,b', '02.03.2025;7;c'])).toBe(';');
  });

  it('ignores delimiters inside quotes', () => {
    expect(detectDelimiter(['date,text,amount', '2025-03-01,"a;b;c;d",1'])).toBe(',');
  });

  it('finds tabs and pipes, and falls back to a comma for a single column', () => {
    expect(detectDelimiter(['a\tb\tc', '1\t2\t3'])).toBe('\t');
    expect(detectDelimiter(['a|b', '1|2'])).toBe('|');
    expect(detectDelimiter(['only', 'one'])).toBe(',');
  });
});
