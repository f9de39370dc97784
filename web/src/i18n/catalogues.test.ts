import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { translate } from './i18n.tsx';
import { id } from './id.ts';
import { LOCALES } from './locales.ts';
import { ro } from './ro.ts';
import { ru } from './ru.ts';
import { vi } from './vi.ts';

const CATALOGUES = { en, vi, id, ru, ro };

/** The arguments a message uses, and for each plural argument the categories it gives. */
function shape(message: string): { args: Set<string>; plurals: Map<string, Set<string>> } {
  const args = new Set<string>();
  const plurals = new Map<string, Set<string>>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const e of elements) {
      if (e.type === TYPE.argument || e.type === TYPE.number || e.type === TYPE.date) args.add(e.value);
      if (e.type === TYPE.plural || e.type === TYPE.select) {
        args.add(e.value);
        if (e.type === TYPE.plural) plurals.set(e.value, new Set(Object.keys(e.options)));
        for (const option of Object.values(e.options)) walk(option.value);
      }
    }
  };
  walk(parse(message));
  return { args, plurals };
}

// The categories each language's plural rules can pick; a message must cover them all.
const REQUIRED: Record<string, string[]> = { en: ['one', 'other'], vi: ['other'], id: ['other'], ru: ['one', 'few', 'many', 'other'], ro: ['one', 'few', 'other'] };

describe('UI catalogues', () => {
  for (const [locale, catalogue] of Object.entries(CATALOGUES)) {
    it(`${locale}: every message parses and uses exactly the English placeholders`, () => {
      for (const key of Object.keys(en) as (keyof typeof en)[]) {
        const mine = shape(catalogue[key]);
        const english = shape(en[key]);
        expect([...mine.args].sort(), `${locale} ${key}`).toEqual([...english.args].sort());
        for (const [arg, categories] of mine.plurals)
          for (const category of REQUIRED[locale]!) expect(categories.has(category) || categories.has(`=${category}`), `${locale} ${key} ${arg} lacks ${category}`).toBe(true);
      }
    });
  }

  it('is complete in every language the switcher offers', () => {
    expect(LOCALES).toEqual(['en', 'vi', 'id', 'ru', 'ro']);
    for (const catalogue of Object.values(CATALOGUES)) expect(Object.keys(catalogue).sort()).toEqual(Object.keys(en).sort());
  });

  it('agrees numbers with their nouns', () => {
    expect(translate('ru', 'chart.invoices', { count: 1 })).toBe('1 счёт');
    expect(translate('ru', 'chart.invoices', { count: 3 })).toBe('3 счёта');
    expect(translate('ru', 'chart.invoices', { count: 11 })).toBe('11 счетов');
    expect(translate('ro', 'common.days', { days: 1 })).toBe('1 zi');
    expect(translate('ro', 'common.days', { days: 5 })).toBe('5 zile');
    expect(translate('ro', 'common.days', { days: 20 })).toBe('20 de zile');
    expect(translate('en', 'invoice.overdueBy', { days: 1 })).toBe('1 day overdue');
    expect(translate('vi', 'invoice.overdueBy', { days: 3 })).toBe('quá hạn 3 ngày');
  });

  it('answers an unknown key built from a server code with the key itself', () => {
    expect(translate('ro', 'outcome.teleported' as keyof typeof en)).toBe('outcome.teleported');
  });
});
