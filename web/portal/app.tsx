import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { isLocale, LOCALE_NAMES, LOCALES, type Locale, preferredLocale } from '../src/i18n/locales.ts';
import { forgetToken, getJson, PortalError, portalToken } from './api.ts';
import { InvoicePage, startPayment } from './components/invoice-page.tsx';
import { OverviewPage } from './components/overview-page.tsx';
import { RequestLink } from './components/request-link.tsx';
import { I18nProvider, useI18n } from './i18n/i18n.tsx';
import type { Overview } from './types.ts';

const LOCALE_KEY = 'punctual.portal.locale';

/** The invoice shown is in the address (?invoice=…), so the back button and a reload keep it; the token stays in the fragment. */
function invoiceInAddress(): string | null {
  return new URLSearchParams(window.location.search).get('invoice');
}

function go(invoiceId: string | null): void {
  const search = invoiceId ? `?invoice=${encodeURIComponent(invoiceId)}` : '';
  window.history.pushState(null, '', `${window.location.pathname}${search}${window.location.hash}`);
}

/** What Stripe's return address says (?paid=… or ?cancelled=…), read once and then removed from the address. */
function takeReturnNotice(): 'paid' | 'cancelled' | null {
  const params = new URLSearchParams(window.location.search);
  const notice = params.has('paid') ? 'paid' : params.has('cancelled') ? 'cancelled' : null;
  if (notice) window.history.replaceState(null, '', `${window.location.pathname}${window.location.hash}`);
  return notice;
}

function LanguageSelect({ locale, onChange }: { locale: Locale; onChange: (l: Locale) => void }) {
  const { t } = useI18n();
  return (
    <label className="language">
      <span className="visually-hidden">{t('portal.language')}</span>
      <select value={locale} onChange={(e) => isLocale(e.target.value) && onChange(e.target.value)}>
        {LOCALES.map((l) => (
          <option key={l} value={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}

function Portal({ token, locale, setLocale }: { token: string | null; locale: Locale | null; setLocale: (l: Locale) => void }) {
  const [invoiceId, setInvoiceId] = useState(invoiceInAddress);
  const [notice, setNotice] = useState<string | null>(null);
  const [returned] = useState(takeReturnNotice);
  const query = useQuery({
    queryKey: ['overview'],
    queryFn: () => getJson<Overview>(token!, '/overview'),
    enabled: token !== null,
    retry: (count, error) => !(error instanceof PortalError && error.status < 500) && count < 2,
  });
  const customerLocale = query.data && isLocale(query.data.customer.locale) ? query.data.customer.locale : null;
  const shown = locale ?? customerLocale ?? preferredLocale(navigator.languages);

  useEffect(() => {
    const onPop = () => setInvoiceId(invoiceInAddress());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  useEffect(() => {
    document.documentElement.lang = shown;
  }, [shown]);
  const open = useCallback((id: string | null) => {
    go(id);
    setInvoiceId(id);
    setNotice(null);
    window.scrollTo(0, 0);
  }, []);
  const invalid = query.error instanceof PortalError && query.error.code === 'PORTAL_LINK_INVALID';
  useEffect(() => {
    if (invalid) forgetToken();
  }, [invalid]);

  return (
    <I18nProvider locale={shown}>
      <Frame overview={query.data} locale={shown} setLocale={setLocale}>
        {returned && <Banner kind={returned === 'paid' ? 'good' : 'info'} messageKey={returned === 'paid' ? 'return.paid' : 'return.cancelled'} />}
        {notice && (
          <p className="banner good" role="status">
            {notice}
          </p>
        )}
        {token === null || invalid ? (
          <RequestLink invalid={invalid} />
        ) : query.isPending ? (
          <Loading />
        ) : query.isError ? (
          <Failed rateLimited={query.error instanceof PortalError && query.error.status === 429} retry={() => void query.refetch()} />
        ) : invoiceId ? (
          <InvoicePage token={token} overview={query.data} invoiceId={invoiceId} onBack={() => open(null)} onPay={(ids) => void startPayment(token, ids)} notify={setNotice} />
        ) : (
          <OverviewPage token={token} overview={query.data} onOpen={open} onPay={(ids) => void startPayment(token, ids)} notify={setNotice} />
        )}
      </Frame>
    </I18nProvider>
  );
}

function Frame({ overview, locale, setLocale, children }: { overview: Overview | undefined; locale: Locale; setLocale: (l: Locale) => void; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="page">
      <header className="top">
        <div>
          <p className="org">{overview ? t('portal.title', { org: overview.organization.name }) : 'Punctual'}</p>
          {overview && <p className="muted small">{t('portal.for', { customer: overview.customer.name })}</p>}
        </div>
        <LanguageSelect locale={locale} onChange={setLocale} />
      </header>
      <main>{children}</main>
      <footer className="foot">{t('portal.secure')}</footer>
    </div>
  );
}

function Banner({ kind, messageKey }: { kind: 'good' | 'info'; messageKey: 'return.paid' | 'return.cancelled' }) {
  const { t } = useI18n();
  return (
    <p className={`banner ${kind}`} role="status">
      {t(messageKey)}
    </p>
  );
}

function Loading() {
  const { t } = useI18n();
  return <p className="muted pad">{t('portal.loading')}</p>;
}

function Failed({ rateLimited, retry }: { rateLimited: boolean; retry: () => void }) {
  const { t } = useI18n();
  return (
    <section className="card">
      <p className="form-error">{rateLimited ? t('portal.rateLimited') : t('portal.error')}</p>
      <button type="button" className="button secondary" onClick={retry}>
        {t('portal.retry')}
      </button>
    </section>
  );
}

export function App() {
  const [token] = useState(portalToken);
  const [locale, setLocaleState] = useState<Locale | null>(() => {
    const kept = localStorage.getItem(LOCALE_KEY);
    return isLocale(kept) ? kept : null;
  });
  const setLocale = (l: Locale) => {
    localStorage.setItem(LOCALE_KEY, l);
    setLocaleState(l);
  };
  return <Portal token={token} locale={locale} setLocale={setLocale} />;
}
