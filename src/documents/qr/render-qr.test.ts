import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { EPC_MAX_VERSION, QUIET_ZONE_MODULES, renderPaymentQr, type RenderedQr } from './render-qr.ts';
import { buildEpcPayload, buildGostPayload, buildVietQrPayload } from '../../domain/payment-qr/index.ts';

const SCALE = 4;

/** Paints the module matrix as RGBA pixels, SCALE pixels per module, inside a 4-module white quiet zone. */
function pixels(qr: RenderedQr): { data: Uint8ClampedArray; width: number } {
  const width = (qr.size + 2 * QUIET_ZONE_MODULES) * SCALE;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  for (let y = 0; y < width; y++) {
    for (let x = 0; x < width; x++) {
      const row = Math.floor(y / SCALE) - QUIET_ZONE_MODULES;
      const column = Math.floor(x / SCALE) - QUIET_ZONE_MODULES;
      if (qr.modules[row]?.[column] === true) data.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3);
    }
  }
  return { data, width };
}

function decode(qr: RenderedQr): { text: string; bytes: Uint8Array } {
  const { data, width } = pixels(qr);
  // jsqr is CommonJS: TypeScript sees its module object, whose `default` is the decoder function.
  const found = jsQR.default(data, width, width, { inversionAttempts: 'dontInvert' });
  if (found === null) throw new Error('The QR could not be read back');
  return { text: found.data, bytes: Uint8Array.from(found.binaryData) };
}

/** Rebuilds the dark modules from the SVG path ("M4 4.5h7m2 0h4…": moves and horizontal runs). */
function svgModules(svg: string, side: number): boolean[][] {
  const grid = Array.from({ length: side }, () => Array.from({ length: side }, () => false));
  const path = /<path stroke="#000000" d="([^"]+)"/.exec(svg)?.[1] ?? '';
  let x = 0;
  let y = 0;
  for (const [, command, args] of path.matchAll(/([Mmh])([^Mmh]*)/g)) {
    const numbers = (args ?? '').trim().split(/[\s,]+/).map(Number);
    if (command === 'M') [x, y] = [numbers[0] ?? 0, Math.floor(numbers[1] ?? 0)];
    if (command === 'm') [x, y] = [x + (numbers[0] ?? 0), y + Math.floor(numbers[1] ?? 0)];
    if (command === 'h') {
      for (let i = 0; i < (numbers[0] ?? 0); i++) grid[y]![x + i] = true;
      x += numbers[0] ?? 0;
    }
  }
  return grid;
}

function value(result: { ok: true; value: string } | { ok: false; message: string }): string {
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

const epc = value(buildEpcPayload({ beneficiaryName: 'Café Łódź Sp. z o.o.', iban: 'DE89370400440532013000', amountMinor: 12_345, reference: 'RF18539007547034' }));
const vietqr = value(buildVietQrPayload({ bankBin: '970436', accountNumber: '0011001234567', amountVnd: 1_500_000, note: 'Thanh toán hóa đơn HĐ01' }));
const gost = value(
  buildGostPayload({
    name: 'ООО «Пример»',
    personalAcc: '40702810138250123017',
    bankName: 'ПАО СБЕРБАНК',
    bic: '044525225',
    correspAcc: '30101810400000000225',
    payeeInn: '7701234567',
    kpp: '770101001',
    sumKopecks: 375_200,
    purpose: 'Оплата по счету № 123 от 01.03.2025',
  }),
);

describe('rendering a payment QR', () => {
  it('reads back the exact EPC payload, UTF-8 name included', async () => {
    const qr = await renderPaymentQr('epc', epc);
    expect(decode(qr).text).toBe(epc);
  });

  it('reads back the exact VietQR payload', async () => {
    const qr = await renderPaymentQr('vietqr', vietqr);
    expect(decode(qr).text).toBe(vietqr);
  });

  it('reads back the exact UTF-8 bytes of a GOST payload in Cyrillic', async () => {
    const qr = await renderPaymentQr('gost', gost);
    const { text, bytes } = decode(qr);
    expect(bytes).toEqual(new TextEncoder().encode(gost));
    expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toBe(gost);
    expect(text).toBe(gost);
  });

  it('fits the largest EPC payload, 331 bytes, in version 13', async () => {
    const largest = value(buildEpcPayload({ beneficiaryName: 'n'.repeat(35), iban: 'RO49AAAA1B31007593840000', amountMinor: 12_345, text: 'é'.repeat(103) + 'a'.repeat(37) }));
    expect(new TextEncoder().encode(largest).length).toBe(331);
    const qr = await renderPaymentQr('epc', largest);
    expect(qr.version).toBe(EPC_MAX_VERSION);
    expect(decode(qr).text).toBe(largest);
  });

  it('refuses an EPC payload that would need a larger symbol than the standard allows', async () => {
    await expect(renderPaymentQr('epc', 'x'.repeat(332))).rejects.toThrow(RangeError);
  });

  it('draws the same symbol in the PNG and the SVG, with the quiet zone', async () => {
    const qr = await renderPaymentQr('gost', gost, { scale: 3 });
    const side = qr.size + 2 * QUIET_ZONE_MODULES;
    expect(qr.size).toBe(17 + 4 * qr.version);
    expect(qr.png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // IHDR: width and height are the first two big-endian 32-bit fields after the chunk length and type.
    expect([qr.png.readUInt32BE(16), qr.png.readUInt32BE(20)]).toEqual([side * 3, side * 3]);
    expect(qr.svg).toContain(`viewBox="0 0 ${side} ${side}"`);
    const drawn = svgModules(qr.svg, side);
    const expected = Array.from({ length: side }, (_, row) =>
      Array.from({ length: side }, (_, column) => qr.modules[row - QUIET_ZONE_MODULES]?.[column - QUIET_ZONE_MODULES] === true),
    );
    expect(drawn).toEqual(expected);
  });
});
