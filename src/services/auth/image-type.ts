export type LogoType = 'image/png' | 'image/jpeg';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];

/** What the bytes are, judged by their signature rather than by what the sender claims. */
export function sniffImageType(bytes: Uint8Array): LogoType | null {
  const starts = (signature: number[]) => bytes.length > signature.length && signature.every((b, i) => bytes[i] === b);
  // A PNG's first chunk is always IHDR; checking it turns away files that only borrow the signature.
  if (starts(PNG)) return bytes.length >= 16 && String.fromCharCode(...bytes.subarray(12, 16)) === 'IHDR' ? 'image/png' : null;
  if (starts(JPEG)) return 'image/jpeg';
  return null;
}
