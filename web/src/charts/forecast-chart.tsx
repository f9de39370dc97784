import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Forecast } from '../api/types.ts';
import { formatDayMonth } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function ForecastChart({ forecast }: { forecast: Forecast['currencies'][number] }) {
  const i18n = useI18n();
  const { t } = i18n;
  const data = forecast.weeks.map((w) => ({ label: formatDayMonth(i18n.locale, w.weekStart), week: w.isoWeek, start: w.weekStart, amount: w.amount, invoices: w.invoices }));
  const money = (v: number) => i18n.money(v, forecast.currency, { compact: true });
  return (
    <>
      <div className="chart" role="img" aria-label={`${t('dashboard.forecast')}: ${data.map((d) => `${d.label} ${i18n.money(d.amount, forecast.currency)}`).join('; ')}`}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
            <CartesianGrid vertical={false} stroke="#eef0f3" />
            <XAxis dataKey="label" tickLine={false} axisLine={{ stroke: '#cdd2d9' }} fontSize={12} minTickGap={4} />
            <YAxis tickFormatter={money} tickLine={false} axisLine={false} fontSize={12} width={72} />
            <Tooltip
              cursor={{ fill: 'rgba(15,95,92,0.06)' }}
              content={({ active, payload }) => {
                const d = payload?.[0]?.payload as (typeof data)[number] | undefined;
                return active && d ? (
                  <div className="chart-tooltip">
                    <strong>{t('chart.week', { date: i18n.date(d.start) })} ({d.week})</strong>
                    {i18n.money(d.amount, forecast.currency)} · {t('chart.invoices', { count: d.invoices })}
                  </div>
                ) : null;
              }}
            />
            <Bar dataKey="amount" fill="#1d8a84" radius={[4, 4, 0, 0]} maxBarSize={36} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      {forecast.later.amount > 0 && <p className="subtle">{t('dashboard.forecastLater', { amount: i18n.money(forecast.later.amount, forecast.currency) })}</p>}
    </>
  );
}
