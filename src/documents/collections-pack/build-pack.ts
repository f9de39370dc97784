import { createHash } from 'node:crypto';
import { zipSync, type Zippable, type ZipOptions } from 'fflate';
import type { PlainDate } from '../../domain/dates.ts';
import { Temporal } from '../../domain/dates.ts';
import { blockText, formatter, lineText, type Formatter } from '../pdf/format.ts';
import { PDF_LABELS } from '../pdf/labels/index.ts';
import type { Party, Seller } from '../pdf/models.ts';
import type { Locale } from '../templates/index.ts';
import { logCsv, logLines, type LogEntry } from './communication-log.ts';
import { PACK_LABELS, type PackLabels } from './labels/index.ts';
import { renderLogPdf } from './render-log-pdf.ts';

export interface PackFile {
  readonly name: string;
  readonly body: Buffer;
}

export interface PackInvoice {
  readonly number: string;
  readonly currency: string;
  readonly issueDate: PlainDate;
  readonly dueDate: PlainDate;
  readonly daysOverdue: number;
  readonly total: number;
  readonly balance: number;
}

export interface PackContact {
  readonly name: string;
  readonly email: string | null;
  readonly phone: string | null;
}

/** What the agency is told about the hand-off, in the organization's language. */
export interface PackSheet {
  readonly locale: Locale;
  readonly timeZone: string;
  readonly handedOverAt: Date;
  readonly agency: string | null;
  readonly note: string | null;
  readonly handedOverBy: string | null;
  readonly creditor: Seller;
  readonly debtor: Party;
  readonly customerReference: string | null;
  /** For amounts in the log whose entry names no currency. */
  readonly customerCurrency: string;
  readonly contacts: readonly PackContact[];
  readonly invoices: readonly PackInvoice[];
}

export interface PackInput {
  readonly sheet: PackSheet;
  /** The statement of account, as the customer would receive it. */
  readonly statement: PackFile;
  /** Each handed-over invoice's PDF, named by its number. */
  readonly invoices: readonly PackFile[];
  readonly log: readonly LogEntry[];
  /** Numbers of the invoices the log's entries mention by id. */
  readonly invoiceNumbers: ReadonlyMap<string, string>;
}

export const sha256 = (body: Buffer | Uint8Array): string => createHash('sha256').update(body).digest('hex');

function zonedTime(at: Date, timeZone: string) {
  return Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(timeZone);
}

function partyLines(party: Party, labels: { taxId: string }): string[] {
  return [
    lineText(party.name),
    party.legalName && party.legalName !== party.name ? lineText(party.legalName) : '',
    ...party.addressLines.map(lineText),
    party.taxId ? `${labels.taxId}: ${lineText(party.taxId)}` : '',
  ].filter((line) => line !== '');
}

function totalsByCurrency(invoices: readonly PackInvoice[], f: Formatter): string {
  const totals = new Map<string, number>();
  for (const i of invoices) totals.set(i.currency, (totals.get(i.currency) ?? 0) + i.balance);
  return [...totals].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amount]) => f.money(amount, currency)).join('; ');
}

/** README.txt: who hands what to whom, the balance, and each file's SHA-256 in `sha256sum` format. */
export function readmeText(sheet: PackSheet, files: readonly { name: string; sha256: string }[]): string {
  const labels: PackLabels = PACK_LABELS[sheet.locale];
  const pdf = PDF_LABELS[sheet.locale];
  const f = formatter(sheet.locale);
  const when = zonedTime(sheet.handedOverAt, sheet.timeZone);
  const section = (title: string, lines: readonly string[]) => ['', title, '-'.repeat(title.length), ...lines];
  const invoiceLine = (i: PackInvoice) =>
    [
      lineText(i.number),
      `${pdf.issueDate}: ${f.date(i.issueDate)}`,
      `${pdf.dueDate}: ${f.date(i.dueDate)}`,
      `${pdf.daysOverdue}: ${f.integer(i.daysOverdue)}`,
      `${pdf.invoiceAmount}: ${f.money(i.total, i.currency)}`,
      `${pdf.openBalance}: ${f.money(i.balance, i.currency)}`,
    ].join(' · ');
  const contact = (c: PackContact) => [c.name, c.email, c.phone].filter((v): v is string => Boolean(v)).map(lineText).join(' · ');
  const lines = [
    labels.readmeTitle,
    '='.repeat(labels.readmeTitle.length),
    '',
    labels.readmeIntro,
    '',
    `${labels.handedOverAt}: ${f.date(when.toPlainDate())} ${when.toPlainTime().toString({ smallestUnit: 'minute' })} (${sheet.timeZone})`,
    ...(sheet.agency ? [`${labels.agency}: ${lineText(sheet.agency)}`] : []),
    ...(sheet.handedOverBy ? [`${labels.handedOverBy}: ${lineText(sheet.handedOverBy)}`] : []),
    ...(sheet.note ? [`${labels.note}:`, blockText(sheet.note)] : []),
    ...section(labels.creditor, partyLines(sheet.creditor, pdf)),
    ...section(labels.debtor, [
      ...partyLines(sheet.debtor, pdf),
      ...(sheet.customerReference ? [`${labels.customerReference}: ${lineText(sheet.customerReference)}`] : []),
    ]),
    ...(sheet.contacts.length > 0 ? section(labels.contacts, sheet.contacts.map(contact)) : []),
    ...section(labels.invoicesHandedOver, [...sheet.invoices.map(invoiceLine), '', `${labels.totalOwed}: ${totalsByCurrency(sheet.invoices, f)}`]),
    ...section(labels.files, [labels.filesHint, '', ...files.map((file) => `${file.sha256}  ${file.name}`)]),
    '',
  ];
  return lines.join('\n');
}

/** Names stay unique inside the ZIP: two series may print the same number, and a duplicate entry would hide a file. */
function uniqueNames(files: readonly PackFile[]): PackFile[] {
  const taken = new Set<string>();
  return files.map((file) => {
    let name = file.name;
    for (let n = 2; taken.has(name); n++) name = file.name.replace(/(\.[^.]*)?$/, (ext) => `-${n}${ext}`);
    taken.add(name);
    return { ...file, name };
  });
}

/**
 * The pack as one ZIP: README.txt, the statement, the invoices under invoices/, and the communication log as
 * PDF and CSV. Entry times are the hand-off's wall-clock time where the organization is, so the archive's
 * dates agree with the README.
 */
export async function buildPack(input: PackInput): Promise<Buffer> {
  const { sheet } = input;
  const lines = logLines(input.log, { locale: sheet.locale, timeZone: sheet.timeZone, currency: sheet.customerCurrency, invoiceNumbers: input.invoiceNumbers });
  const logPdf = await renderLogPdf({ locale: sheet.locale, seller: sheet.creditor, customer: sheet.debtor, lines, createdAt: sheet.handedOverAt });
  const files = uniqueNames([
    input.statement,
    ...input.invoices.map((file) => ({ name: `invoices/${file.name}`, body: file.body })),
    { name: 'communication-log.pdf', body: logPdf },
    { name: 'communication-log.csv', body: logCsv(lines) },
  ]);
  const readme = readmeText(sheet, files.map((file) => ({ name: file.name, sha256: sha256(file.body) })));
  // fflate writes DOS times from the Date's local fields: build a Date whose local fields are the wall clock.
  const wall = zonedTime(sheet.handedOverAt, sheet.timeZone);
  const options: ZipOptions = { mtime: new Date(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) };
  const entries: Zippable = { 'README.txt': [Buffer.from(readme, 'utf8'), options] };
  for (const file of files) entries[file.name] = [file.body, options];
  return Buffer.from(zipSync(entries));
}
