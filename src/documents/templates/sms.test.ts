import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitSms, isGsm7, smsSize, toGsm7, type SmsDetail } from './sms.ts';

describe('isGsm7', () => {
  it('accepts the basic set and the extension table', () => {
    expect(isGsm7('Hello, World! 0-9 @£$¥ èéùìò Ç Øø Åå Δ_ ÆæßÉ ¡¿ ÄÖÑÜ§ äöñüà')).toBe(true);
    expect(isGsm7('€ [] {} ~ | ^ \\')).toBe(true);
  });

  it('refuses Romanian comma letters, Vietnamese, Cyrillic, ç, emoji and the raw escape code', () => {
    for (const text of ['ș', 'ț', 'ă', 'Đ', 'ệ', 'Счет', 'ç', '😀', '\u001b', '\u00a0']) expect(isGsm7(text)).toBe(false);
  });
});

describe('smsSize', () => {
  it('counts GSM-7 septets with extension characters as two', () => {
    expect(smsSize('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(smsSize('€'.repeat(80))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(smsSize('€'.repeat(81))).toEqual({ encoding: 'GSM-7', units: 162, segments: 2 });
  });

  it('splits long GSM-7 text in 153-septet parts', () => {
    // 161 → ⌈161/153⌉ = 2; 306 = 2 × 153 → 2; 307 → 3.
    expect(smsSize('a'.repeat(161)).segments).toBe(2);
    expect(smsSize('a'.repeat(306)).segments).toBe(2);
    expect(smsSize('a'.repeat(307)).segments).toBe(3);
  });

  it('never cuts an escape pair across parts', () => {
    // 152 'a' + '€' (2) + 151 'a' = 305 septets ≤ 306, yet the € cannot sit in septets 153–154:
    // part 1 holds 152, part 2 starts with the €, 2 + 151 = 153 fills part 2 exactly → 2 parts.
    expect(smsSize(`${'a'.repeat(152)}€${'a'.repeat(151)}`)).toEqual({ encoding: 'GSM-7', units: 305, segments: 2 });
    // One more 'a' no longer fits part 2 → 3 parts although 306 septets would fit 2 × 153.
    expect(smsSize(`${'a'.repeat(152)}€${'a'.repeat(152)}`).segments).toBe(3);
  });

  it('switches to UCS-2 for one character outside GSM-7: 70 units, then 67-unit parts', () => {
    expect(smsSize('ж'.repeat(70))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(smsSize(`${'a'.repeat(69)}ș`)).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(smsSize('ж'.repeat(71)).segments).toBe(2);
    expect(smsSize('ж'.repeat(134)).segments).toBe(2);
    expect(smsSize('ж'.repeat(135)).segments).toBe(3);
  });

  it('counts an emoji as two UCS-2 units and never splits the pair', () => {
    expect(smsSize('😀')).toEqual({ encoding: 'UCS-2', units: 2, segments: 1 });
    // 66 + 2 + 3 = 71 units: part 1 takes 66, the emoji would end at 68 > 67, so it opens part 2.
    expect(smsSize(`${'ж'.repeat(66)}😀${'ж'.repeat(3)}`)).toEqual({ encoding: 'UCS-2', units: 71, segments: 2 });
  });

  it('sends nothing for an empty text', () => {
    expect(smsSize('').segments).toBe(0);
  });
});

describe('toGsm7', () => {
  it('writes Vietnamese without diacritics ("không dấu")', () => {
    expect(toGsm7('Nguyễn Văn Đức, Công ty TNHH Ánh Dương')).toBe('Nguyen Van Duc, Cong ty TNHH Anh Duong');
  });

  it('writes Romanian without ș ț ă â î, in both comma and cedilla forms', () => {
    expect(toGsm7('Știință și Țară, învățământ, Timişoara, Constanţa')).toBe('Stiinta si Tara, invatamant, Timisoara, Constanta');
  });

  it('keeps letters GSM-7 already has and tidies punctuation and spaces', () => {
    expect(toGsm7('José Müller')).toBe('José Müller');
    expect(toGsm7('“Quoted” — dash…  1\u00a0234\u202f567')).toBe('"Quoted" - dash... 1 234 567');
  });

  it('drops what has no GSM-7 form without leaving a gap', () => {
    expect(toGsm7('Acme 🚀 Ltd 株式会社')).toBe('Acme Ltd');
  });

  it('always yields GSM-7 text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => isGsm7(toGsm7(text))));
  });
});

describe('fitSms', () => {
  const texts = (sizes: Record<SmsDetail, number>) => (detail: SmsDetail, name: string) =>
    `${name}/${'x'.repeat(sizes[detail])}`;

  it('keeps the full text when it fits', () => {
    const fit = fitSms(texts({ full: 100, short: 50, minimal: 20 }), 'Ana');
    expect(fit).toMatchObject({ ok: true, detail: 'full', nameTruncated: false, text: `Ana/${'x'.repeat(100)}` });
  });

  it('drops to the short text before touching the name', () => {
    const fit = fitSms(texts({ full: 200, short: 100, minimal: 20 }), 'Ana');
    expect(fit).toMatchObject({ ok: true, detail: 'short', nameTruncated: false });
  });

  it('then cuts the name, as little as needed, and marks the cut', () => {
    // "Alexandra Popescu/" is 18 + 150 = 168 septets. Cutting to "Alexan." gives 7 + 1 + 150 = 158;
    // "Alexand." gives 159; "Alexandr." gives 160, the longest that fits.
    const fit = fitSms(texts({ full: 200, short: 150, minimal: 20 }), 'Alexandra Popescu');
    expect(fit).toMatchObject({ ok: true, detail: 'short', nameTruncated: true, text: `Alexandr./${'x'.repeat(150)}` });
  });

  it('goes straight to the minimal text when there is no name to address', () => {
    expect(fitSms(texts({ full: 10, short: 10, minimal: 10 }), '  ')).toMatchObject({ ok: true, detail: 'minimal' });
  });

  it('falls back to the minimal text without a name, and refuses when even that is too long', () => {
    expect(fitSms(texts({ full: 200, short: 200, minimal: 20 }), 'Ana')).toMatchObject({ ok: true, detail: 'minimal', text: `/${'x'.repeat(20)}` });
    const refused = fitSms(texts({ full: 200, short: 200, minimal: 170 }), 'Ana');
    expect(refused).toMatchObject({ ok: false, code: 'SMS_TOO_LONG', size: { units: 171 } });
  });
});
