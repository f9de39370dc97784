import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOGUES } from './catalogue.ts';
import { LOCALES } from './locales.ts';
import { TEMPLATE_KEYS } from './template-keys.ts';
import { MAX_TEMPLATE_LENGTH, validateTemplate } from './validate-template.ts';

describe('validateTemplate on the built-in catalogues', () => {
  it('accepts every template of every language, SMS included at their worst-case length', () => {
    for (const locale of LOCALES) {
      for (const key of TEMPLATE_KEYS) {
        expect({ locale, key, result: validateTemplate(key, locale, CATALOGUES[locale][key]) }).toEqual({
          locale,
          key,
          result: { ok: true, key, locale },
        });
      }
    }
  });
});

describe('validateTemplate on organization overrides', () => {
  it('reports a syntax error with its position', () => {
    const result = validateTemplate('common.greeting', 'en', 'Dear {customerName');
    expect(result).toMatchObject({ ok: false, code: 'TEMPLATE_SYNTAX', field: 'source', offset: 5 });
    expect(validateTemplate('common.total', 'en', '{invoiceCount, plural, one {x}}')).toMatchObject({ code: 'TEMPLATE_SYNTAX' });
  });

  it('names an unknown variable, also deep inside plural and select branches', () => {
    expect(validateTemplate('common.greeting', 'en', 'Hello {firstName}')).toMatchObject({
      ok: false,
      code: 'TEMPLATE_UNKNOWN_VARIABLE',
      variable: 'firstName',
      offset: 6,
    });
    const nested = '{invoiceCount, plural, =1 {one} other {{hasContact, select, yes {{secret}} other {x}}}}';
    expect(validateTemplate('reminder.firm.intro', 'ru', nested)).toMatchObject({ code: 'TEMPLATE_UNKNOWN_VARIABLE', variable: 'secret' });
  });

  it('never treats object prototype names as variables', () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(validateTemplate('common.greeting', 'en', `{${name}}`)).toMatchObject({ code: 'TEMPLATE_UNKNOWN_VARIABLE', variable: name });
    }
  });

  it('knows which variables belong to which key', () => {
    expect(validateTemplate('common.invoiceLine', 'en', '{invoiceNumber}: {statusText}').ok).toBe(true);
    expect(validateTemplate('common.greeting', 'en', '{statusText}')).toMatchObject({ variable: 'statusText' });
    expect(validateTemplate('reminder.firm.closing', 'en', '{tone, select, firm {a} other {b}}').ok).toBe(true);
    expect(validateTemplate('invoice.closing', 'en', '{tone, select, firm {a} other {b}}')).toMatchObject({ variable: 'tone' });
    expect(validateTemplate('receipt.intro', 'en', '{paymentAmount} on {paymentDate}').ok).toBe(true);
    expect(validateTemplate('invoice.intro', 'en', '{paymentAmount}')).toMatchObject({ variable: 'paymentAmount' });
    expect(validateTemplate('reminder.final.sms', 'en', '{detail, select, full {a {portalUrl}} other {{portalUrl}}}').ok).toBe(true);
    expect(validateTemplate('reminder.final.intro', 'en', '{detail, select, full {a} other {b}}')).toMatchObject({ variable: 'detail' });
  });

  it('refuses a variable used the wrong way', () => {
    const cases: Array<[string, string]> = [
      ['{customerName, plural, one {x} other {y}}', 'customerName'],
      ['{dueDate, date, short}', 'dueDate'],
      ['{dueDate, time}', 'dueDate'],
      ['{customerName, number}', 'customerName'],
      ['{status}', 'status'],
      ['{invoiceCount, select, a {x} other {y}}', 'invoiceCount'],
    ];
    for (const [source, variable] of cases) {
      expect(validateTemplate('reminder.firm.intro', 'en', source)).toMatchObject({ ok: false, code: 'TEMPLATE_ARGUMENT_TYPE', variable });
    }
    expect(validateTemplate('reminder.firm.intro', 'en', '{invoiceCount, number} / {daysOverdue}').ok).toBe(true);
  });

  it('refuses choices and plural forms that do not exist', () => {
    expect(validateTemplate('reminder.alreadyPaid', 'en', '{tone, select, angry {x} other {y}}')).toMatchObject({
      code: 'TEMPLATE_UNKNOWN_OPTION',
      variable: 'tone',
      option: 'angry',
    });
    expect(validateTemplate('common.total', 'ru', '{invoiceCount, plural, lots {x} other {y}}')).toMatchObject({
      code: 'TEMPLATE_UNKNOWN_OPTION',
      option: 'lots',
    });
  });

  it('refuses unknown keys, unknown locales, empty and oversized sources, and non-strings', () => {
    expect(validateTemplate('reminder.angry.intro', 'en', 'x')).toMatchObject({ code: 'TEMPLATE_UNKNOWN_KEY', field: 'key' });
    expect(validateTemplate('__proto__', 'en', 'x')).toMatchObject({ code: 'TEMPLATE_UNKNOWN_KEY' });
    expect(validateTemplate('common.total', 'fr', 'x')).toMatchObject({ code: 'TEMPLATE_UNKNOWN_LOCALE', field: 'locale' });
    expect(validateTemplate('common.total', 'en', '   \n ')).toMatchObject({ code: 'TEMPLATE_EMPTY' });
    expect(validateTemplate('common.total', 'en', 'x'.repeat(MAX_TEMPLATE_LENGTH + 1))).toMatchObject({ code: 'TEMPLATE_TOO_LONG' });
    for (const bad of [null, 42, { toString: () => 'x' }, ['x']]) {
      expect(validateTemplate('common.total', 'en', bad)).toMatchObject({ code: 'TEMPLATE_EMPTY' });
    }
  });

  it('treats markup as plain text (it is escaped when rendered)', () => {
    expect(validateTemplate('common.greeting', 'en', '<script>alert(1)</script> Dear {customerName}').ok).toBe(true);
  });

  it('refuses an SMS that cannot fit one segment even at minimal detail', () => {
    const chatty = 'Dear customer, this is a gentle and rather long reminder that {totalDue} is due on {dueDate}; please pay it at {portalUrl} at your earliest convenience.';
    expect(validateTemplate('reminder.friendly.sms', 'en', chatty)).toMatchObject({ ok: false, code: 'TEMPLATE_SMS_TOO_LONG' });
    // Cyrillic is UCS-2: "Оплатите " 9 + 18-character amount + ": " 2 + 40-character link = 69 ≤ 70.
    expect(validateTemplate('reminder.final.sms', 'ru', 'Оплатите {totalDue}: {portalUrl}').ok).toBe(true);
    // "Срочно " adds seven characters: 76.
    expect(validateTemplate('reminder.final.sms', 'ru', 'Срочно оплатите {totalDue}: {portalUrl}')).toMatchObject({ code: 'TEMPLATE_SMS_TOO_LONG' });
  });

  it('never throws on arbitrary input', () => {
    const icuish = fc.string({
      unit: fc.constantFrom('{', '}', ',', ' ', '#', "'", '<', '>', '=1', 'plural', 'select', 'other', 'one', 'tone', 'invoiceCount', 'x'),
      maxLength: 60,
    });
    fc.assert(
      fc.property(fc.constantFrom(...TEMPLATE_KEYS), fc.constantFrom(...LOCALES), fc.oneof(icuish, fc.string({ unit: 'binary' })), (key, locale, source) => {
        const result = validateTemplate(key, locale, source);
        return result.ok || /^TEMPLATE_[A-Z_]+$/u.test(result.code);
      }),
    );
  });

  it('survives deep nesting and brace floods within the length limit', () => {
    const nested = '{tone, select, friendly {'.repeat(100) + 'x' + '} other {y}}'.repeat(100);
    expect(nested.length).toBeLessThanOrEqual(MAX_TEMPLATE_LENGTH);
    expect(validateTemplate('reminder.friendly.intro', 'en', nested).ok).toBe(true);
    expect(validateTemplate('reminder.friendly.intro', 'en', '{'.repeat(MAX_TEMPLATE_LENGTH))).toMatchObject({ code: 'TEMPLATE_SYNTAX' });
  });
});
