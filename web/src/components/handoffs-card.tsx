import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import type { Handoff, Page } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';

export const useHandoffs = (customerId: string) =>
  useQuery({ queryKey: ['handoffs', customerId], queryFn: () => api.get<Page<Handoff>>(`/customers/${customerId}/collections-handoffs`, { limit: 100 }) });

/** What went to collection agencies, newest first, each pack downloadable exactly as it was handed over. */
export function HandoffsCard({ customerId }: { customerId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const list = useHandoffs(customerId).data?.data ?? [];
  if (list.length === 0) return null;
  const owed = (h: Handoff) => {
    const totals = new Map<string, number>();
    for (const i of h.invoices) totals.set(i.currency, (totals.get(i.currency) ?? 0) + i.balance);
    return [...totals].map(([currency, amount]) => i18n.money(amount, currency)).join(' + ');
  };
  return (
    <section className="card">
      <div className="card-head"><h2>{t('handoff.history')}</h2></div>
      <div className="card-body stack" style={{ gap: 12 }}>
        {list.map((h) => (
          <div key={h.id}>
            <div className="primary">{h.agency ?? t('handoff.noAgency')}</div>
            <div className="subtle">{t('handoff.summary', { date: i18n.instant(h.createdAt), count: h.invoices.length, amount: owed(h) })}</div>
            <div className="subtle">{h.invoices.map((i) => i.number).join(', ')}</div>
            <a className="linkish" href={h.pack.url} download={h.pack.fileName}>{t('handoff.download')}</a>
          </div>
        ))}
      </div>
    </section>
  );
}
