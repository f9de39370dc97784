import { formatTemplate, type TemplateValues } from './format-template.ts';
import { LOCALE_PROFILES, type Locale } from './locales.ts';
import { collapseSpaces, fitSms, toGsm7, type SmsDetail, type SmsFit } from './sms.ts';

/** One SMS text at one level of detail, in the alphabet the locale sends SMS in. */
export function smsText(source: string, locale: Locale, values: TemplateValues, detail: SmsDetail, customerName: string): string {
  return inSmsAlphabet(formatTemplate(source, locale, { ...values, detail, customerName }), locale);
}

/** The richest SMS that fits one segment (see fitSms for the order in which it gives things up). */
export function renderSms(source: string, locale: Locale, values: TemplateValues): SmsFit {
  const name = inSmsAlphabet(String(values.customerName ?? ''), locale);
  return fitSms((detail, customerName) => smsText(source, locale, values, detail, customerName), name);
}

function inSmsAlphabet(text: string, locale: Locale): string {
  return LOCALE_PROFILES[locale].smsAlphabet === 'gsm7' ? toGsm7(text) : collapseSpaces(text);
}
