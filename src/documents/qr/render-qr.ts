import QRCode, { type QRCodeSegment } from 'qrcode';
import type { PaymentQrKind } from '../../domain/payment-qr/index.ts';

// Turns a payment payload into a QR symbol. The payload always goes in as one byte segment of its UTF-8
// bytes, so what a banking app reads is exactly the string the domain built: GOST ST00012 declares
// UTF-8 (encoding digit 2), EPC declares UTF-8 (character set 1), VietQR is ASCII. No ECI marker is
// added: the payment formats declare their own character set and many banking-app readers mishandle ECI.

/** Quiet zone in modules around the symbol, the minimum ISO 18004 requires. */
export const QUIET_ZONE_MODULES = 4;
/** EPC069-12 caps the symbol at version 13 with error correction M (331 bytes). */
export const EPC_MAX_VERSION = 13;

export interface RenderedQr {
  /** QR version, 1…40. */
  readonly version: number;
  /** Modules per side, without the quiet zone. */
  readonly size: number;
  /** modules[row][column], true for a dark module; without the quiet zone. */
  readonly modules: readonly (readonly boolean[])[];
  /** PNG with the quiet zone, `scale` pixels per module. */
  readonly png: Buffer;
  /** SVG with the quiet zone, scalable for PDFs and the portal. */
  readonly svg: string;
}

export interface RenderOptions {
  /** Pixels per module in the PNG; 4 by default. */
  readonly scale?: number;
}

export async function renderPaymentQr(kind: PaymentQrKind, payload: string, options: RenderOptions = {}): Promise<RenderedQr> {
  const segments: QRCodeSegment[] = [{ mode: 'byte', data: Buffer.from(payload, 'utf8') }];
  // Level M for every kind: EPC requires it, and for the others it survives print smudges at a modest size.
  const symbol = QRCode.create(segments, { errorCorrectionLevel: 'M' });
  if (kind === 'epc' && symbol.version > EPC_MAX_VERSION) {
    throw new RangeError(`EPC QR needs version ${symbol.version}; the standard allows ${EPC_MAX_VERSION}: the payload was not validated`);
  }
  const { size } = symbol.modules;
  const modules = Array.from({ length: size }, (_, row) => Array.from({ length: size }, (_, column) => symbol.modules.get(row, column) === 1));
  const rendering = { errorCorrectionLevel: 'M', version: symbol.version, maskPattern: symbol.maskPattern, margin: QUIET_ZONE_MODULES } as const;
  const [png, svg] = await Promise.all([
    QRCode.toBuffer(segments, { ...rendering, type: 'png', scale: options.scale ?? 4 }),
    QRCode.toString(segments, { ...rendering, type: 'svg' }),
  ]);
  return { version: symbol.version, size, modules, png, svg };
}
