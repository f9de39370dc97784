import { useI18n } from '../i18n/i18n.tsx';
import { isLocale, LOCALE_NAMES, LOCALES } from '../i18n/locales.ts';

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <label>
      <span className="visually-hidden">{t('nav.language')}</span>
      <select className="input" aria-label={t('nav.language')} value={locale} onChange={(e) => isLocale(e.target.value) && setLocale(e.target.value)} style={{ width: 'auto' }}>
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>{LOCALE_NAMES[l]}</option>
        ))}
      </select>
    </label>
  );
}
