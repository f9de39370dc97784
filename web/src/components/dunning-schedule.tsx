import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../api/client.ts';
import { useChange } from '../api/mutations.ts';
import type { MessageKey } from '../i18n/en.ts';
import type { I18n } from '../i18n/i18n.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session.tsx';
import { ErrorNotice, Loading } from './feedback.tsx';

interface Schedule {
  today: string;
  policy: { id: string; name: string; decidedBy: string } | null;
  excludedBy: string | null;
  settings: { paused: boolean; excluded: boolean; policyId: string | null };
  state: { kind: string; reason?: string; holds?: { reason: string; until: string | null }[] } | null;
  past: { stepId: string; occurrence: number; installment: number | null; on: string; outcome: string; reason: string; channel: string | null; message: { status: string; recipient: string; subject: string | null } | null }[];
  upcoming: { stepId: string; occurrence: number; installment: number | null; on: string; channel: string; tone: string; owed: boolean }[];
}

/** "3 days before due", "On the due date", "14 days after due". */
export function offsetLabel(t: I18n['t'], offsetDays: number): string {
  if (offsetDays === 0) return t('step.onDue');
  return offsetDays < 0 ? t('step.before', { days: -offsetDays }) : t('step.after', { days: offsetDays });
}

const known = (i18n: I18n, key: string) => (i18n.t(key as MessageKey) === key ? null : i18n.t(key as MessageKey));

/** The invoice's reminders: those done (with their message) and those to come, and the pause switch. */
export function DunningSchedule({ invoiceId }: { invoiceId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const schedule = useQuery({ queryKey: ['invoices', invoiceId, 'dunning'], queryFn: () => api.get<Schedule>(`/invoices/${invoiceId}/dunning`) });
  const toggle = useChange((pause: boolean) => api.post(`/invoices/${invoiceId}/dunning/${pause ? 'pause' : 'resume'}`));
  if (schedule.isPending) return <Loading />;
  if (schedule.error) return schedule.error instanceof ApiError && schedule.error.status === 403 ? null : <div className="card-body"><ErrorNotice error={schedule.error} /></div>;
  const s = schedule.data;
  const channel = (c: string | null) => (c ? (known(i18n, `channel.${c}`) ?? c) : '');
  // Which level of the organization → customer → invoice cascade made the choice.
  const level = (by: string) => known(i18n, `dunningLevel.${by}`) ?? by;
  return (
    <>
      <div className="card-head">
        <h2>{s.settings.paused ? t('invoice.dunningPaused') : t('invoice.dunning')}</h2>
        {session.can('collections:write') && !s.excludedBy && (
          <label className="check" style={{ paddingBottom: 0 }}>
            <input type="checkbox" role="switch" checked={s.settings.paused} disabled={toggle.isPending} onChange={(e) => toggle.mutate(e.target.checked)} />
            {t('invoice.pause')}
          </label>
        )}
      </div>
      <div className="card-body stack" style={{ gap: 10 }}>
        {toggle.error && <ErrorNotice error={toggle.error} />}
        {s.policy && <p className="subtle">{t('invoice.dunningPolicy', { name: s.policy.name })} · {level(s.policy.decidedBy)}</p>}
        {s.excludedBy && <p className="muted">{t('invoice.dunningExcluded', { by: level(s.excludedBy) })}</p>}
        {(s.state?.holds ?? []).map((h) => (
          <div key={h.reason} className="notice warning">{t('invoice.dunningHeld', { reason: known(i18n, `hold.${h.reason}`) ?? h.reason.toLowerCase().replaceAll('_', ' ') })}{h.until ? ` · ${i18n.date(h.until)}` : ''}</div>
        ))}
        {s.past.length === 0 && s.upcoming.length === 0 && <p className="muted">{t('invoice.noDunning')}</p>}
        {s.past.length > 0 && (
          <table className="table">
            <caption className="subtle" style={{ textAlign: 'left', paddingBottom: 4 }}>{t('invoice.done')}</caption>
            <tbody>
              {s.past.map((p) => (
                <tr key={`${p.stepId}-${p.occurrence}-${p.installment ?? 0}`}>
                  <td className="nowrap">{i18n.date(p.on)}</td>
                  <td>
                    {channel(p.channel)}
                    {p.message?.subject && <div className="subtle">{p.message.subject}</div>}
                    {p.outcome === 'skipped' && <div className="subtle">{t('invoice.skipped', { reason: p.reason.toLowerCase().replaceAll('_', ' ') })}</div>}
                  </td>
                  <td className="num subtle">{p.message?.status ?? p.outcome}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {s.upcoming.length > 0 && (
          <table className="table">
            <caption className="subtle" style={{ textAlign: 'left', paddingBottom: 4 }}>{t('invoice.upcoming')}</caption>
            <tbody>
              {s.upcoming.map((u) => (
                <tr key={`${u.stepId}-${u.occurrence}-${u.installment ?? 0}`}>
                  <td className="nowrap">{i18n.date(u.on)}</td>
                  <td>
                    {channel(u.channel)} · {known(i18n, `tone.${u.tone}`) ?? u.tone}
                    {u.owed && <span className="badge amber plain" style={{ marginLeft: 6 }}>{t('invoice.owed')}</span>}
                    {u.installment !== null && <div className="subtle">{t('invoice.installment', { number: u.installment })}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </>
  );
}
