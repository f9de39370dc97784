import { stringify } from 'csv-stringify/sync';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';

/** Add to a list route's querystring: `?format=csv` asks for CSV, as does `Accept: text/csv`. */
export const CsvFormatQuery = { format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')], { description: 'csv: download the list as CSV' })) };

export function wantsCsv(request: FastifyRequest): boolean {
  const format = (request.query as { format?: string } | undefined)?.format;
  if (format) return format === 'csv';
  const accept = request.headers.accept ?? '';
  return /(^|,)\s*text\/csv\b/i.test(accept) && !/(^|,)\s*application\/json\b/i.test(accept);
}

export type CsvCell = string | number | boolean | null;

/**
 * A CSV download: UTF-8 with a byte-order mark so spreadsheet programs read Vietnamese and Cyrillic names
 * right, and cells that start like a formula (=, +, -, @) escaped so a customer's name cannot run in a
 * spreadsheet.
 */
export function sendCsv(reply: FastifyReply, filename: string, header: readonly string[], rows: readonly (readonly CsvCell[])[]) {
  const body = stringify([header, ...rows], { bom: true, escape_formulas: true, record_delimiter: 'windows' });
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
    .send(body);
}
