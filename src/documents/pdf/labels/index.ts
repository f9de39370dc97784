import type { Locale } from '../../templates/index.ts';
import { en } from './en.ts';
import { id } from './id.ts';
import type { PdfLabels } from './labels.ts';
import { ro } from './ro.ts';
import { ru } from './ru.ts';
import { vi } from './vi.ts';

export type { PdfLabels };

export const PDF_LABELS: Readonly<Record<Locale, PdfLabels>> = { en, vi, id, ru, ro };
