import { beforeAll, describe, expect, it } from 'vitest';
import { date } from '../src/domain/dates.ts';
import { money } from '../src/domain/money.ts';
import { pdfText } from '../src/documents/pdf/test-support.ts';
import { CATALOGUES } from '../src/documents/templates/index.ts';
import { renderForOrganization } from '../src/services/documents/templates.ts';
import { tenant, useApi, type Tenant } from './support/app.ts';

const suite = useApi();
let t: Tenant;
let invoiceId: string;

function put(tenantKey: string, path: string, body: unknown) {
  return suite.app.inject({ method: 'PUT', url: path, headers: { authorization: `Bearer ${tenantKey}` }, payload: body as object });
}

beforeAll(async () => {
  t = await tenant(suite.database, suite.app, suite.clock, { name: 'Sao Mai Trading', locale: 'vi' });
  await t.call('POST', '/api/v1/settings/bank-accounts', { currency: 'EUR', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX', bankName: 'Commerzbank' });
  const customer = (await t.call('POST', '/api/v1/customers', { name: 'Công ty TNHH Sao Mai', locale: 'vi', currency: 'EUR', paymentTerms: 'net_30', contacts: [{ name: 'Lan', email: 'lan@saomai.vn' }] })).json();
  const invoice = (await t.call('POST', '/api/v1/invoices', { customerId: customer.id, issue: true, issueDate: '2025-05-01', lines: [{ description: 'Dịch vụ tư vấn', quantity: 1, unitPrice: 150_000, taxRateBp: 1000 }] })).json();
  invoiceId = invoice.id;
});

describe('template overrides per language', () => {
  it('shows the built-in text until the organization writes its own', async () => {
    const r = await t.call('GET', '/api/v1/templates/reminder.firm.intro/vi');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ key: 'reminder.firm.intro', locale: 'vi', overridden: false, source: CATALOGUES.vi['reminder.firm.intro'], updatedAt: null });
  });

  it('saves a valid override, lists it, logs it, and uses it in previews', async () => {
    const source = 'Kính gửi Quý khách, hóa đơn {invoiceNumber} đã quá hạn {daysOverdue, plural, other {# ngày}}. Vui lòng thanh toán {balance}.';
    const saved = await put(t.key, '/api/v1/templates/reminder.firm.intro/vi', { source });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ overridden: true, source, defaultSource: CATALOGUES.vi['reminder.firm.intro'] });
    expect((await t.call('GET', '/api/v1/templates?locale=vi')).json().data.map((d: { key: string }) => d.key)).toEqual(['reminder.firm.intro']);
    const events = (await t.call('GET', `/api/v1/events?entityType=template`)).json().data;
    expect(events[0]).toMatchObject({ action: 'template.saved', after: { key: 'reminder.firm.intro', locale: 'vi', source } });

    const preview = await t.call('POST', '/api/v1/templates/preview', { invoiceId, kind: 'reminder', tone: 'firm', channel: 'email' });
    expect(preview.statusCode, preview.body).toBe(200);
    const body = preview.json();
    expect(body.channel).toBe('email');
    // 1 May + 30 days = 31 May; on 15 June that is 15 days overdue.
    expect(body.text).toContain('đã quá hạn 15 ngày');
    expect(body.text).toContain('INV-00001');
    expect(body.text).toContain('DE89 3704 0044 0532 0130 00');
    expect(body.ignoredOverrides).toEqual([]);
  });

  it('refuses invalid templates with the reason, and keeps the saved one', async () => {
    const cases: [string, unknown, number, string][] = [
      ['/api/v1/templates/reminder.firm.intro/vi', { source: 'Xin chào {customerName' }, 422, 'TEMPLATE_SYNTAX'],
      ['/api/v1/templates/reminder.firm.intro/vi', { source: 'Hello {password}' }, 422, 'TEMPLATE_UNKNOWN_VARIABLE'],
      ['/api/v1/templates/reminder.firm.intro/vi', { source: '   ' }, 422, 'TEMPLATE_EMPTY'],
      ['/api/v1/templates/reminder.firm.intro/vi', { source: '{customerName, date}' }, 422, 'TEMPLATE_ARGUMENT_TYPE'],
      ['/api/v1/templates/reminder.firm.sms/vi', { source: `${'Rất dài '.repeat(30)}{portalUrl}` }, 422, 'TEMPLATE_SMS_TOO_LONG'],
      ['/api/v1/templates/reminder.firm.intro/vi', { source: 'x'.repeat(4001) }, 400, 'VALIDATION_FAILED'],
      ['/api/v1/templates/reminder.firm.intro/vi', { source: 'ok', extra: 1 }, 400, 'VALIDATION_FAILED'],
      ['/api/v1/templates/no.such.key/vi', { source: 'Hello' }, 404, 'TEMPLATE_UNKNOWN_KEY'],
      ['/api/v1/templates/reminder.firm.intro/de', { source: 'Hallo' }, 404, 'TEMPLATE_UNKNOWN_LOCALE'],
      ['/api/v1/templates/__proto__/vi', { source: 'Hello' }, 404, 'TEMPLATE_UNKNOWN_KEY'],
    ];
    for (const [path, body, status, code] of cases) {
      const r = await put(t.key, path, body);
      expect(r.statusCode, `${path} ${JSON.stringify(body).slice(0, 60)} → ${r.body}`).toBe(status);
      expect(r.json().error.code).toBe(code);
    }
    expect((await t.call('GET', '/api/v1/templates/reminder.firm.intro/vi')).json().source).toContain('đã quá hạn');
  });

  it('previews an unsaved draft without saving it, and escapes markup in HTML', async () => {
    const r = await t.call('POST', '/api/v1/templates/preview', { invoiceId, key: 'reminder.friendly.intro', source: 'Nhắc nhẹ: <script>alert(1)</script> {invoiceNumber}' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().html).toContain('Nhắc nhẹ: &lt;script&gt;alert(1)&lt;/script&gt; INV-00001');
    expect(r.json().html).not.toContain('<script>');
    const broken = await t.call('POST', '/api/v1/templates/preview', { invoiceId, key: 'reminder.friendly.intro', source: 'Nhắc {invoiceNumber' });
    expect(broken.json().error).toMatchObject({ code: 'TEMPLATE_SYNTAX', field: 'source' });
    const ok = await t.call('POST', '/api/v1/templates/preview', { invoiceId, key: 'reminder.friendly.intro', source: 'Nhắc nhẹ về hóa đơn {invoiceNumber} ({customerName}).' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().text).toContain('Nhắc nhẹ về hóa đơn INV-00001 (Công ty TNHH Sao Mai).');
    expect((await t.call('GET', '/api/v1/templates/reminder.friendly.intro/vi')).json().overridden).toBe(false);
  });

  it('previews every channel: SMS within one segment, and a letter as a printed PDF', async () => {
    const sms = (await t.call('POST', '/api/v1/templates/preview', { invoiceId, key: 'reminder.final.sms' })).json();
    expect(sms).toMatchObject({ channel: 'sms', units: expect.any(Number) });
    expect(sms.units).toBeLessThanOrEqual(160);
    const letter = await t.call('POST', '/api/v1/templates/preview?format=pdf', { invoiceId, kind: 'reminder', tone: 'final', channel: 'letter' });
    expect(letter.statusCode, letter.body).toBe(200);
    expect(letter.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(letter.rawPayload);
    expect(text).toContain('Công ty TNHH Sao Mai');
    expect(text).toContain('INV-00001');
    const emailAsPdf = await t.call('POST', '/api/v1/templates/preview?format=pdf', { invoiceId, kind: 'invoice' });
    expect(emailAsPdf.json().error.code).toBe('PREVIEW_PDF_LETTER_ONLY');
  });

  it('renderForOrganization lays stored overrides over the catalogue for other services', async () => {
    const result = await renderForOrganization(suite.database.db, t.orgId, {
      kind: 'reminder',
      tone: 'firm',
      channel: 'email',
      locale: 'vi',
      vars: {
        asOf: date('2025-06-15'),
        customerName: 'Khách hàng A',
        organizationName: 'Sao Mai Trading',
        invoices: [{ number: 'INV-9', issueDate: date('2025-05-01'), dueDate: date('2025-05-31'), balance: money(5_000, 'EUR') }],
        portalUrl: 'https://pay.example.com/portal',
        paymentReference: 'RF18 5390 0754 7034',
        bankDetails: '',
        replyTo: 'ketoan@saomai.vn',
      },
    });
    expect(result.ok).toBe(true);
    expect(result.ok && result.message.channel === 'email' && result.message.text).toContain('Kính gửi Quý khách, hóa đơn INV-9 đã quá hạn 15 ngày.');
  });

  it('deleting an override goes back to the built-in text; deleting again is a 404', async () => {
    const r = await t.call('DELETE', '/api/v1/templates/reminder.firm.intro/vi');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ overridden: false, source: CATALOGUES.vi['reminder.firm.intro'] });
    expect((await t.call('DELETE', '/api/v1/templates/reminder.firm.intro/vi')).json().error.code).toBe('TEMPLATE_NOT_FOUND');
  });

  it("keeps each organization's templates and invoices to itself", async () => {
    await put(t.key, '/api/v1/templates/invoice.intro/en', { source: 'Our own invoice wording for {customerName}.' });
    const other = await tenant(suite.database, suite.app, suite.clock, { name: 'Other Co' });
    expect((await other.call('GET', '/api/v1/templates')).json().data).toEqual([]);
    expect((await other.call('GET', '/api/v1/templates/invoice.intro/en')).json().overridden).toBe(false);
    expect((await other.call('DELETE', '/api/v1/templates/invoice.intro/en')).statusCode).toBe(404);
    const preview = await other.call('POST', '/api/v1/templates/preview', { invoiceId, kind: 'invoice' });
    expect(preview.statusCode).toBe(404);
    expect(preview.body).not.toContain('Sao Mai');
    expect((await t.call('GET', '/api/v1/templates/invoice.intro/en')).json().overridden).toBe(true);
  });
});
