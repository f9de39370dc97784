import { CATALOGUES } from './catalogue.ts';
import { composeBlocks, subjectKey, type MessageBlock, type MessageSpec } from './compose-blocks.ts';
import { emailHtml, plainText } from './email-layout.ts';
import { formatTemplate } from './format-template.ts';
import type { Locale } from './locales.ts';
import { messageContext, type MessageVars, type PaymentReceived } from './message-values.ts';
import { renderSms } from './render-sms.ts';
import { singleLine } from './sanitize-text.ts';
import type { SmsDetail, SmsEncoding } from './sms.ts';
import type { Catalogue, Channel, TemplateKey, TemplateOverrides, Tone } from './template-keys.ts';
import { validateTemplate } from './validate-template.ts';

interface RequestBase {
  readonly locale: Locale;
  readonly vars: MessageVars;
  /** The organization's own templates for this locale, keyed like the catalogue. */
  readonly overrides?: TemplateOverrides;
}

export interface ReminderRequest extends RequestBase {
  readonly kind: 'reminder';
  readonly tone: Tone;
  readonly channel: Channel;
}

/** "Here is your invoice." */
export interface InvoiceEmailRequest extends RequestBase {
  readonly kind: 'invoice';
  readonly channel: 'email';
}

/** "Payment received, thank you." `vars.invoices` are the invoices the payment settled, with what is left on each. */
export interface ReceiptEmailRequest extends RequestBase {
  readonly kind: 'receipt';
  readonly channel: 'email';
  readonly vars: MessageVars & { readonly payment: PaymentReceived };
}

export type MessageRequest = ReminderRequest | InvoiceEmailRequest | ReceiptEmailRequest;

export interface RenderedEmail {
  readonly channel: 'email';
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

/** A printed letter: the PDF lays out the title, the date and the blocks (paragraphs and the invoice table). */
export interface RenderedLetter {
  readonly channel: 'letter';
  readonly title: string;
  readonly date: string;
  readonly blocks: readonly MessageBlock[];
  readonly text: string;
}

export interface RenderedSms {
  readonly channel: 'sms';
  readonly text: string;
  readonly encoding: SmsEncoding;
  readonly units: number;
  /** How much had to be left out to fit one segment. */
  readonly detail: SmsDetail;
  readonly nameTruncated: boolean;
}

export type RenderedMessage = RenderedEmail | RenderedLetter | RenderedSms;

export type RenderResult =
  | {
      readonly ok: true;
      readonly message: RenderedMessage;
      /** Override keys that failed validation and were replaced by the catalogue text (worth a warning). */
      readonly ignoredOverrides: readonly string[];
    }
  | { readonly ok: false; readonly code: 'SMS_TOO_LONG'; readonly message: string };

/**
 * Render one message. Pure: the same request gives the same output. An SMS whose shortest form still
 * exceeds one segment is refused with SMS_TOO_LONG; everything else renders. Calling it without invoices
 * for a reminder or an invoice email, or with a non-http(s) portal link, is a programming error and throws.
 */
export function renderMessage(request: MessageRequest): RenderResult {
  const { locale, vars } = request;
  if (request.kind !== 'receipt' && vars.invoices.length === 0) {
    throw new RangeError(`A ${request.kind} message needs at least one invoice`);
  }
  const { catalogue, ignoredOverrides } = effectiveCatalogue(locale, request.overrides);
  const t = (key: TemplateKey, values: Parameters<typeof formatTemplate>[2]) => formatTemplate(catalogue[key], locale, values);
  const spec: MessageSpec = request.kind === 'reminder' ? { kind: 'reminder', tone: request.tone } : { kind: request.kind };
  const tone = request.kind === 'reminder' ? request.tone : undefined;
  const context = messageContext(vars, locale, { channel: request.channel, tone });
  const ok = (message: RenderedMessage): RenderResult => ({ ok: true, message, ignoredOverrides });

  if (request.kind === 'reminder' && request.channel === 'sms') {
    const fit = renderSms(catalogue[`reminder.${request.tone}.sms`], locale, context.values);
    if (!fit.ok) return { ok: false, code: fit.code, message: fit.message };
    const { text, detail, nameTruncated, size } = fit;
    return ok({ channel: 'sms', text, encoding: size.encoding, units: size.units, detail, nameTruncated });
  }
  const blocks = composeBlocks(spec, context, t);
  if (request.kind === 'reminder' && request.channel === 'letter') {
    const title = singleLine(t(`reminder.${request.tone}.letter.title`, context.values));
    return ok({ channel: 'letter', title, date: context.date, blocks, text: [title, context.date, plainText(blocks)].join('\n\n') });
  }
  const subject = singleLine(t(subjectKey(spec), context.values));
  return ok({
    channel: 'email',
    subject,
    html: emailHtml({ lang: locale, subject, blocks, portalUrl: context.portalUrl }),
    text: plainText(blocks),
  });
}

/** The catalogue with the organization's valid overrides laid over it. */
export function effectiveCatalogue(
  locale: Locale,
  overrides: TemplateOverrides | undefined,
): { catalogue: Catalogue; ignoredOverrides: string[] } {
  const base = CATALOGUES[locale];
  if (!overrides) return { catalogue: base, ignoredOverrides: [] };
  const merged: Record<TemplateKey, string> = { ...base };
  const ignoredOverrides: string[] = [];
  for (const [key, source] of Object.entries(overrides)) {
    const check = validateTemplate(key, locale, source);
    if (check.ok) merged[check.key] = source as string;
    else ignoredOverrides.push(key);
  }
  return { catalogue: merged, ignoredOverrides };
}
