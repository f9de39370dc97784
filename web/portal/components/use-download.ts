import { download } from '../api.ts';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * Fetches a file for the customer. One the server refuses (an e-invoice missing data only the seller can add)
 * is said in the customer's language, naming who to write to, rather than dropped silently.
 */
export function useDownload(token: string, organization: string, notify: (message: string) => void): (path: string) => void {
  const { t } = useI18n();
  return (path) => void download(token, path).catch(() => notify(t('invoice.downloadFailed', { org: organization })));
}
