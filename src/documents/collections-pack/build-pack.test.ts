import { parse } from 'csv-parse/sync';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { date } from '../../domain/dates.ts';
import { formatter } from '../pdf/format.ts';
import { pdfText } from '../pdf/test-support.ts';
import { LOCALES } from '../templates/index.ts';
import { buildPack, logCsv, logLines, PACK_LABELS, readmeText, sha256, type LogEntry, type PackInput } from './index.ts';
import { LOGGED_ACTIONS } from './labels/labels.ts';

const SLOW = 60_000;
const A = '0197a000-0000-7000-8000-00000000000a';
const B = '0197a000-0000-7000-8000-00000000000b';

function entry(e: Partial<LogEntry> & Pick<LogEntry, 'id' | 'at'>): LogEntry {
  return { kind: 'event', action: null, actorType: 'user', actorName: 'Ana', before: null, after: null, invoiceNumber: null, currency: null, channel: null, status: null, subject: null, body: null, recipient: null, views: null, ...e };
}

const entries: LogEntry[] = [
  entry({ id: '3', at: '2025-06-13T07:00:00.000000Z', kind: 'message', action: 'reminder', actorType: null, actorName: null, channel: 'email', status: 'failed', recipient: 'lan@saomai.vn', subject: 'Nhắc thanh toán', body: 'Kính gửi chị Lan,\n\n\n\nHóa đơn INV-00042 đã quá hạn.' }),
  entry({ id: '1', at: '2025-06-01T08:00:00.000000Z', action: 'promise.recorded', after: { invoiceId: A, amount: 150_000, currency: 'RUB', promisedDate: '2025-06-10', promisedBy: 'Лан', note: '=HYPERLINK("http://evil")' } }),
  entry({ id: '2', at: '2025-06-01T08:00:00.000000Z', action: 'recurring_schedule.period_skipped', actorType: 'system', actorName: null }),
  entry({ id: '4', at: '2025-06-14T09:00:00.000000Z', kind: 'portal_view', action: 'portal.viewed', actorType: 'customer', actorName: null, invoiceNumber: 'INV-00042', views: 3 }),
  entry({ id: '5', at: '2025-06-15T09:00:00.000000Z', action: 'dunning.reminder_queued', actorType: 'system', actorName: null, after: { items: [{ invoiceId: A }, { invoiceId: B }], subject: 'Напоминание', text: 'Просим оплатить' } }),
];
const numbers = new Map([[A, 'INV-00042'], [B, 'INV-00043']]);

describe('the communication log', () => {
  it('reads oldest first in the organization’s language, naming invoices an entry only refers to by id', () => {
    const lines = logLines(entries, { locale: 'ru', timeZone: 'Europe/Moscow', currency: 'RUB', invoiceNumbers: numbers });
    expect(lines.map((l) => l.title)).toEqual([
      'Обещание оплатить',
      'recurring schedule: period skipped',
      'Сообщение: эл. почта',
      'Клиент открыл счёт на портале (3 раза)',
      'Напоминание запланировано',
    ]);
    const [promise, skipped, message, view, queued] = lines;
    expect(promise).toMatchObject({ atLocal: '01.06.2025 11:00', invoice: 'INV-00042', by: 'Ana', content: '=HYPERLINK("http://evil")' });
    expect(promise!.details).toBe(`${formatter('ru').money(150_000, 'RUB')} · 10.06.2025 · Лан`);
    expect(skipped!.by).toBe('Punctual (автоматически)');
    expect(message).toMatchObject({ details: '→ lan@saomai.vn · failed', content: 'Nhắc thanh toán\n\nKính gửi chị Lan,\n\nHóa đơn INV-00042 đã quá hạn.', by: '' });
    expect(view!.by).toBe('Клиент');
    expect(queued).toMatchObject({ invoice: 'INV-00042, INV-00043', content: 'Напоминание\n\nПросим оплатить' });
  });

  it('has a title for every logged fact in every language', () => {
    for (const locale of LOCALES) for (const action of LOGGED_ACTIONS) expect(PACK_LABELS[locale].actions[action].trim(), `${locale} ${action}`).not.toBe('');
  });

  it('writes CSV that a spreadsheet opens safely: BOM, one row per entry, formulas escaped', () => {
    const csv = logCsv(logLines(entries, { locale: 'en', timeZone: 'UTC', currency: 'EUR', invoiceNumbers: numbers })).toString('utf8');
    expect(csv.startsWith('\ufeff')).toBe(true);
    const rows = parse(csv.slice(1)) as string[][];
    expect(rows).toHaveLength(entries.length + 1);
    expect(rows[1]![12]).toBe('\'=HYPERLINK("http://evil")');
  });
});

const sheet: PackInput['sheet'] = {
  locale: 'ro',
  timeZone: 'Europe/Bucharest',
  handedOverAt: new Date('2025-06-16T06:30:00Z'),
  agency: 'Recuperări SA',
  note: 'Sunați după ora 10.',
  handedOverBy: 'Ana Pop',
  creditor: { name: 'Lumen SRL', addressLines: ['Str. Lungă 1', 'Cluj-Napoca'], taxId: 'RO123' },
  debtor: { name: 'Sao Mai SRL', addressLines: [] },
  customerReference: 'C-042',
  customerCurrency: 'EUR',
  contacts: [{ name: 'Lan', email: 'lan@saomai.vn', phone: null }],
  invoices: [
    { number: 'INV-1', currency: 'EUR', issueDate: date('2025-04-01'), dueDate: date('2025-05-01'), daysOverdue: 46, total: 10_000, balance: 10_000 },
    { number: 'INV-1', currency: 'RON', issueDate: date('2025-04-02'), dueDate: date('2025-05-02'), daysOverdue: 45, total: 50_000, balance: 25_000 },
  ],
};

describe('the pack', () => {
  it('sums what is owed per currency in the README and lists every file with its checksum', () => {
    const readme = readmeText(sheet, [{ name: 'a.pdf', sha256: 'f'.repeat(64) }]);
    expect(readme).toContain('Predare către o agenție de recuperare a creanțelor');
    expect(readme).toContain('Data predării: 16.06.2025 09:30 (Europe/Bucharest)');
    const ro = formatter('ro');
    expect(readme).toContain(`Total datorat: ${ro.money(10_000, 'EUR')}; ${ro.money(25_000, 'RON')}`);
    expect(readme).toContain(`${'f'.repeat(64)}  a.pdf`);
  });

  it('keeps two invoices of the same number apart, and is the same bytes when built twice', { timeout: SLOW }, async () => {
    const pdf = Buffer.from('%PDF-1.3 stand-in');
    const input: PackInput = { sheet, statement: { name: 'statement-2025-06-16.pdf', body: pdf }, invoices: [{ name: 'INV-1.pdf', body: pdf }, { name: 'INV-1.pdf', body: pdf }], log: entries, invoiceNumbers: numbers };
    const zip = await buildPack(input);
    expect((await buildPack(input)).equals(zip)).toBe(true);
    const files = unzipSync(new Uint8Array(zip));
    expect(Object.keys(files)).toEqual(['README.txt', 'statement-2025-06-16.pdf', 'invoices/INV-1.pdf', 'invoices/INV-1-2.pdf', 'communication-log.pdf', 'communication-log.csv']);
    const readme = Buffer.from(files['README.txt']!).toString('utf8');
    expect(readme).toContain(`${sha256(files['communication-log.pdf']!)}  communication-log.pdf`);
    const log = (await pdfText(Buffer.from(files['communication-log.pdf']!))).replace(/\s+/g, ' ');
    for (const words of ['Jurnal de comunicare', 'Sao Mai SRL', 'Promisiune de plată', 'Kính gửi chị Lan', 'Просим оплатить', 'Pagina 1 din 1']) expect(log, words).toContain(words);
  });
});
