import { QUIET_ZONE_MODULES, type RenderedQr } from '../qr/index.ts';
import type { Canvas } from './layout.ts';

/**
 * Draws the QR symbol as vector squares from its module matrix, with the quiet zone ISO 18004 requires,
 * so it stays sharp at any print resolution and a banking app reads it from paper or screen.
 */
export function drawQr(canvas: Canvas, qr: RenderedQr, x: number, y: number, side: number): void {
  const modules = qr.size + 2 * QUIET_ZONE_MODULES;
  const unit = side / modules;
  const { doc } = canvas;
  doc.rect(x, y, side, side).fill('#ffffff');
  qr.modules.forEach((row, r) => {
    row.forEach((dark, c) => {
      // A hair of overlap so anti-aliasing leaves no pale seams between neighbouring modules.
      if (dark) doc.rect(x + (c + QUIET_ZONE_MODULES) * unit, y + (r + QUIET_ZONE_MODULES) * unit, unit + 0.05, unit + 0.05);
    });
  });
  doc.fill('#000000');
}
