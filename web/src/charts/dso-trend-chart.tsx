import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DsoReport } from '../api/types.ts';
import { formatMonth } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function DsoTrendChart({ report }: { report: DsoReport['currencies'][number] }) {
  const i18n = useI18n();
  const { t } = i18n;
  // A month whose DSO is undefined stays on the axis as a gap, not a zero; so do the months before the
  // first receivable, when there was nothing to measure yet.
  const first = report.trend.findIndex((p) => p.dso === null || p.dso.receivables > 0);
  const data = report.trend.map((p, i) => ({
    label: formatMonth(i18n.locale, p.monthEnd),
    dso: p.dso && i >= first ? p.dso.dsoTenths / 10 : null,
    best: p.dso && i >= first ? p.dso.bestPossibleTenths / 10 : null,
  }));
  const days = (v: number) => i18n.tenths(Math.round(v * 10));
  return (
    <>
      <div className="chart" role="img" aria-label={`${t('dashboard.dsoTrend')}: ${data.map((d) => `${d.label} ${d.dso === null ? '–' : days(d.dso)}`).join('; ')}`}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid vertical={false} stroke="#eef0f3" />
            <XAxis dataKey="label" tickLine={false} axisLine={{ stroke: '#cdd2d9' }} fontSize={12} minTickGap={12} />
            <YAxis tickLine={false} axisLine={false} fontSize={12} width={44} allowDecimals={false} label={{ value: t('chart.days'), angle: -90, position: 'insideLeft', fontSize: 12, fill: '#8a93a1' }} />
            <Tooltip
              content={({ active, payload, label }) =>
                active && payload?.length ? (
                  <div className="chart-tooltip">
                    <strong>{String(label)}</strong>
                    {payload.map((p) => (
                      <div key={String(p.dataKey)}>
                        {p.dataKey === 'dso' ? t('chart.dso') : t('chart.bestPossible')}: {p.value === null || p.value === undefined ? '–' : days(Number(p.value))}
                      </div>
                    ))}
                  </div>
                ) : null
              }
            />
            <Line type="monotone" dataKey="dso" stroke="#0f5f5c" strokeWidth={2.5} dot={{ r: 3 }} connectNulls={false} isAnimationActive={false} />
            <Line type="monotone" dataKey="best" stroke="#9bbfbc" strokeWidth={2} strokeDasharray="5 4" dot={false} connectNulls={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <div className="chart-legend">
        <span><span className="swatch" style={{ background: '#0f5f5c' }} />{t('chart.dso')}</span>
        <span><span className="swatch" style={{ background: '#9bbfbc' }} />{t('chart.bestPossible')}</span>
      </div>
    </>
  );
}
