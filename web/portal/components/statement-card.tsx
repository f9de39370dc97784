import { useQuery } from '@tanstack/react-query';
import { getJson } from '../api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { Statement } from '../types.ts';
import { useDownload } from './use-download.ts';

/** The statement of account: what is owed today by age, per currency, and the PDF to keep. */
export function StatementCard({ token, organization, notify }: { token: string; organization: string; notify: (message: string) => void }) {
  const { t, money } = useI18n();
  const fetchFile = useDownload(token, organization, notify);
  const query = useQuery({ queryKey: ['statement'], queryFn: () => getJson<Statement>(token, '/statement') });
  const label = (b: Statement['sections'][number]['aging'][number]) =>
    b.fromDay === null ? t('statement.notDue') : b.toDay === null ? t('statement.over', { from: b.fromDay - 1 }) : t('statement.range', { from: b.fromDay, to: b.toDay });
  return (
    <section className="card">
      <h2>{t('statement.title')}</h2>
      <p className="muted">{t('statement.body')}</p>
      {query.data?.sections.map((s) => (
        <dl key={s.currency} className="aging">
          {s.aging
            .filter((b) => b.amount > 0)
            .map((b) => (
              <div key={b.key} className="total-row">
                <dt>{label(b)}</dt>
                <dd className="num">{money(b.amount, s.currency)}</dd>
              </div>
            ))}
        </dl>
      ))}
      <button type="button" className="button secondary" onClick={() => fetchFile('/statement/pdf')}>
        {t('statement.download')}
      </button>
    </section>
  );
}
