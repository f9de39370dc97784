import { useI18n } from '../i18n/i18n.tsx';

/** One currency at a time: amounts in different currencies are never added or converted. */
export function CurrencyPicker({ currencies, value, onChange }: { currencies: readonly string[]; value: string; onChange: (c: string) => void }) {
  const { t } = useI18n();
  if (currencies.length < 2) return null;
  return (
    <div className="currency-tabs" role="group" aria-label={t('common.currency')}>
      {currencies.map((c) => (
        <button key={c} type="button" className={`btn small${c === value ? ' primary' : ''}`} aria-pressed={c === value} onClick={() => onChange(c)}>
          {c}
        </button>
      ))}
    </div>
  );
}

/** The organization's base currency when it has figures, else the first one that has. */
export function defaultCurrency(available: readonly string[], base: string): string {
  return available.includes(base) ? base : (available[0] ?? base);
}
