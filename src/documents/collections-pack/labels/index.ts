import type { Locale } from '../../templates/index.ts';
import { en } from './en.ts';
import { id } from './id.ts';
import type { PackLabels } from './labels.ts';
import { ro } from './ro.ts';
import { ru } from './ru.ts';
import { vi } from './vi.ts';

export type { PackLabels };

export const PACK_LABELS: Readonly<Record<Locale, PackLabels>> = { en, vi, id, ru, ro };
