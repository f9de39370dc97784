import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { TEMPLATE_KEYS, type TemplateKey, variablesFor } from '../../../../src/documents/templates/template-keys.ts';
import { api, ApiError } from '../../api/client.ts';
import { useChange } from '../../api/mutations.ts';
import type { Invoice, Page } from '../../api/types.ts';
import { ErrorNotice, Loading } from '../../components/feedback.tsx';
import { Field, placeError } from '../../components/field.tsx';
import { useDebounced } from '../../components/use-debounced.ts';
import type { MessageKey } from '../../i18n/en.ts';
import { type I18n, useI18n } from '../../i18n/i18n.tsx';
import { isLocale, LOCALE_NAMES, LOCALES, type Locale } from '../../i18n/locales.ts';
import { useSession } from '../../session.tsx';

interface Template {
  key: string;
  locale: string;
  source: string;
  overridden: boolean;
  defaultSource: string;
}

type Preview =
  | { channel: 'email'; subject: string; text: string; ignoredOverrides: string[] }
  | { channel: 'sms'; text: string; encoding: string; units: number; ignoredOverrides: string[] }
  | { channel: 'letter'; title: string; text: string; ignoredOverrides: string[] };

/** The group a key is listed under: parts shared by every message, every reminder, one tone, invoice or receipt e-mails. */
function groupOf(t: I18n['t'], key: TemplateKey): string {
  const [area, second] = key.split('.') as [string, string];
  if (area === 'reminder') return second === 'alreadyPaid' ? t('templates.group.reminders') : t('templates.group.tone', { tone: t(`tone.${second}` as MessageKey) });
  return t(`templates.group.${area}` as MessageKey);
}

/** "reminder.firm.email.subject" → "Email subject": the part of the message the key words. */
function partOf(t: I18n['t'], key: TemplateKey): string {
  const [area, ...rest] = key.split('.');
  const part = (area === 'reminder' && rest.length > 1 ? rest.slice(1) : rest).join('.');
  const label = t(`templates.part.${part}` as MessageKey);
  return label === `templates.part.${part}` ? key : label;
}

function PreviewPane({ preview }: { preview: Preview }) {
  const { t } = useI18n();
  return (
    <div className="stack" style={{ gap: 8 }} aria-label={t('templates.preview')} role="region">
      {preview.channel === 'email' && <div className="primary">{preview.subject}</div>}
      {preview.channel === 'letter' && <div className="primary">{preview.title}</div>}
      <div className="tl-body">{preview.text}</div>
      {preview.channel === 'sms' && <p className="subtle">{t('templates.smsSize', { units: preview.units, encoding: preview.encoding })}</p>}
      {preview.ignoredOverrides.length > 0 && <div className="notice warning">{t('templates.ignored', { keys: preview.ignoredOverrides.join(', ') })}</div>}
    </div>
  );
}

/**
 * One template in one language: its text on the left, and on the right the message it appears in, rendered
 * by the server for a real invoice as the text is typed; the server's check of the text shows under it.
 */
function TemplateEditor({ templateKey, locale, invoiceId }: { templateKey: TemplateKey; locale: Locale; invoiceId: string | null }) {
  const { t } = useI18n();
  const session = useSession();
  const editable = session.can('settings:write');
  const template = useQuery({ queryKey: ['templates', templateKey, locale], queryFn: () => api.get<Template>(`/templates/${templateKey}/${locale}`) });
  const [draft, setDraft] = useState<string | null>(null);
  const save = useChange((source: string) => api.put<Template>(`/templates/${templateKey}/${locale}`, { source }), () => setDraft(null));
  const reset = useChange(() => api.delete<Template>(`/templates/${templateKey}/${locale}`), () => setDraft(null));
  const source = draft ?? template.data?.source ?? '';
  const body = useDebounced(JSON.stringify({ invoiceId, locale, key: templateKey, ...(draft === null ? {} : { source: draft }) }), 300);
  const preview = useQuery({
    queryKey: ['template-preview', body],
    queryFn: () => api.post<Preview>('/templates/preview', JSON.parse(body)),
    enabled: invoiceId !== null && template.isSuccess,
    placeholderData: (previous) => previous,
    retry: false,
  });
  // While the draft cannot be rendered, the last message that could stays in view, with the reason under the text.
  const [lastGood, setLastGood] = useState<Preview | null>(null);
  useEffect(() => {
    if (preview.data) setLastGood(preview.data);
  }, [preview.data]);
  if (template.isPending) return <Loading />;
  if (template.error) return <ErrorNotice error={template.error} />;
  // A draft the server cannot render says why under the text, like a refused save.
  const refused = placeError(save.error ?? reset.error ?? (preview.error instanceof ApiError && preview.error.field === 'source' ? preview.error : null), ['source']);
  const changed = draft !== null && draft !== template.data.source;
  const shown = preview.data ?? lastGood;
  return (
    <div className="grid grid-2">
      <div className="stack" style={{ gap: 10 }}>
        <div>{template.data.overridden ? <span className="badge blue">{t('templates.customised')}</span> : <span className="badge">{t('templates.builtIn')}</span>}</div>
        <Field label={t('templates.text')} error={refused.at('source')}>
          {(p) => (
            <textarea
              {...p}
              className="input"
              rows={8}
              value={source}
              readOnly={!editable}
              onChange={(e) => {
                setDraft(e.target.value);
                save.reset();
              }}
            />
          )}
        </Field>
        <p className="subtle">
          {t('templates.variables')} {[...variablesFor(templateKey).keys()].map((v) => <code key={v}>{`{${v}}`} </code>)}
        </p>
        {refused.notice}
        {editable && (
          <div className="actions">
            <button type="button" className="btn primary" disabled={!changed || save.isPending} onClick={() => save.mutate(source)}>{t('common.save')}</button>
            {changed && (
              <button
                type="button"
                className="btn"
                onClick={() => {
                  setDraft(null);
                  save.reset();
                }}
              >
                {t('templates.discard')}
              </button>
            )}
            {template.data.overridden && <button type="button" className="btn danger" disabled={reset.isPending} onClick={() => reset.mutate(undefined)}>{t('templates.reset')}</button>}
          </div>
        )}
      </div>
      <div className="stack" style={{ gap: 10 }}>
        <h3>{t('templates.preview')}</h3>
        {invoiceId === null ? (
          <p className="muted">{t('templates.noInvoice')}</p>
        ) : shown ? (
          <PreviewPane preview={shown} />
        ) : preview.error && !(preview.error instanceof ApiError && preview.error.field === 'source') ? (
          <ErrorNotice error={preview.error} />
        ) : (
          preview.isFetching && <Loading />
        )}
      </div>
    </div>
  );
}

/** The wording of the messages customers receive, per language: the built-in text or the organization's own. */
export function MessageTemplates() {
  const { t } = useI18n();
  const session = useSession();
  const [locale, setLocale] = useState<Locale>(isLocale(session.organization.locale) ? session.organization.locale : 'en');
  const [key, setKey] = useState<TemplateKey>('reminder.friendly.intro');
  const [invoiceId, setInvoiceId] = useState<string | null>(null);
  const overrides = useQuery({ queryKey: ['templates', locale], queryFn: () => api.get<{ data: Template[] }>('/templates', { locale }) });
  const invoices = useQuery({
    queryKey: ['invoices', 'template-samples'],
    queryFn: () => api.get<Page<Invoice>>('/invoices', { status: ['open', 'partially_paid'], limit: 20 }),
  });
  const customised = new Set((overrides.data?.data ?? []).map((o) => o.key));
  const groups = new Map<string, TemplateKey[]>();
  for (const k of TEMPLATE_KEYS) groups.set(groupOf(t, k), [...(groups.get(groupOf(t, k)) ?? []), k]);
  const sample = invoiceId ?? invoices.data?.data[0]?.id ?? null;
  return (
    <section className="card">
      <div className="card-head">
        <h2>{t('templates.title')}</h2>
        <p>{t('templates.help')}</p>
      </div>
      <div className="card-body stack">
        <div className="form-grid">
          <Field label={t('templates.language')}>
            {(p) => (
              <select {...p} className="input" value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
                {LOCALES.map((l) => <option key={l} value={l}>{LOCALE_NAMES[l]}</option>)}
              </select>
            )}
          </Field>
          <Field label={t('templates.template')}>
            {(p) => (
              <select {...p} className="input" value={key} onChange={(e) => setKey(e.target.value as TemplateKey)}>
                {[...groups].map(([group, keys]) => (
                  <optgroup key={group} label={group}>
                    {keys.map((k) => <option key={k} value={k}>{partOf(t, k)}{customised.has(k) ? ` · ${t('templates.customised')}` : ''}</option>)}
                  </optgroup>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('templates.sample')}>
            {(p) => (
              <select {...p} className="input" value={sample ?? ''} disabled={!invoices.data?.data.length} onChange={(e) => setInvoiceId(e.target.value)}>
                {(invoices.data?.data ?? []).map((i) => <option key={i.id} value={i.id}>{i.number}</option>)}
              </select>
            )}
          </Field>
        </div>
        {overrides.error && <ErrorNotice error={overrides.error} />}
        {invoices.isPending ? <Loading /> : <TemplateEditor key={`${key} ${locale}`} templateKey={key} locale={locale} invoiceId={sample} />}
      </div>
    </section>
  );
}
