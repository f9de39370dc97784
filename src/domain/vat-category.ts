import { failure, type Failure, type Result, success } from './result.ts';

// VAT categories of EN 16931 (UNCL 5305 subset) and the rules the standard ties to each: which rate a line
// may carry, and when a VAT exemption reason (BT-120 text, BT-121 VATEX code) must or must not be given.
// Rule numbers (BR-…) are those of EN 16931-1.

export const VAT_CATEGORIES = ['S', 'Z', 'E', 'AE', 'K', 'G', 'O'] as const;
/** Standard, zero rated, exempt, reverse charge, intra-community supply, export outside the EU, outside the scope of VAT. */
export type VatCategory = (typeof VAT_CATEGORIES)[number];

/** Categories on which no VAT is charged and the invoice must say why (BR-E-10, BR-AE-10, BR-IC-10, BR-G-10, BR-O-10). */
export type ExemptCategory = Exclude<VatCategory, 'S' | 'Z'>;

export function isExemptCategory(category: VatCategory): category is ExemptCategory {
  return category !== 'S' && category !== 'Z';
}

/** The one VATEX code that means each of these categories; given by default when the line names none. */
const CATEGORY_VATEX: Readonly<Record<Exclude<ExemptCategory, 'E'>, string>> = { AE: 'VATEX-EU-AE', K: 'VATEX-EU-IC', G: 'VATEX-EU-G', O: 'VATEX-EU-O' };

/**
 * The VATEX codes of exemptions under the VAT Directive (2006/112/EC) that Punctual accepts for category E:
 * the articles on activities in the public interest (132), importation (143), international transport (148)
 * and diplomatic and similar supplies (151), the travel-agent scheme (309), the margin schemes (D, F, I, J)
 * and the French small-business franchise. Peppol rules P0108–P0111 tie D, F, I and J to category E.
 */
const EXEMPT_VATEX: ReadonlySet<string> = new Set([
  'VATEX-EU-132',
  ...'ABCDEFGHIJKLMNOPQ'.split('').map((letter) => `VATEX-EU-132-1${letter}`),
  'VATEX-EU-143',
  'VATEX-EU-148',
  'VATEX-EU-151',
  'VATEX-EU-309',
  'VATEX-EU-D',
  'VATEX-EU-F',
  'VATEX-EU-I',
  'VATEX-EU-J',
  'VATEX-FR-FRANCHISE',
]);

/** The category a VATEX code belongs to, or undefined for a code Punctual does not know. */
export function vatexCategory(code: string): ExemptCategory | undefined {
  if (EXEMPT_VATEX.has(code)) return 'E';
  return (Object.entries(CATEGORY_VATEX) as [ExemptCategory, string][]).find(([, c]) => c === code)?.[0];
}

/** How one line (or one breakdown row) is taxed. */
export interface VatTreatment {
  readonly category: VatCategory;
  readonly rateBp: number;
  /** BT-121, upper case; set for every exempt category except an E line that gives only a text. */
  readonly exemptionCode: string | null;
  /** BT-120: the reason in words, as the seller wrote it. */
  readonly exemptionReason: string | null;
}

export interface LineVatInput {
  readonly taxRateBp?: number;
  readonly taxCategory?: VatCategory;
  readonly taxExemptionCode?: string | null;
  readonly taxExemptionReason?: string | null;
}

/** A line that names no category keeps the meaning rates always had: a positive rate is standard, 0 % zero rated. */
export function defaultCategory(rateBp: number): VatCategory {
  return rateBp > 0 ? 'S' : 'Z';
}

/** The line's VAT treatment, or the first rule it breaks, named by its field under `prefix` ("lines[2]."). */
export function lineVat(input: LineVatInput, prefix = ''): Result<VatTreatment> {
  const rateBp = input.taxRateBp ?? 0;
  const category = input.taxCategory ?? defaultCategory(rateBp);
  const code = input.taxExemptionCode?.trim().toUpperCase() || null;
  const reason = input.taxExemptionReason?.replace(/\s+/gu, ' ').trim() || null;
  if (reason !== null && /[\p{Cc}\p{Cf}]/u.test(input.taxExemptionReason ?? ''))
    return failure('INVALID_TAX_EXEMPTION_REASON', 'The exemption reason may not hold control or formatting characters', `${prefix}taxExemptionReason`);
  if (category === 'S') {
    // BR-S-05: standard rated means a rate above zero.
    if (rateBp <= 0) return failure('TAX_RATE_REQUIRED', 'A standard-rated line (category S) needs a tax rate above 0', `${prefix}taxRateBp`);
  } else if (rateBp !== 0) {
    // BR-Z-05, BR-E-05, BR-AE-05, BR-IC-05, BR-G-05; O carries no rate at all (BR-O-05), stored as 0.
    return failure('TAX_RATE_NOT_ZERO', `A line in category ${category} carries no VAT: its tax rate must be 0`, `${prefix}taxRateBp`);
  }
  if (!isExemptCategory(category)) {
    // BR-S-10, BR-Z-10.
    if (code !== null || reason !== null)
      return failure('TAX_EXEMPTION_NOT_ALLOWED', `A line in category ${category} is taxed: it has no exemption reason`, `${prefix}${code !== null ? 'taxExemptionCode' : 'taxExemptionReason'}`);
    return success({ category, rateBp, exemptionCode: null, exemptionReason: null });
  }
  if (code !== null) {
    const belongs = vatexCategory(code);
    if (belongs === undefined) return failure('INVALID_TAX_EXEMPTION_CODE', `Unknown VATEX code ${code.slice(0, 40)}`, `${prefix}taxExemptionCode`);
    if (belongs !== category) return failure('TAX_EXEMPTION_CODE_MISMATCH', `${code} is a reason for category ${belongs}, not ${category}`, `${prefix}taxExemptionCode`);
  }
  if (category === 'E') {
    if (code === null && reason === null)
      return failure('TAX_EXEMPTION_REASON_REQUIRED', 'An exempt line (category E) must say why: give a VATEX code or the legal reason in words', `${prefix}taxExemptionReason`);
    return success({ category, rateBp: 0, exemptionCode: code, exemptionReason: reason });
  }
  return success({ category, rateBp: 0, exemptionCode: code ?? CATEGORY_VATEX[category], exemptionReason: reason });
}

/**
 * The rules over all lines of one invoice: an exempt category has exactly one VAT breakdown and so one
 * reason (BR-E-01, BR-AE-01, BR-IC-01, BR-G-01, BR-O-01), and an invoice outside the scope of VAT has no
 * other category at all (BR-O-11, BR-O-12).
 */
export function checkInvoiceVat(lines: readonly VatTreatment[], prefix = ''): Failure | null {
  const outside = lines.findIndex((l) => l.category === 'O');
  if (outside >= 0) {
    const other = lines.findIndex((l) => l.category !== 'O');
    if (other >= 0)
      return failure('VAT_OUTSIDE_SCOPE_MIXED', 'An invoice outside the scope of VAT (category O) cannot have lines in any other category: invoice them separately', `${prefix}lines[${other}].taxCategory`);
  }
  const firstOf = new Map<VatCategory, VatTreatment>();
  for (const [i, line] of lines.entries()) {
    if (!isExemptCategory(line.category)) continue;
    const first = firstOf.get(line.category);
    if (!first) firstOf.set(line.category, line);
    else if (first.exemptionCode !== line.exemptionCode || first.exemptionReason !== line.exemptionReason)
      return failure(
        'TAX_EXEMPTION_REASON_CONFLICT',
        `All lines in category ${line.category} share one exemption reason on the invoice; this line gives another`,
        `${prefix}lines[${i}].${first.exemptionCode !== line.exemptionCode ? 'taxExemptionCode' : 'taxExemptionReason'}`,
      );
  }
  return null;
}
