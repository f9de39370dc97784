export { renderMessage } from './render-message.ts';
export type {
  MessageRequest,
  ReminderRequest,
  InvoiceEmailRequest,
  ReceiptEmailRequest,
  RenderResult,
  RenderedMessage,
  RenderedEmail,
  RenderedLetter,
  RenderedSms,
} from './render-message.ts';
export { validateTemplate, MAX_TEMPLATE_LENGTH } from './validate-template.ts';
export type { TemplateValidation, TemplateError, TemplateErrorCode } from './validate-template.ts';
export { DEFAULT_NOTICE_DAYS } from './message-values.ts';
export type { MessageVars, MessageInvoice, EarlyDiscount, PaymentReceived } from './message-values.ts';
export type { MessageBlock } from './compose-blocks.ts';
export { CATALOGUES } from './catalogue.ts';
export { LOCALES, isLocale, type Locale } from './locales.ts';
export { TEMPLATE_KEYS, TONES, CHANNELS, isTemplateKey, variablesFor } from './template-keys.ts';
export type { TemplateKey, Tone, Channel, Catalogue, TemplateOverrides, VariableKind } from './template-keys.ts';
export { formatMoney, formatMoneyList, formatDate } from './format-values.ts';
export { isGsm7, smsSize, toGsm7, SMS_SINGLE_LIMIT } from './sms.ts';
export type { SmsSize, SmsEncoding } from './sms.ts';
