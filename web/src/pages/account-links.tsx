import { type FormEvent, type ReactNode, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError, setCsrfToken } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { useI18n } from '../i18n/i18n.tsx';

/** The single-use token of an emailed link: it rides after "#", so it never reaches a server log. */
function tokenFromHash(): string {
  return new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
}

export function AccountCard({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <main className="login">
      <div className="card login-card">
        <div className="brand" style={{ color: 'var(--text)', padding: 0 }}>
          <span className="brand-mark" aria-hidden="true">
            <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="#fff" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round"><path d="M5 13l4 4 10-11" /></svg>
          </span>
          {t('app.name')}
        </div>
        <h1>{title}</h1>
        {children}
        <div className="login-foot">
          <span />
          <LanguageSwitch />
        </div>
      </div>
    </main>
  );
}

function usePasswordForm(submit: (password: string, name: string) => Promise<void>) {
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await submit(password, name.trim());
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return { password, setPassword, name, setName, busy, error, onSubmit };
}

/** /accept-invitation#token=…: choose a password and join the organization, signed in. */
export function AcceptInvitationPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const form = usePasswordForm(async (password, name) => {
    const answer = await api.post<Me>('/auth/invitations/accept', { token: tokenFromHash(), password, ...(name ? { name } : {}) });
    setCsrfToken(answer.csrfToken);
    navigate('/', { replace: true });
  });
  return (
    <AccountCard title={t('account.joinTitle')}>
      <p className="muted">{t('account.joinHelp')}</p>
      <form onSubmit={form.onSubmit}>
        <label className="field">
          <span>{t('account.name')}</span>
          <input className="input" autoComplete="name" value={form.name} onChange={(e) => form.setName(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('account.newPassword')}</span>
          <input className="input" type="password" autoComplete="new-password" required minLength={10} value={form.password} onChange={(e) => form.setPassword(e.target.value)} />
        </label>
        {form.error && <div className="notice error" role="alert">{form.error}</div>}
        <button className="btn primary" type="submit" disabled={form.busy}>{t('account.join')}</button>
      </form>
    </AccountCard>
  );
}

/** /reset-password#token=…: set a new password; every session of the account ends. */
export function ResetPasswordPage() {
  const { t } = useI18n();
  const [done, setDone] = useState(false);
  const form = usePasswordForm(async (password) => {
    await api.post('/auth/password-reset/confirm', { token: tokenFromHash(), password });
    setDone(true);
  });
  return (
    <AccountCard title={t('account.resetTitle')}>
      {done ? (
        <>
          <div className="notice success" role="status">{t('account.resetDone')}</div>
          <a className="btn primary" href="/">{t('login.submit')}</a>
        </>
      ) : (
        <form onSubmit={form.onSubmit}>
          <label className="field">
            <span>{t('account.newPassword')}</span>
            <input className="input" type="password" autoComplete="new-password" required minLength={10} value={form.password} onChange={(e) => form.setPassword(e.target.value)} />
          </label>
          {form.error && <div className="notice error" role="alert">{form.error}</div>}
          <button className="btn primary" type="submit" disabled={form.busy}>{t('common.save')}</button>
        </form>
      )}
    </AccountCard>
  );
}

/** "Forgot your password?": the answer is the same whether or not the address has an account. */
export function ForgotPassword({ onBack }: { onBack: () => void }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api.post('/auth/password-reset/request', { email });
      setSent(true);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return sent ? (
    <div className="stack" style={{ marginTop: 18, gap: 12 }}>
      <div className="notice success" role="status">{t('account.resetSent')}</div>
      <button type="button" className="linkish" onClick={onBack}>{t('account.backToSignIn')}</button>
    </div>
  ) : (
    <form onSubmit={submit}>
      <p className="muted">{t('account.forgotHelp')}</p>
      <label className="field">
        <span>{t('login.email')}</span>
        <input className="input" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
      </label>
      {error && <div className="notice error" role="alert">{error}</div>}
      <button className="btn primary" type="submit">{t('account.sendLink')}</button>
      <button type="button" className="linkish" onClick={onBack}>{t('account.backToSignIn')}</button>
    </form>
  );
}
