import { en } from './catalogue/en.ts';
import { id } from './catalogue/id.ts';
import { ro } from './catalogue/ro.ts';
import { ru } from './catalogue/ru.ts';
import { vi } from './catalogue/vi.ts';
import type { Locale } from './locales.ts';
import type { Catalogue } from './template-keys.ts';

export const CATALOGUES: Readonly<Record<Locale, Catalogue>> = { en, vi, id, ru, ro };
