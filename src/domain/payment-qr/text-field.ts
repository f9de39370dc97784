import { fail, type PaymentQrFailure, type TextFieldCode } from './failure.ts';
import { success, type Success } from '../result.ts';

// Payment formats are line- or separator-delimited, so a line break or other control character inside a
// value would forge extra fields: such values are refused, never silently cleaned.
const CONTROL = /[\p{Cc}\u2028\u2029]/u;

/** Length in Unicode characters (code points), the unit the payment standards count in. */
export function characterLength(text: string): number {
  return [...text].length;
}

export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

export interface TextRule {
  readonly code: TextFieldCode;
  readonly field: string;
  readonly max: number;
}

/** Trims the value and checks it is present, short enough and free of control characters. */
export function requiredText(value: string, rule: TextRule): Success<string> | PaymentQrFailure {
  const text = value.trim();
  if (text.length === 0) return fail(`${rule.code}_REQUIRED`, rule.field, `${rule.field} is required`);
  return checkedText(text, rule);
}

/** Like requiredText, but an absent or blank value is fine and comes back as undefined. */
export function optionalText(value: string | undefined, rule: TextRule): Success<string | undefined> | PaymentQrFailure {
  const text = value?.trim() ?? '';
  return text.length === 0 ? success(undefined) : checkedText(text, rule);
}

function checkedText(text: string, rule: TextRule): Success<string> | PaymentQrFailure {
  if (CONTROL.test(text)) return fail(`${rule.code}_INVALID_CHARACTERS`, rule.field, `${rule.field} may not contain line breaks or control characters`);
  const length = characterLength(text);
  if (length > rule.max) return fail(`${rule.code}_TOO_LONG`, rule.field, `${rule.field} holds at most ${rule.max} characters, not ${length}`);
  return success(text);
}
