import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText } from './decode-text.ts';

describe('decodeText', () => {
  it('strips a UTF-8 byte-order mark', () => {
    expect(decodeText(Buffer.from('\uFEFFDată', 'utf8'), 'utf-8')).toEqual({ ok: true, text: 'Dată' });
    expect(decodeText('\uFEFFDată', 'utf-8')).toEqual({ ok: true, text: 'Dată' });
  });

  it('lets a BOM win over the declared encoding', () => {
    expect(decodeText(Buffer.from('\uFEFFСчет', 'utf8'), 'windows-1251')).toEqual({ ok: true, text: 'Счет' });
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode('Ngày', 'utf-16be')]), 'utf-8')).toEqual({ ok: true, text: 'Ngày' });
  });

  it('decodes the windows code pages', () => {
    expect(decodeText(iconv.encode('Оплата', 'windows-1251'), 'windows-1251')).toEqual({ ok: true, text: 'Оплата' });
    expect(decodeText(iconv.encode('Plată în avans', 'windows-1250'), 'windows-1250')).toEqual({ ok: true, text: 'Plată în avans' });
  });

  it('refuses invalid UTF-8 and binary content', () => {
    expect(decodeText(iconv.encode('Оплата', 'windows-1251'), 'utf-8')).toMatchObject({ ok: false, code: 'STATEMENT_ENCODING_INVALID' });
    expect(decodeText(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), 'windows-1252')).toMatchObject({ ok: false, code: 'STATEMENT_ENCODING_INVALID' });
  });
});
