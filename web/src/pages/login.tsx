import { type FormEvent, useState } from 'react';
import { api, ApiError, setCsrfToken } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { ForgotPassword } from './account-links.tsx';
import { useI18n } from '../i18n/i18n.tsx';

export function LoginPage({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [forgot, setForgot] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await api.post<Me>('/auth/login', { email, password });
      setCsrfToken(answer.csrfToken);
      onSignedIn();
    } catch (err) {
      setError(err instanceof ApiError && err.status === 429 ? t('login.locked') : err instanceof ApiError && err.status === 401 ? t('login.failed') : err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="login">
      <div className="card login-card">
        <div className="brand" style={{ color: 'var(--text)', padding: 0 }}>
          <span className="brand-mark" aria-hidden="true">
            <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="#fff" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round"><path d="M5 13l4 4 10-11" /></svg>
          </span>
          {t('app.name')}
        </div>
        <h1>{t('login.title')}</h1>
        <p className="muted">{t('app.tagline')}</p>
        {forgot ? <ForgotPassword onBack={() => setForgot(false)} /> : (
        <form onSubmit={submit}>
          <label className="field">
            <span>{t('login.email')}</span>
            <input className="input" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('login.password')}</span>
            <input className="input" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
          {error && <div className="notice error" role="alert">{error}</div>}
          <button className="btn primary" type="submit" disabled={busy}>{busy ? t('login.submitting') : t('login.submit')}</button>
          <button type="button" className="linkish muted" onClick={() => setForgot(true)}>{t('account.forgot')}</button>
        </form>
        )}
        <div className="login-foot">
          <span>
            {t('login.apiHint')} <a href="/api">{t('login.apiLink')}</a>
          </span>
          <LanguageSwitch />
        </div>
      </div>
    </main>
  );
}
