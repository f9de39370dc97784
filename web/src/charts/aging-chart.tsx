import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Aging } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { bucketLabel, bucketShortLabel } from './bucket-label.ts';

// Older money is more worrying: the colour deepens from calm teal to red with the days past due.
const COLOURS = ['#3f8f8a', '#e0a23b', '#e07b3b', '#d4553a', '#b42318', '#8f1b12'];

export function AgingChart({ report }: { report: Aging['currencies'][number] }) {
  const i18n = useI18n();
  const data = report.buckets.map((b, i) => ({ label: bucketLabel(i18n.t, b), short: bucketShortLabel(i18n.t, b), amount: report.bucketTotals[i] ?? 0 }));
  const money = (v: number) => i18n.money(v, report.currency, { compact: true });
  return (
    <div className="chart" role="img" aria-label={`${i18n.t('dashboard.aging')}: ${data.map((d) => `${d.label} ${i18n.money(d.amount, report.currency)}`).join('; ')}`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid vertical={false} stroke="#eef0f3" />
          <XAxis dataKey="short" tickLine={false} axisLine={{ stroke: '#cdd2d9' }} fontSize={12} interval={0} />
          <YAxis tickFormatter={money} tickLine={false} axisLine={false} fontSize={12} width={72} />
          <Tooltip
            cursor={{ fill: 'rgba(15,95,92,0.06)' }}
            content={({ active, payload }) =>
              active && payload?.[0] ? (
                <div className="chart-tooltip">
                  <strong>{String(payload[0].payload.label)}</strong>
                  {i18n.money(Number(payload[0].value), report.currency)}
                </div>
              ) : null
            }
          />
          <Bar dataKey="amount" radius={[4, 4, 0, 0]} maxBarSize={64}>
            {data.map((d, i) => (
              <Cell key={d.label} fill={COLOURS[Math.min(i, COLOURS.length - 1)]} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
