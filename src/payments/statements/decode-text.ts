import iconv from 'iconv-lite';
import { failure, type StatementFailure } from './statement.ts';

export type TextEncoding = 'utf-8' | 'windows-1250' | 'windows-1251' | 'windows-1252' | 'iso-8859-1';

export const TEXT_ENCODINGS: readonly TextEncoding[] = ['utf-8', 'windows-1250', 'windows-1251', 'windows-1252', 'iso-8859-1'];

/**
 * Bytes to text. A byte-order mark wins over the declared encoding (Excel's "Unicode text" export is
 * UTF-16 with a BOM). UTF-8 is decoded strictly: a windows-1251 file read as UTF-8 must fail with a
 * clear message rather than import mojibake. Text containing NUL is a binary file, not a statement.
 */
export function decodeText(input: Uint8Array | string, encoding: TextEncoding): { ok: true; text: string } | StatementFailure {
  const text = typeof input === 'string' ? input.replace(/^\uFEFF/, '') : decodeBytes(input, encoding);
  if (text === null) {
    return failure('STATEMENT_ENCODING_INVALID', `The file is not valid ${encoding.toUpperCase()}; choose its encoding (windows-1250, windows-1251 or windows-1252 for older bank exports)`, 'encoding');
  }
  if (text.includes('\u0000')) return failure('STATEMENT_ENCODING_INVALID', 'The file is binary, not a text statement', 'encoding');
  return { ok: true, text };
}

function decodeBytes(bytes: Uint8Array, encoding: TextEncoding): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return strictUtf8(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16be');
  if (encoding === 'utf-8') return strictUtf8(bytes);
  return iconv.decode(Buffer.from(bytes), encoding);
}

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}
