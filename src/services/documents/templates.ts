import { renderLetterPdf } from '../../documents/pdf/index.ts';
import {
  CATALOGUES,
  isLocale,
  isTemplateKey,
  renderMessage,
  TONES,
  validateTemplate,
  type Channel,
  type Locale,
  type MessageRequest,
  type RenderedLetter,
  type RenderResult,
  type TemplateKey,
  type TemplateOverrides,
  type Tone,
} from '../../documents/templates/index.ts';
import { money } from '../../domain/money.ts';
import { failure, success, type Result } from '../../domain/result.ts';
import { inOrgResult, type Db } from '../../db/connection.ts';
import { findCustomer, listContacts } from '../../db/repositories/customers.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import { findOrganization } from '../../db/repositories/organizations.ts';
import { findLogo } from '../../db/repositories/settings.ts';
import { deleteTemplateOverride, findTemplateOverride, listTemplateOverrides, upsertTemplateOverride, type TemplateOverrideRow } from '../../db/repositories/templates.ts';
import { newId } from '../../db/ids.ts';
import { nowDate, todayIn, type Ctx } from '../context.ts';
import { loadInvoiceBundle } from './invoice-document.ts';
import { invoiceMessageVars } from './message-vars.ts';
import { addressee, buyerOf, documentLocale, sellerOf } from './parties.ts';

export interface TemplateView {
  readonly key: TemplateKey;
  readonly locale: Locale;
  /** The organization's text when it has one, else the built-in one. */
  readonly source: string;
  readonly overridden: boolean;
  readonly defaultSource: string;
  readonly updatedAt: Date | null;
}

function view(key: TemplateKey, locale: Locale, row: TemplateOverrideRow | undefined): TemplateView {
  const defaultSource = CATALOGUES[locale][key];
  return { key, locale, source: row?.source ?? defaultSource, overridden: row !== undefined, defaultSource, updatedAt: row?.updatedAt ?? null };
}

function checkAddress(key: string, locale: string): Result<{ key: TemplateKey; locale: Locale }> {
  if (!isTemplateKey(key)) return failure('TEMPLATE_UNKNOWN_KEY', `Unknown template key ${JSON.stringify(key.slice(0, 80))}`, 'key');
  if (!isLocale(locale)) return failure('TEMPLATE_UNKNOWN_LOCALE', `Unsupported locale ${JSON.stringify(locale.slice(0, 20))}`, 'locale');
  return success({ key, locale });
}

/** The organization's overrides as renderMessage takes them, for one language. */
export async function organizationOverrides(db: Db, orgId: string, locale: Locale): Promise<TemplateOverrides> {
  const rows = await listTemplateOverrides(db, orgId, locale);
  return Object.fromEntries(rows.map((r) => [r.key, r.source]));
}

/**
 * renderMessage with the organization's own wording laid over the catalogue: a drop-in for callers that
 * render customer messages (dunning, invoice and receipt e-mails). Overrides in the request itself win over
 * stored ones, so a caller can still preview a change before saving it.
 */
export async function renderForOrganization(tx: Db, orgId: string, request: MessageRequest): Promise<RenderResult> {
  const stored = await organizationOverrides(tx, orgId, request.locale);
  return renderMessage({ ...request, overrides: { ...stored, ...request.overrides } } as MessageRequest);
}

export async function listTemplates(ctx: Ctx, locale: string | undefined): Promise<Result<TemplateView[]>> {
  if (locale !== undefined && !isLocale(locale)) return failure('TEMPLATE_UNKNOWN_LOCALE', 'Unsupported locale', 'locale');
  const rows = await inOrgResult(ctx.db, ctx.orgId, async (tx) => success(await listTemplateOverrides(tx, ctx.orgId, locale)));
  if (!rows.ok) return rows;
  return success(rows.value.filter((r) => isTemplateKey(r.key) && isLocale(r.locale)).map((r) => view(r.key as TemplateKey, r.locale as Locale, r)));
}

export async function getTemplate(ctx: Ctx, key: string, locale: string): Promise<Result<TemplateView>> {
  const address = checkAddress(key, locale);
  if (!address.ok) return address;
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => success(view(address.value.key, address.value.locale, await findTemplateOverride(tx, ctx.orgId, key, locale))));
}

export async function putTemplate(ctx: Ctx, key: string, locale: string, source: string): Promise<Result<TemplateView>> {
  const check = validateTemplate(key, locale, source);
  if (!check.ok) return failure(check.code, check.message, check.field);
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const before = await findTemplateOverride(tx, ctx.orgId, key, locale, true);
    const now = nowDate(ctx);
    const row = await upsertTemplateOverride(tx, { orgId: ctx.orgId, id: before?.id ?? newId(), key, locale, source, createdAt: before?.createdAt ?? now, updatedAt: now });
    await appendEvents(tx, ctx.orgId, ctx.actor, now, [
      { entityType: 'template', entityId: row.id, action: 'template.saved', before: before ? { key, locale, source: before.source } : null, after: { key, locale, source } },
    ]);
    return success(view(check.key, check.locale, row));
  });
}

export async function deleteTemplate(ctx: Ctx, key: string, locale: string): Promise<Result<TemplateView>> {
  const address = checkAddress(key, locale);
  if (!address.ok) return address;
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const before = await findTemplateOverride(tx, ctx.orgId, key, locale, true);
    if (!before) return failure('TEMPLATE_NOT_FOUND', 'This template has no override to delete: it already uses the built-in text', 'key');
    await deleteTemplateOverride(tx, ctx.orgId, key, locale);
    await appendEvents(tx, ctx.orgId, ctx.actor, nowDate(ctx), [
      { entityType: 'template', entityId: before.id, action: 'template.reset', before: { key, locale, source: before.source } },
    ]);
    return success(view(address.value.key, address.value.locale, undefined));
  });
}

export interface PreviewInput {
  readonly invoiceId: string;
  readonly locale?: string;
  /** Preview the message this template belongs to… */
  readonly key?: string;
  /** …or name the message directly. */
  readonly kind?: 'reminder' | 'invoice' | 'receipt';
  readonly tone?: Tone;
  readonly channel?: Channel;
  /** Unsaved text for `key`, to see it before saving. */
  readonly source?: string;
}

export type Preview =
  | { readonly channel: 'email'; readonly subject: string; readonly html: string; readonly text: string; readonly ignoredOverrides: readonly string[] }
  | { readonly channel: 'sms'; readonly text: string; readonly encoding: string; readonly units: number; readonly ignoredOverrides: readonly string[] }
  | { readonly channel: 'letter'; readonly title: string; readonly date: string; readonly text: string; readonly ignoredOverrides: readonly string[]; readonly pdf?: Buffer };

type MessageKind = { kind: 'reminder'; tone: Tone; channel: Channel } | { kind: 'invoice' | 'receipt'; channel: 'email' };

/** The message a template key appears in: reminder keys name their tone and channel; common keys show in a reminder. */
function messageOf(input: PreviewInput): Result<MessageKind> {
  if (input.key === undefined) {
    const kind = input.kind ?? 'reminder';
    if (kind !== 'reminder') {
      if (input.channel !== undefined && input.channel !== 'email') return failure('PREVIEW_CHANNEL_UNSUPPORTED', `A ${kind} message is sent by email only`, 'channel');
      return success({ kind, channel: 'email' });
    }
    return success({ kind, tone: input.tone ?? 'friendly', channel: input.channel ?? 'email' });
  }
  if (!isTemplateKey(input.key)) return failure('TEMPLATE_UNKNOWN_KEY', 'Unknown template key', 'key');
  const [area, second] = input.key.split('.');
  if (area === 'invoice' || area === 'receipt') return success({ kind: area, channel: 'email' });
  const tone = TONES.find((t) => t === second) ?? input.tone ?? 'friendly';
  const channel: Channel = input.key.endsWith('.sms') ? 'sms' : input.key.includes('.letter.') ? 'letter' : (input.channel ?? 'email');
  return success({ kind: 'reminder', tone, channel });
}

/** Renders a message for a real invoice, with the organization's overrides (and an unsaved draft, if given). */
export async function previewTemplate(ctx: Ctx, input: PreviewInput, options: { pdf: boolean }): Promise<Result<Preview>> {
  const message = messageOf(input);
  if (!message.ok) return message;
  if (input.locale !== undefined && !isLocale(input.locale)) return failure('TEMPLATE_UNKNOWN_LOCALE', 'Unsupported locale', 'locale');
  if (input.source !== undefined) {
    if (input.key === undefined) return failure('VALIDATION_FAILED', 'Name the template key the draft source is for', 'key');
    const check = validateTemplate(input.key, input.locale ?? 'en', input.source);
    if (!check.ok) return failure(check.code, check.message, check.field);
  }
  return inOrgResult<Preview>(ctx.db, ctx.orgId, async (tx) => {
    const loaded = await loadInvoiceBundle(tx, ctx.orgId, input.invoiceId);
    if (!loaded.ok) return loaded;
    const bundle = loaded.value;
    const locale = (input.locale as Locale | undefined) ?? documentLocale(bundle.customer);
    const today = todayIn(ctx, bundle.org.timeZone);
    const vars = invoiceMessageVars(bundle, today, locale);
    const draft = input.source !== undefined && input.key !== undefined ? { [input.key]: input.source } : undefined;
    const base = { locale, vars, ...(draft ? { overrides: draft } : {}) };
    const request: MessageRequest =
      message.value.kind === 'reminder'
        ? { ...base, kind: 'reminder', tone: message.value.tone, channel: message.value.channel }
        : message.value.kind === 'invoice'
          ? { ...base, kind: 'invoice', channel: 'email' }
          : { ...base, kind: 'receipt', channel: 'email', vars: { ...vars, payment: { amount: money(bundle.invoice.amountPaid || bundle.invoice.total, bundle.invoice.currency), receivedOn: today } } };
    const rendered = await renderForOrganization(tx, ctx.orgId, request);
    if (!rendered.ok) return failure(rendered.code, rendered.message, 'source');
    const { message: out, ignoredOverrides } = rendered;
    switch (out.channel) {
      case 'email':
        return success({ channel: 'email', subject: out.subject, html: out.html, text: out.text, ignoredOverrides });
      case 'sms':
        return success({ channel: 'sms', text: out.text, encoding: out.encoding, units: out.units, ignoredOverrides });
      case 'letter': {
        const pdf = options.pdf ? await letterPdf(tx, ctx.orgId, bundle.customer.id, out, nowDate(ctx)) : undefined;
        return success({ channel: 'letter', title: out.title, date: out.date, text: out.text, ignoredOverrides, ...(pdf ? { pdf } : {}) });
      }
    }
  });
}

/**
 * A rendered reminder letter as a PDF on the organization's letterhead, addressed to the customer's billing
 * contact: what the dunning run hands to print-and-post.
 */
export async function letterPdf(db: Db, orgId: string, customerId: string, message: RenderedLetter, createdAt: Date): Promise<Buffer> {
  const [org, customer, contacts, logo] = [await findOrganization(db, orgId), await findCustomer(db, orgId, customerId), await listContacts(db, orgId, [customerId]), await findLogo(db, orgId)];
  if (!org || !customer) throw new Error(`Customer ${customerId} is not in organization ${orgId}`);
  const locale = documentLocale(customer);
  return renderLetterPdf({ locale, seller: sellerOf(org, locale, logo?.data), recipient: buyerOf(customer, locale), contact: addressee(contacts, null), message, createdAt });
}
