import { date } from '../../domain/dates.ts';
import { money } from '../../domain/money.ts';
import { ELEMENT, parseTemplate, type TemplateElement } from './format-template.ts';
import { isLocale, LOCALE_PROFILES, type Locale } from './locales.ts';
import { messageContext, type MessageVars } from './message-values.ts';
import { smsText } from './render-sms.ts';
import { smsSize, SMS_SINGLE_LIMIT } from './sms.ts';
import { isTemplateKey, TONES, variablesFor, type TemplateKey, type VariableKind } from './template-keys.ts';

export type TemplateErrorCode =
  | 'TEMPLATE_UNKNOWN_KEY'
  | 'TEMPLATE_UNKNOWN_LOCALE'
  | 'TEMPLATE_EMPTY'
  | 'TEMPLATE_TOO_LONG'
  | 'TEMPLATE_SYNTAX'
  | 'TEMPLATE_UNKNOWN_VARIABLE'
  | 'TEMPLATE_ARGUMENT_TYPE'
  | 'TEMPLATE_UNKNOWN_OPTION'
  | 'TEMPLATE_SMS_TOO_LONG';

export interface TemplateError {
  readonly ok: false;
  readonly code: TemplateErrorCode;
  readonly field: 'key' | 'locale' | 'source';
  readonly message: string;
  /** The offending variable, for TEMPLATE_UNKNOWN_VARIABLE, TEMPLATE_ARGUMENT_TYPE and TEMPLATE_UNKNOWN_OPTION. */
  readonly variable?: string;
  readonly option?: string;
  /** Character offset in the source, when the parser knows it. */
  readonly offset?: number;
}

export type TemplateValidation = { readonly ok: true; readonly key: TemplateKey; readonly locale: Locale } | TemplateError;

export const MAX_TEMPLATE_LENGTH = 4_000;

const PLURAL_CATEGORIES = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);

/**
 * Check an organization's template before it is saved: the key and locale exist, the source is ICU
 * MessageFormat, it uses only the variables of that key and each in a way that can be rendered, and an
 * SMS still fits one segment at its minimal detail with worst-case values. Arguments come straight from a
 * request, so they are typed unknown.
 */
export function validateTemplate(key: unknown, locale: unknown, source: unknown): TemplateValidation {
  if (!isTemplateKey(key)) return fail('TEMPLATE_UNKNOWN_KEY', 'key', `Unknown template key ${quote(key)}`);
  if (!isLocale(locale)) return fail('TEMPLATE_UNKNOWN_LOCALE', 'locale', `Unsupported locale ${quote(locale)}`);
  if (typeof source !== 'string' || source.trim() === '') return fail('TEMPLATE_EMPTY', 'source', 'The template is empty');
  if (source.length > MAX_TEMPLATE_LENGTH) {
    return fail('TEMPLATE_TOO_LONG', 'source', `The template is longer than ${MAX_TEMPLATE_LENGTH} characters`);
  }
  let ast: TemplateElement[];
  try {
    ast = parseTemplate(source, locale);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const offset = (error as SyntaxError & { location?: { start?: { offset?: number } } }).location?.start?.offset;
    const where = offset === undefined ? '' : ` at character ${offset + 1}`;
    return { ...fail('TEMPLATE_SYNTAX', 'source', `Invalid ICU MessageFormat (${error.message})${where}`), offset };
  }
  const misuse = checkElements(ast, variablesFor(key));
  if (misuse) return misuse;
  if (key.endsWith('.sms')) return checkSmsFits(key, locale, source);
  return { ok: true, key, locale };
}

function checkElements(elements: readonly TemplateElement[], variables: ReadonlyMap<string, VariableKind>): TemplateError | undefined {
  for (const el of elements) {
    if (el.type === ELEMENT.literal || el.type === ELEMENT.pound) continue;
    const offset = el.location?.start.offset;
    const kind = variables.get(el.value);
    if (!kind) {
      const known = [...variables.keys()].join(', ');
      return { ...fail('TEMPLATE_UNKNOWN_VARIABLE', 'source', `Unknown variable {${el.value}}; available: ${known}`), variable: el.value, offset };
    }
    const wrongUse = (why: string): TemplateError => ({
      ...fail('TEMPLATE_ARGUMENT_TYPE', 'source', `{${el.value}} ${why}`),
      variable: el.value,
      offset,
    });
    switch (el.type) {
      case ELEMENT.argument:
        if (kind.type === 'select') return wrongUse('is a choice: use it in a select, it cannot be printed');
        break;
      case ELEMENT.number:
        if (kind.type !== 'number') return wrongUse('is not a number');
        break;
      case ELEMENT.date:
      case ELEMENT.time:
        return wrongUse('cannot be formatted as a date or time: dates arrive already formatted for the language');
      case ELEMENT.tag:
        return wrongUse('is a tag: templates are plain text');
      case ELEMENT.select: {
        if (kind.type !== 'select') return wrongUse(`is not a choice; choices are ${choiceNames(variables)}`);
        const unknown = Object.keys(el.options).find((o) => o !== 'other' && !kind.options.includes(o));
        if (unknown !== undefined) {
          return {
            ...fail('TEMPLATE_UNKNOWN_OPTION', 'source', `{${el.value}} has no option "${unknown}"; options: ${kind.options.join(', ')}, other`),
            variable: el.value,
            option: unknown,
            offset,
          };
        }
        for (const option of Object.values(el.options)) {
          const inner = checkElements(option.value, variables);
          if (inner) return inner;
        }
        break;
      }
      case ELEMENT.plural: {
        if (kind.type !== 'number') return wrongUse('is not a number and cannot take plural forms');
        const unknown = Object.keys(el.options).find((o) => !PLURAL_CATEGORIES.has(o) && !/^=\d+$/u.test(o));
        if (unknown !== undefined) {
          return {
            ...fail('TEMPLATE_UNKNOWN_OPTION', 'source', `{${el.value}} has no plural form "${unknown}"; forms: zero, one, two, few, many, other, =N`),
            variable: el.value,
            option: unknown,
            offset,
          };
        }
        for (const option of Object.values(el.options)) {
          const inner = checkElements(option.value, variables);
          if (inner) return inner;
        }
        break;
      }
    }
  }
  return undefined;
}

function choiceNames(variables: ReadonlyMap<string, VariableKind>): string {
  return [...variables].filter(([, kind]) => kind.type === 'select').map(([name]) => name).join(', ');
}

/**
 * The values an SMS must survive: a 12-character invoice number, a 12-digit amount in the locale's home
 * currency, a 40-character portal link, the longest date spelling ("28 Sept 2025"), one invoice and 21.
 */
function worstCaseSmsVars(locale: Locale, invoiceCount: number): MessageVars {
  const currency = LOCALE_PROFILES[locale].homeCurrency;
  return {
    asOf: date('2025-09-28'),
    customerName: '',
    organizationName: 'Northwind Trading Company Ltd.',
    invoices: Array.from({ length: invoiceCount }, (_, i) => ({
      number: `INV-${String(i + 1).padStart(8, '0')}`,
      issueDate: date('2025-08-27'),
      dueDate: date('2025-09-27'),
      balance: money(1, currency),
    })),
    totalDue: [money(999_999_999_999, currency)],
    portalUrl: 'https://pay.example.com/p/AbCdEfGhIjKlMn',
    paymentReference: 'RF18539007547034',
    bankDetails: '',
    replyTo: 'accounts@northwind.example',
    deadline: date('2025-09-30'),
  };
}

function checkSmsFits(key: TemplateKey, locale: Locale, source: string): TemplateValidation {
  const tone = TONES.find((t) => key === `reminder.${t}.sms`);
  for (const count of [1, 21]) {
    const context = messageContext(worstCaseSmsVars(locale, count), locale, { channel: 'sms', tone });
    const text = smsText(source, locale, context.values, 'minimal', '');
    const size = smsSize(text);
    if (size.segments > 1) {
      return fail(
        'TEMPLATE_SMS_TOO_LONG',
        'source',
        `At minimal detail the SMS is ${size.units} ${size.encoding} units with the longest values, over the ${SMS_SINGLE_LIMIT[size.encoding]} of one segment`,
      );
    }
  }
  return { ok: true, key, locale };
}

function fail(code: TemplateErrorCode, field: TemplateError['field'], message: string): TemplateError {
  return { ok: false, code, field, message };
}

function quote(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : typeof value;
}
