import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { date } from '../../domain/dates.ts';
import { money, type Money } from '../../domain/money.ts';
import { LOCALES, LOCALE_PROFILES, type Locale } from './locales.ts';
import type { MessageInvoice, MessageVars } from './message-values.ts';
import { renderMessage, type MessageRequest, type RenderedEmail, type RenderedLetter, type RenderedMessage, type RenderedSms } from './render-message.ts';
import { smsSize, SMS_SINGLE_LIMIT } from './sms.ts';
import { CHANNELS, TONES, type Tone } from './template-keys.ts';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/gu, ' ');

const HOME: Record<Locale, string> = { en: 'USD', vi: 'VND', id: 'IDR', ru: 'RUB', ro: 'RON' };

function invoice(number: string, dueDate: string, balance: Money): MessageInvoice {
  return { number, issueDate: date('2025-02-05'), dueDate: date(dueDate), balance };
}

function vars(locale: Locale, overrides: Partial<MessageVars> = {}): MessageVars {
  const currency = HOME[locale];
  return {
    asOf: date('2025-03-17'),
    customerName: 'Ánh Dương Trading Co.',
    contactName: 'Maria Popescu',
    organizationName: 'Northwind Services',
    invoices: [invoice('INV-2025-0042', '2025-03-05', money(123456789, currency))],
    portalUrl: 'https://pay.example.com/p/AbCdEfGhIjKlMn',
    paymentReference: 'RF18539007547034',
    bankDetails: 'Northwind Services SRL\nIBAN RO49 AAAA 1B31 0075 9384 0000\nBanca Transilvania',
    replyTo: 'accounts@northwind.example',
    lateFeeTerms: '0.1% per day from the day after the due date',
    earlyDiscount: { amount: money(250000, currency), deadline: date('2025-03-20') },
    ...overrides,
  };
}

function render(request: MessageRequest): RenderedMessage {
  const result = renderMessage(request);
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.message;
}

function email(request: MessageRequest): RenderedEmail {
  const message = render(request);
  if (message.channel !== 'email') throw new Error(`expected an email, got ${message.channel}`);
  return message;
}

function sms(request: MessageRequest): RenderedSms {
  const message = render(request);
  if (message.channel !== 'sms') throw new Error(`expected an SMS, got ${message.channel}`);
  return message;
}

function letter(request: MessageRequest): RenderedLetter {
  const message = render(request);
  if (message.channel !== 'letter') throw new Error(`expected a letter, got ${message.channel}`);
  return message;
}

const reminder = (locale: Locale, tone: Tone, v: MessageVars = vars(locale)) =>
  email({ kind: 'reminder', tone, channel: 'email', locale, vars: v });

function texts(message: RenderedMessage): string[] {
  switch (message.channel) {
    case 'email':
      return [message.subject, message.text, message.html];
    case 'letter':
      return [message.title, message.date, message.text];
    case 'sms':
      return [message.text];
  }
}

describe('every template in every language, tone and channel', () => {
  const many = (locale: Locale) => [
    invoice('INV-2025-0042', '2025-03-05', money(123456789, HOME[locale])),
    invoice('INV-2025-0050', '2025-03-17', money(5000000, HOME[locale])),
    invoice('INV-2025-0061', '2025-03-25', money(990000, HOME[locale])),
  ];

  it('renders reminders completely: no placeholder left, every invoice and the total present', () => {
    for (const locale of LOCALES) {
      for (const tone of TONES) {
        for (const channel of CHANNELS) {
          for (const invoices of [vars(locale).invoices, many(locale)]) {
            const message = render({ kind: 'reminder', tone, channel, locale, vars: vars(locale, { invoices }) });
            const context = `${locale}/${tone}/${channel}/${invoices.length}`;
            for (const text of texts(message)) {
              expect(text, context).not.toMatch(/[{}]/u);
              expect(text.trim(), context).not.toBe('');
            }
            if (channel !== 'sms') {
              for (const { number } of invoices) expect(message.text, context).toContain(number);
              expect(message.text, context).toContain('https://pay.example.com/p/AbCdEfGhIjKlMn');
              expect(message.text, context).toContain('RF18539007547034');
            }
          }
        }
      }
    }
  });

  it('renders invoice and receipt emails completely', () => {
    for (const locale of LOCALES) {
      const issued = email({ kind: 'invoice', channel: 'email', locale, vars: vars(locale) });
      const paid = email({
        kind: 'receipt',
        channel: 'email',
        locale,
        vars: {
          ...vars(locale, {
            invoices: [invoice('INV-2025-0042', '2025-03-05', money(0, HOME[locale]))],
            totalDue: [money(0, HOME[locale])],
          }),
          payment: { amount: money(123456789, HOME[locale]), receivedOn: date('2025-03-16') },
        },
      });
      for (const message of [issued, paid]) {
        for (const text of texts(message)) expect(text, locale).not.toMatch(/[{}]/u);
        expect(message.text, locale).toContain('INV-2025-0042');
      }
    }
  });

  it('is deterministic', () => {
    const request: MessageRequest = { kind: 'reminder', tone: 'firm', channel: 'email', locale: 'vi', vars: vars('vi') };
    expect(renderMessage(request)).toEqual(renderMessage(request));
  });
});

describe('wording', () => {
  it('greets formally in each language, by contact when there is one', () => {
    const greetings: Record<Locale, [string, string]> = {
      en: ['Dear Maria Popescu,', 'Dear Ánh Dương Trading Co.,'],
      vi: ['Kính gửi Ông/Bà Maria Popescu,', 'Kính gửi Quý khách hàng Ánh Dương Trading Co.,'],
      id: ['Yth. Bapak/Ibu Maria Popescu,', 'Yth. Ánh Dương Trading Co.,'],
      ru: ['Уважаемый(ая) Maria Popescu!', 'Уважаемый клиент!'],
      ro: ['Stimate/Stimată Maria Popescu,', 'Stimate client,'],
    };
    for (const locale of LOCALES) {
      const [withContact, withoutContact] = greetings[locale];
      expect(reminder(locale, 'friendly').text.startsWith(withContact)).toBe(true);
      expect(reminder(locale, 'friendly', vars(locale, { contactName: undefined })).text.startsWith(withoutContact)).toBe(true);
    }
  });

  it('escalates in tone: letter titles of each step', () => {
    const titles = LOCALES.map((locale) => TONES.map((tone) => letter({ kind: 'reminder', tone, channel: 'letter', locale, vars: vars(locale) }).title));
    expect(titles).toEqual([
      ['Payment reminder', 'Overdue payment reminder', 'Final notice before collection'],
      ['Thông báo nhắc thanh toán', 'Thông báo công nợ quá hạn', 'Thông báo nhắc nợ lần cuối'],
      ['Pengingat Pembayaran', 'Pemberitahuan Keterlambatan Pembayaran', 'Surat Peringatan Terakhir'],
      ['Напоминание об оплате', 'Уведомление о просроченной задолженности', 'Требование об оплате задолженности'],
      ['Reamintire de plată', 'Notificare privind plata restantă', 'Somație de plată'],
    ]);
  });
});

describe('plural forms', () => {
  const invoices = (count: number, locale: Locale) =>
    Array.from({ length: count }, (_, i) => invoice(`INV-${String(i + 1).padStart(4, '0')}`, '2025-03-05', money(10000, HOME[locale])));

  it('names one invoice and counts 2, 5 and 21 with the three Russian forms', () => {
    const subject = (count: number) => reminder('ru', 'friendly', vars('ru', { invoices: invoices(count, 'ru') })).subject;
    expect(subject(1)).toBe('Напоминание об оплате: счет № INV-0001, срок оплаты 05.03.2025');
    expect(subject(2)).toBe('Напоминание об оплате: 2 счета');
    expect(subject(5)).toBe('Напоминание об оплате: 5 счетов');
    expect(subject(21)).toBe('Напоминание об оплате: 21 счет');
    expect(subject(22)).toBe('Напоминание об оплате: 22 счета');
    expect(subject(111)).toBe('Напоминание об оплате: 111 счетов');
  });

  it('agrees verbs and cases with the Russian count', () => {
    const intro = (count: number) => reminder('ru', 'firm', vars('ru', { invoices: invoices(count, 'ru') })).text.split('\n\n')[1];
    // 21 × 100,00 ₽ = 2 100,00 ₽; 2 × = 200,00 ₽; 5 × = 500,00 ₽.
    expect(plain(intro(21) ?? '')).toContain('21 счет на общую сумму 2 100,00 ₽ не оплачен в установленный срок');
    expect(plain(intro(2) ?? '')).toContain('2 счета на общую сумму 200,00 ₽ не оплачены');
    expect(plain(intro(5) ?? '')).toContain('5 счетов на общую сумму 500,00 ₽ не оплачены');
    const friendly = (count: number) => reminder('ru', 'friendly', vars('ru', { invoices: invoices(count, 'ru') })).text;
    expect(friendly(21)).toContain('приближается срок оплаты 21 счета');
    expect(friendly(5)).toContain('приближается срок оплаты 5 счетов');
  });

  it('counts days overdue in Russian: 1 день, 2 дня, 5 дней, 11 дней, 21 день', () => {
    // Due 2025-03-05; asOf 1, 2, 5, 11 and 21 days later.
    const status = (asOf: string) => reminder('ru', 'firm', vars('ru', { asOf: date(asOf) })).text;
    expect(status('2025-03-06')).toContain('просрочка составляет 1 день');
    expect(status('2025-03-07')).toContain('просрочка составляет 2 дня');
    expect(status('2025-03-10')).toContain('просрочка составляет 5 дней');
    expect(status('2025-03-16')).toContain('просрочка составляет 11 дней');
    expect(status('2025-03-26')).toContain('просрочка составляет 21 день');
    expect(status('2025-03-26')).toContain('(просрочен на 21 день)');
  });

  it('uses the Romanian "de" from twenty on', () => {
    const subject = (count: number) => reminder('ro', 'firm', vars('ro', { invoices: invoices(count, 'ro') })).subject;
    expect(plain(subject(2))).toBe('2 facturi sunt restante: 200,00 RON');
    expect(plain(subject(19))).toBe('19 facturi sunt restante: 1.900,00 RON');
    expect(plain(subject(20))).toBe('20 de facturi sunt restante: 2.000,00 RON');
    const days = (asOf: string) => reminder('ro', 'firm', vars('ro', { asOf: date(asOf) })).text;
    expect(days('2025-03-06')).toContain('este restantă de o zi');
    expect(days('2025-03-24')).toContain('este restantă de 19 zile');
    expect(days('2025-03-25')).toContain('este restantă de 20 de zile');
  });

  it('uses singular and plural in English, and one form in Vietnamese and Indonesian', () => {
    expect(reminder('en', 'firm', vars('en', { asOf: date('2025-03-06') })).text).toContain('is now 1 day overdue');
    expect(reminder('en', 'firm').text).toContain('is now 12 days overdue');
    expect(reminder('en', 'firm', vars('en', { invoices: invoices(3, 'en') })).subject).toBe('3 overdue invoices: $300.00 outstanding');
    // VND has no minor unit: 3 × 10 000 ₫ = 30 000 ₫. IDR has two: 3 × 10 000 minor units = Rp 300.
    expect(plain(reminder('vi', 'firm', vars('vi', { invoices: invoices(3, 'vi') })).subject)).toBe('3 hóa đơn đã quá hạn thanh toán: 30.000 ₫');
    expect(plain(reminder('id', 'firm', vars('id', { invoices: invoices(3, 'id') })).subject)).toBe('3 invoice telah melewati jatuh tempo: Rp 300');
  });
});

describe('money and dates in the locale', () => {
  it('prints amounts and dates as each country does', () => {
    // 123 456 789 minor units: USD/RUB/RON 1 234 567.89; VND (no minor unit) 123 456 789;
    // IDR (ISO 2 digits, shown 0) 1 234 567.89 → 1.234.568.
    const expected: Record<Locale, [string, string]> = {
      en: ['$1,234,567.89', '5 Mar 2025'],
      vi: ['123.456.789 ₫', '05/03/2025'],
      id: ['Rp 1.234.568', '5 Mar 2025'],
      ru: ['1 234 567,89 ₽', '05.03.2025'],
      ro: ['1.234.567,89 RON', '05.03.2025'],
    };
    for (const locale of LOCALES) {
      const text = plain(reminder(locale, 'firm').text);
      const [amount, due] = expected[locale];
      expect(text, locale).toContain(amount);
      expect(text, locale).toContain(due);
    }
  });

  it('lists several currencies in the total', () => {
    const v = vars('en', { invoices: [invoice('A-1', '2025-03-05', money(10000, 'EUR')), invoice('A-2', '2025-03-06', money(5000, 'USD'))] });
    expect(reminder('en', 'firm', v).text).toContain('Total due: €100.00 and $50.00');
  });

  it('names the final pay-by date, a week after the message unless given', () => {
    // asOf 17 Mar 2025 + 7 days = 24 Mar 2025.
    expect(reminder('en', 'final').subject).toBe('Final notice: $1,234,567.89 overdue, payment required by 24 Mar 2025');
    expect(reminder('ru', 'final', vars('ru', { deadline: date('2025-04-16') })).subject).toContain('не позднее 16.04.2025');
  });
});

describe('optional parts', () => {
  it('mentions the early-payment discount up to its last day only', () => {
    const onDeadline = reminder('en', 'friendly', vars('en', { asOf: date('2025-03-20') })).text;
    expect(onDeadline).toContain('If you pay in full by 20 Mar 2025, you may deduct an early payment discount of $2,500.00.');
    expect(reminder('en', 'friendly', vars('en', { asOf: date('2025-03-21') })).text).not.toContain('early payment discount');
  });

  it('prints late-fee terms on invoices and from the firm tone on, not in a friendly reminder', () => {
    const terms = '0.1% per day from the day after the due date';
    expect(reminder('en', 'friendly').text).not.toContain(terms);
    expect(reminder('en', 'firm').text).toContain(`Late payment terms: ${terms}`);
    expect(reminder('en', 'final').text).toContain(terms);
    expect(email({ kind: 'invoice', channel: 'email', locale: 'en', vars: vars('en') }).text).toContain(terms);
  });

  it('leaves out the bank-transfer paragraph when there are no bank details', () => {
    expect(reminder('en', 'firm', vars('en', { bankDetails: '  ' })).text).not.toContain('bank transfer');
  });

  it('says what a receipt leaves to pay', () => {
    const receipt = (totalDue: Money[]) =>
      email({
        kind: 'receipt',
        channel: 'email',
        locale: 'en',
        vars: { ...vars('en', { totalDue }), payment: { amount: money(50000, 'USD'), receivedOn: date('2025-03-16') } },
      }).text;
    expect(receipt([money(0, 'USD')])).toContain('Your account is now fully paid');
    expect(receipt([money(73456789, 'USD')])).toContain('The remaining balance on your account is $734,567.89.');
    expect(receipt([money(0, 'USD')])).toContain('We received your payment of $500.00 on 16 Mar 2025 for invoice INV-2025-0042. Thank you!');
  });

  it('acknowledges a payment on account, with no invoice', () => {
    const text = email({
      kind: 'receipt',
      channel: 'email',
      locale: 'ro',
      vars: { ...vars('ro', { invoices: [] }), payment: { amount: money(50000, 'RON'), receivedOn: date('2025-03-16') } },
    }).text;
    expect(plain(text)).toContain('am primit plata dumneavoastră de 500,00 RON la data de 16.03.2025. Vă mulțumim!');
  });
});

describe('letters', () => {
  it('carry the date, the paragraphs and the invoice table for the PDF', () => {
    const l = letter({ kind: 'reminder', tone: 'final', channel: 'letter', locale: 'ro', vars: vars('ro') });
    expect(l.date).toBe('17.03.2025');
    const table = l.blocks.find((b) => b.type === 'invoices');
    expect(table).toEqual({
      type: 'invoices',
      columns: ['Factura nr.', 'Data emiterii', 'Scadența', 'Situația', 'Rest de plată'],
      rows: [['INV-2025-0042', '05.02.2025', '05.03.2025', 'restantă de 12 zile', '1.234.567,89\u00a0RON']],
      lines: ['- Factura nr. INV-2025-0042 din 05.02.2025, scadentă la 05.03.2025: 1.234.567,89\u00a0RON (restantă de 12 zile)'],
    });
    expect(l.text).toContain('Pentru orice întrebare, ne puteți contacta la accounts@northwind.example.');
    expect(l.text).not.toContain('e-mail');
  });
});

describe('hostile input', () => {
  const hostile = vars('en', {
    customerName: '<script>alert("owned")</script>',
    contactName: '"><img src=x onerror=alert(1)>',
    organizationName: 'Tom & Jerry <Ltd>',
    invoices: [invoice("INV'1<b>", '2025-03-05', money(1000, 'USD'))],
    paymentReference: '</p><iframe src=//evil>',
    bankDetails: 'IBAN <svg onload=alert(1)>\nBIC "X"',
    replyTo: "a@b.c' onmouseover='x",
    lateFeeTerms: '<a href="javascript:alert(1)">terms</a>',
  });
  const allowedTags = new Set(['!doctype', 'html', 'head', 'meta', 'title', 'body', 'div', 'p', 'a', 'br', 'table', 'thead', 'tbody', 'tr', 'th', 'td']);

  function assertSafe(html: string) {
    const tags = [...html.matchAll(/<\/?([!a-z0-9]+)/giu)].map((m) => (m[1] ?? '').toLowerCase());
    for (const tag of tags) expect(allowedTags.has(tag), tag).toBe(true);
    const hrefs = [...html.matchAll(/href="([^"]*)"/gu)].map((m) => m[1]);
    for (const href of hrefs) expect(href).toBe('https://pay.example.com/p/AbCdEfGhIjKlMn');
    const markup = html.match(/<[^>]*>/gu) ?? [];
    for (const tag of markup) expect(tag).not.toMatch(/\son\w+\s*=/iu);
  }

  it('escapes every variable in the HTML of every tone and kind', () => {
    for (const tone of TONES) {
      const message = reminder('en', tone, hostile);
      assertSafe(message.html);
      expect(message.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(message.html).toContain('Tom &amp; Jerry &lt;Ltd&gt;');
      expect(message.html).toContain('INV&#39;1&lt;b&gt;');
      expect(message.html).toContain('IBAN &lt;svg onload=alert(1)&gt;<br>BIC &quot;X&quot;');
    }
    assertSafe(email({ kind: 'invoice', channel: 'email', locale: 'en', vars: hostile }).html);
    const receipt = { ...hostile, payment: { amount: money(1000, 'USD'), receivedOn: date('2025-03-16') } };
    assertSafe(email({ kind: 'receipt', channel: 'email', locale: 'en', vars: receipt }).html);
  });

  it('escapes the customer name when it is the greeting', () => {
    const html = reminder('en', 'firm', { ...hostile, contactName: undefined }).html;
    expect(html).toContain('Dear &lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;,');
    expect(html).not.toContain('<script');
  });

  it('keeps the plain-text body verbatim (it is not HTML)', () => {
    expect(reminder('en', 'firm', { ...hostile, contactName: undefined }).text).toContain('Dear <script>alert("owned")</script>,');
  });

  it('escapes markup an organization writes into its own template', () => {
    const overrides = { 'reminder.firm.closing': '<script>steal()</script> Questions? <b>Call us</b>.' };
    const message = email({ kind: 'reminder', tone: 'firm', channel: 'email', locale: 'en', vars: vars('en'), overrides });
    expect(message.html).toContain('&lt;script&gt;steal()&lt;/script&gt; Questions? &lt;b&gt;Call us&lt;/b&gt;.');
    assertSafe(message.html);
  });

  it('keeps the subject on one line and strips control and bidi-override characters', () => {
    const message = reminder('en', 'friendly', vars('en', { invoices: [invoice('INV-1\r\nBcc: victim@example.com', '2025-03-20', money(1000, 'USD'))] }));
    expect(message.subject).not.toMatch(/[\r\n]/u);
    expect(message.subject).toContain('INV-1 Bcc: victim@example.com');
    const spoof = reminder('en', 'firm', vars('en', { contactName: 'Ann\u202Egnp.exe\u0000\u0007' })).text;
    expect(spoof).toContain('Dear Anngnp.exe,');
  });

  it('refuses a portal link that is not http(s)', () => {
    expect(() => reminder('en', 'firm', vars('en', { portalUrl: 'javascript:alert(1)' }))).toThrow(RangeError);
    expect(() => reminder('en', 'firm', vars('en', { portalUrl: 'https://ok.example/"><script>' }))).toThrow(RangeError);
  });

  it('refuses a reminder without invoices as a programming error', () => {
    expect(() => reminder('en', 'firm', vars('en', { invoices: [] }))).toThrow(RangeError);
  });
});

describe('organization overrides', () => {
  it('use a valid override and report the invalid ones, falling back to the catalogue', () => {
    const overrides = JSON.parse(
      '{"reminder.firm.closing": "Call {replyTo} today.", "reminder.firm.intro": "Hi {nickname}", "made.up": "x", "__proto__": "x"}',
    ) as Record<string, string>;
    const result = renderMessage({ kind: 'reminder', tone: 'firm', channel: 'email', locale: 'en', vars: vars('en'), overrides });
    if (!result.ok || result.message.channel !== 'email') throw new Error('expected an email');
    expect(result.message.text).toContain('Call accounts@northwind.example today.');
    expect(result.message.text).toContain('Our records show that invoice INV-2025-0042');
    expect([...result.ignoredOverrides].sort()).toEqual(['__proto__', 'made.up', 'reminder.firm.intro']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('SMS', () => {
  it('writes Vietnamese and Romanian SMS in GSM-7, without diacritics', () => {
    const vi = sms({ kind: 'reminder', tone: 'firm', channel: 'sms', locale: 'vi', vars: vars('vi', { customerName: 'Công ty Đại Phát' }) });
    // The full text would be 199 characters; the short one is 139.
    expect(vi).toEqual({
      channel: 'sms',
      text: 'Northwind Services: Quy khach Cong ty Dai Phat co khoan no 123.456.789 VND da qua han. Thanh toan: https://pay.example.com/p/AbCdEfGhIjKlMn',
      encoding: 'GSM-7',
      units: 139,
      detail: 'short',
      nameTruncated: false,
    });
    const ro = sms({ kind: 'reminder', tone: 'final', channel: 'sms', locale: 'ro', vars: vars('ro', { customerName: 'Țesătoria Știrbei' }) });
    expect(ro.encoding).toBe('GSM-7');
    expect(ro.text).toContain('Tesatoria Stirbei');
    expect(ro.text).not.toMatch(/[șțăâîȘȚĂÂÎ]/u);
  });

  it('writes Russian SMS in Cyrillic (UCS-2) within 70 characters', () => {
    const ru = sms({ kind: 'reminder', tone: 'firm', channel: 'sms', locale: 'ru', vars: vars('ru') });
    // "Просрочка " 10 + "1 234 567,89 ₽" 14 + ": " 2 + 40-character link = 66.
    expect(ru).toEqual({
      channel: 'sms',
      text: 'Просрочка 1 234 567,89 ₽: https://pay.example.com/p/AbCdEfGhIjKlMn',
      encoding: 'UCS-2',
      units: 66,
      detail: 'minimal',
      nameTruncated: false,
    });
  });

  it('keeps the full English text when it fits', () => {
    const en = sms({ kind: 'reminder', tone: 'friendly', channel: 'sms', locale: 'en', vars: vars('en', { customerName: 'Acme', invoices: [invoice('INV-7', '2025-03-20', money(9900, 'USD'))] }) });
    expect(en).toMatchObject({
      detail: 'full',
      text: 'Northwind Services: Dear Acme, invoice INV-7 for $99.00 is due on 20 Mar 2025. Pay online: https://pay.example.com/p/AbCdEfGhIjKlMn',
    });
  });

  it('leaves the name out when nothing of it survives in GSM-7', () => {
    const en = sms({ kind: 'reminder', tone: 'friendly', channel: 'sms', locale: 'en', vars: vars('en', { customerName: '株式会社 🚀' }) });
    expect(en).toMatchObject({ detail: 'minimal', text: 'Reminder: $1,234,567.89 is due on 5 Mar 2025. Pay online: https://pay.example.com/p/AbCdEfGhIjKlMn' });
  });

  it('cuts a long customer name rather than the link', () => {
    const en = sms({ kind: 'reminder', tone: 'firm', channel: 'sms', locale: 'en', vars: vars('en', { customerName: 'The Extraordinarily Long Named International Holding Company of Greater Metropolitan Areas' }) });
    expect(en.nameTruncated).toBe(true);
    expect(en.text).toMatch(/^Northwind Services: The Extraordinarily .*\., \$1,234,567\.89 is overdue\. Please pay: https:\/\/pay\.example\.com\/p\/AbCdEfGhIjKlMn$/u);
    expect(en.units).toBeLessThanOrEqual(160);
  });

  it('refuses with SMS_TOO_LONG when even the minimal text cannot fit', () => {
    const result = renderMessage({
      kind: 'reminder',
      tone: 'firm',
      channel: 'sms',
      locale: 'ru',
      vars: vars('ru', { portalUrl: `https://pay.example.com/p/${'x'.repeat(60)}` }),
    });
    expect(result).toMatchObject({ ok: false, code: 'SMS_TOO_LONG' });
  });

  it('always fits one segment for realistic values: any name, 12-digit amounts, 12-character numbers, 40-character link', () => {
    const link = fc.stringMatching(/^[A-Za-z0-9]{14}$/u).map((id) => `https://pay.example.com/p/${id}`);
    fc.assert(
      fc.property(
        fc.constantFrom(...LOCALES),
        fc.constantFrom(...TONES),
        fc.oneof(fc.string({ unit: 'grapheme', maxLength: 120 }), fc.string({ unit: 'binary', maxLength: 80 })),
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        fc.array(fc.tuple(fc.stringMatching(/^[A-Z0-9][A-Z0-9/-]{0,11}$/u), fc.integer({ min: -60, max: 90 })), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 999_999_999_999 }),
        fc.constantFrom('home', 'USD', 'EUR'),
        link,
        (locale, tone, customerName, organizationName, rows, total, currencyChoice, portalUrl) => {
          const currency = currencyChoice === 'home' ? LOCALE_PROFILES[locale].homeCurrency : currencyChoice;
          const invoices = rows.map(([number, dueIn]) => ({
            number,
            issueDate: date('2025-01-02'),
            dueDate: date('2025-03-17').add({ days: dueIn }),
            balance: money(1, currency),
          }));
          const v = vars(locale, { customerName, organizationName, invoices, totalDue: [money(total, currency)], portalUrl });
          const result = renderMessage({ kind: 'reminder', tone, channel: 'sms', locale, vars: v });
          if (!result.ok || result.message.channel !== 'sms') return false;
          const size = smsSize(result.message.text);
          return (
            size.segments === 1 &&
            size.units <= SMS_SINGLE_LIMIT[size.encoding] &&
            size.units === result.message.units &&
            result.message.text.includes(portalUrl) &&
            !/[{}]/u.test(result.message.text)
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
