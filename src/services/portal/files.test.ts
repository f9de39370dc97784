import { describe, expect, it } from 'vitest';
import { ublProfileFor } from './files.ts';

describe('the e-invoice profile a customer downloads', () => {
  it('is CIUS-RO only between a Romanian seller and a Romanian (or unaddressed) buyer, Peppol BIS otherwise', () => {
    expect(ublProfileFor('RO', 'RO')).toBe('cius-ro');
    expect(ublProfileFor('RO', 'ro')).toBe('cius-ro');
    expect(ublProfileFor('RO', null)).toBe('cius-ro');
    expect(ublProfileFor('RO', 'VN')).toBe('peppol');
    expect(ublProfileFor('RO', 'DE')).toBe('peppol');
    expect(ublProfileFor('DE', 'RO')).toBe('peppol');
    expect(ublProfileFor(null, 'RO')).toBe('peppol');
  });
});
