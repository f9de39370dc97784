import { ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function Loading() {
  const { t } = useI18n();
  return <div className="loading" role="status">{t('common.loading')}</div>;
}

/** An API failure in words: the server's message names the field, so it is shown as it is. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const message = error instanceof ApiError && error.status === 403 ? t('common.forbidden') : t('common.error', { message: error instanceof Error ? error.message : String(error) });
  return (
    <div className="notice error" role="alert">
      {message}
      {onRetry && (
        <>
          {' '}
          <button type="button" className="linkish" onClick={onRetry}>{t('common.retry')}</button>
        </>
      )}
    </div>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return <div className="empty">{children}</div>;
}
