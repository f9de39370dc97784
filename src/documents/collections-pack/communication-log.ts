import { stringify } from 'csv-stringify/sync';
import { parseDate, Temporal } from '../../domain/dates.ts';
import { blockText, formatter, lineText, type Formatter } from '../pdf/format.ts';
import type { Locale } from '../templates/index.ts';
import { LOGGED_ACTIONS, type LoggedAction } from './labels/labels.ts';
import { PACK_LABELS, type PackLabels } from './labels/index.ts';

/** One entry of the customer's timeline, as the timeline API gives it. */
export interface LogEntry {
  readonly kind: 'event' | 'message' | 'portal_view';
  readonly id: string;
  /** UTC instant, ISO 8601. */
  readonly at: string;
  readonly action: string | null;
  readonly actorType: string | null;
  readonly actorName: string | null;
  readonly before: unknown;
  readonly after: unknown;
  readonly invoiceNumber: string | null;
  readonly currency: string | null;
  readonly channel: string | null;
  readonly status: string | null;
  readonly subject: string | null;
  readonly body: string | null;
  readonly recipient: string | null;
  readonly views: number | null;
}

/** An entry as the agency reads it, in the log's language; the CSV keeps the codes beside the words. */
export interface LogLine {
  readonly atUtc: string;
  readonly atLocal: string;
  readonly kind: string;
  readonly action: string;
  readonly title: string;
  readonly details: string;
  readonly invoice: string;
  readonly by: string;
  readonly channel: string;
  readonly recipient: string;
  readonly status: string;
  readonly subject: string;
  readonly content: string;
}

export interface LogSettings {
  readonly locale: Locale;
  /** Where times are read: the organization's time zone. */
  readonly timeZone: string;
  /** The currency of amounts whose entry names none (the customer's). */
  readonly currency: string;
  /** Numbers of the invoices entries refer to by id (referencedInvoiceIds). */
  readonly invoiceNumbers: ReadonlyMap<string, string>;
}

type Fields = Readonly<Record<string, unknown>>;

const DATE_FIELDS = ['promisedDate', 'receivedOn', 'paidOn', 'until', 'dueOn', 'firstDueDate'] as const;
const TEXT_FIELDS = ['title', 'promisedBy', 'reference', 'agency'] as const;
const CODE_FIELDS = ['method', 'reasonCode', 'outcome', 'resolution', 'reason'] as const;
// The free text a fact carries, in the order a person wrote or read it.
const CONTENT_FIELDS = ['text', 'body', 'description', 'note', 'resolutionNote'] as const;

const fieldsOf = (value: unknown): Fields => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : {});
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
/** A stable code ("CUSTOMER_IN_COLLECTIONS", "cash_flow") as words. */
const words = (code: string): string => code.toLowerCase().replaceAll('_', ' ');
const isLogged = (action: string): action is LoggedAction => (LOGGED_ACTIONS as readonly string[]).includes(action);

/**
 * The invoices an entry is about, by id: a fact logged on the customer and its invoices shows once on the
 * timeline, as the customer's, and names its invoices only inside.
 */
function invoiceIdsOf(entry: LogEntry): string[] {
  const after = fieldsOf(entry.after);
  const listed = [after.invoiceIds, after.items, after.invoices].flatMap((list) => (Array.isArray(list) ? list : []));
  const ids = [after.invoiceId, ...listed.map((item) => (typeof item === 'string' ? item : fieldsOf(item).invoiceId))];
  return [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
}

/** Every invoice id the entries mention, for looking their numbers up. */
export function referencedInvoiceIds(entries: readonly LogEntry[]): string[] {
  return [...new Set(entries.filter((e) => e.invoiceNumber === null).flatMap(invoiceIdsOf))];
}

function localTime(at: string, timeZone: string, f: Formatter): string {
  const zoned = Temporal.Instant.from(at).toZonedDateTimeISO(timeZone);
  return `${f.date(zoned.toPlainDate())} ${zoned.toPlainTime().toString({ smallestUnit: 'minute' })}`;
}

function eventDetails(after: Fields, before: Fields, currency: string, f: Formatter): string {
  const parts: string[] = [];
  if (typeof after.amount === 'number') parts.push(f.money(after.amount, text(after.currency) || currency));
  for (const key of DATE_FIELDS) {
    const day = parseDate(text(after[key]));
    if (day) parts.push(f.date(day));
  }
  for (const key of TEXT_FIELDS) if (text(after[key])) parts.push(lineText(text(after[key])));
  for (const key of CODE_FIELDS) if (text(after[key])) parts.push(words(text(after[key])));
  if (Array.isArray(after.installments)) {
    const installments = after.installments.map(fieldsOf).filter((i) => typeof i.amount === 'number' && parseDate(text(i.dueDate)));
    parts.push(installments.map((i) => `${f.date(parseDate(text(i.dueDate))!)} ${f.money(i.amount as number, text(after.currency) || currency)}`).join('; '));
  }
  if (text(before.status) && text(after.status)) parts.push(`${words(text(before.status))} → ${words(text(after.status))}`);
  if (text(after.channel) && text(after.recipient)) parts.push(`${after.channel} → ${lineText(text(after.recipient))}`);
  return parts.filter((p) => p !== '').join(' · ');
}

function contentOf(after: Fields): string {
  const body = CONTENT_FIELDS.map((key) => text(after[key])).find((value) => value.trim() !== '') ?? '';
  return [text(after.subject), body].map(blockText).filter((part) => part !== '').join('\n\n');
}

function by(entry: LogEntry, labels: PackLabels): string {
  if (entry.actorName) return lineText(entry.actorName);
  if (entry.actorType === 'system') return labels.system;
  if (entry.actorType === 'customer') return labels.customer;
  return entry.actorType ?? '';
}

function lineOf(entry: LogEntry, settings: LogSettings, labels: PackLabels, f: Formatter): LogLine {
  const common = {
    atUtc: entry.at,
    atLocal: localTime(entry.at, settings.timeZone, f),
    kind: entry.kind,
    invoice: lineText(entry.invoiceNumber ?? invoiceIdsOf(entry).flatMap((id) => settings.invoiceNumbers.get(id) ?? []).join(', ')),
    by: by(entry, labels),
  };
  if (entry.kind === 'message') {
    const channel = entry.channel ?? '';
    const channelName = channel in labels.channels ? labels.channels[channel as keyof PackLabels['channels']] : channel;
    const recipient = lineText(entry.recipient ?? '');
    const status = entry.status ?? '';
    return {
      ...common,
      action: entry.action ?? '',
      title: labels.message(channelName),
      details: [recipient && `→ ${recipient}`, words(status)].filter((p) => p !== '').join(' · '),
      channel,
      recipient,
      status,
      subject: lineText(entry.subject ?? ''),
      content: [entry.subject ?? '', entry.body ?? ''].map(blockText).filter((part) => part !== '').join('\n\n'),
    };
  }
  if (entry.kind === 'portal_view')
    return { ...common, action: entry.action ?? '', title: labels.portalViewed(entry.views ?? 1), details: '', channel: '', recipient: '', status: '', subject: '', content: '' };
  const action = entry.action ?? '';
  const after = fieldsOf(entry.after);
  return {
    ...common,
    action,
    title: isLogged(action) ? labels.actions[action] : words(action.replace('.', ': ')),
    details: eventDetails(after, fieldsOf(entry.before), entry.currency ?? settings.currency, f),
    channel: text(after.channel),
    recipient: lineText(text(after.recipient)),
    status: '',
    subject: lineText(text(after.subject)),
    content: contentOf(after),
  };
}

/** The timeline as the log prints it, oldest first whatever order the entries came in. */
export function logLines(entries: readonly LogEntry[], settings: LogSettings): LogLine[] {
  const labels = PACK_LABELS[settings.locale];
  const f = formatter(settings.locale);
  const ordered = [...entries].sort((a, b) => (a.at === b.at ? a.id.localeCompare(b.id) : a.at < b.at ? -1 : 1));
  return ordered.map((entry) => lineOf(entry, settings, labels, f));
}

const CSV_HEADER = ['at_utc', 'at_local', 'kind', 'action', 'description', 'details', 'invoice', 'by', 'channel', 'recipient', 'status', 'subject', 'content'];

/**
 * The log as CSV: UTF-8 with a byte-order mark so spreadsheet programs read every script, and cells that
 * start like a formula escaped so a message's text cannot run in the agency's spreadsheet.
 */
export function logCsv(lines: readonly LogLine[]): Buffer {
  const rows = lines.map((l) => [l.atUtc, l.atLocal, l.kind, l.action, l.title, l.details, l.invoice, l.by, l.channel, l.recipient, l.status, l.subject, l.content]);
  return Buffer.from(stringify([CSV_HEADER, ...rows], { bom: true, escape_formulas: true, record_delimiter: 'windows' }), 'utf8');
}
