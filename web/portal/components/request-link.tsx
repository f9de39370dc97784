import { type FormEvent, useState } from 'react';
import { PortalError, send } from '../api.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** The portal's entry page: no usable link, so the customer asks for a fresh one by email. */
export function RequestLink({ invalid }: { invalid: boolean }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [state, setState] = useState<'idle' | 'busy' | 'sent' | 'error' | 'limited'>('idle');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setState('busy');
    try {
      await send(null, 'POST', '/request-link', { email });
      setState('sent');
    } catch (err) {
      setState(err instanceof PortalError && err.status === 429 ? 'limited' : 'error');
    }
  };
  return (
    <section className="card request">
      <h1>{t('request.title')}</h1>
      {invalid && <p className="danger-text">{t('request.invalid')}</p>}
      {state === 'sent' ? (
        <p className="good" role="status">
          {t('request.done')}
        </p>
      ) : (
        <form className="form" onSubmit={(e) => void submit(e)}>
          <p className="muted">{t('request.body')}</p>
          <label className="field">
            <span>{t('request.email')}</span>
            <input type="email" autoComplete="email" required maxLength={320} value={email} onChange={(e) => setEmail(e.target.value)} />
          </label>
          {state === 'error' && <p className="form-error">{t('portal.error')}</p>}
          {state === 'limited' && <p className="form-error">{t('portal.rateLimited')}</p>}
          <button type="submit" className="button primary wide" disabled={state === 'busy'}>
            {t('request.send')}
          </button>
        </form>
      )}
    </section>
  );
}
