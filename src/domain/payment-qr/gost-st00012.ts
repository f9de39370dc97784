import { fail, type PaymentQrFailure } from './failure.ts';
import { optionalText, requiredText, utf8Length } from './text-field.ts';
import type { PlainDate } from '../dates.ts';
import { success, type Success } from '../result.ts';

// GOST R 56042-2014 payment details ("ST00012": format ST0001, encoding 2 = UTF-8). The QR must be made
// from the UTF-8 bytes of this string.
export const GOST_MANDATORY_BLOCK_MAX_BYTES = 300;

// The standard lets the payee pick any separator that no value contains; '|' is the one every reader
// expects, the others are tried in order only when a value holds a '|'.
const SEPARATORS = ['|', '#', ';', ':', '^', '~', '_', '!', '$', '%', '&', '*', '+', '/', '\\', '@'] as const;

export interface GostPaymentOrder {
  /** Payee, ≤160 characters. */
  readonly name: string;
  /** Payee's 20-digit settlement account. */
  readonly personalAcc: string;
  /** ≤45 characters. */
  readonly bankName: string;
  /** Russian 9-digit bank BIC. */
  readonly bic: string;
  /** Bank's 20-digit correspondent account. */
  readonly correspAcc: string;
  /** Payee INN: 10 digits for an organization, 12 for an individual entrepreneur. */
  readonly payeeInn?: string;
  /** 9 characters: 4 digits, 2 digits or capital letters, 3 digits. */
  readonly kpp?: string;
  readonly sumKopecks?: number;
  /** ≤160 characters. */
  readonly purpose?: string;
  /** ≤15 characters. */
  readonly docNo?: string;
  readonly docDate?: PlainDate;
}

type Pair = readonly [key: string, value: string];

export function buildGostPayload(order: GostPaymentOrder): Success<string> | PaymentQrFailure {
  const mandatory = mandatoryPairs(order);
  if (!mandatory.ok) return mandatory;
  const optional = optionalPairs(order);
  if (!optional.ok) return optional;

  const pairs = [...mandatory.value, ...optional.value];
  const separator = SEPARATORS.find((s) => pairs.every(([, value]) => !value.includes(s)));
  if (separator === undefined) {
    return fail('SEPARATOR_UNAVAILABLE', 'payload', 'Every possible separator character appears in some value');
  }
  const join = (list: readonly Pair[]): string => ['ST00012', ...list.map(([key, value]) => `${key}=${value}`)].join(separator);
  const mandatoryBytes = utf8Length(join(mandatory.value));
  if (mandatoryBytes > GOST_MANDATORY_BLOCK_MAX_BYTES) {
    return fail(
      'MANDATORY_BLOCK_TOO_LONG',
      'name',
      `The header and mandatory details take ${mandatoryBytes} bytes; the standard allows ${GOST_MANDATORY_BLOCK_MAX_BYTES}: shorten the payee or bank name`,
    );
  }
  return success(join(pairs));
}

function mandatoryPairs(order: GostPaymentOrder): Success<Pair[]> | PaymentQrFailure {
  const name = requiredText(order.name, { code: 'NAME', field: 'name', max: 160 });
  if (!name.ok) return name;
  if (!/^\d{20}$/.test(order.personalAcc)) return fail('ACCOUNT_MALFORMED', 'personalAcc', 'A settlement account has 20 digits');
  const bankName = requiredText(order.bankName, { code: 'BANK_NAME', field: 'bankName', max: 45 });
  if (!bankName.ok) return bankName;
  if (!/^\d{9}$/.test(order.bic)) return fail('BIC_MALFORMED', 'bic', 'A Russian bank BIC has 9 digits');
  if (!/^\d{20}$/.test(order.correspAcc)) {
    return fail('CORRESPONDENT_ACCOUNT_MALFORMED', 'correspAcc', 'A correspondent account has 20 digits');
  }
  return success([
    ['Name', name.value],
    ['PersonalAcc', order.personalAcc],
    ['BankName', bankName.value],
    ['BIC', order.bic],
    ['CorrespAcc', order.correspAcc],
  ]);
}

function optionalPairs(order: GostPaymentOrder): Success<Pair[]> | PaymentQrFailure {
  const pairs: Pair[] = [];
  if (order.payeeInn !== undefined) {
    if (!/^(?:\d{10}|\d{12})$/.test(order.payeeInn)) return fail('INN_MALFORMED', 'payeeInn', 'An INN has 10 or 12 digits');
    pairs.push(['PayeeINN', order.payeeInn]);
  }
  if (order.kpp !== undefined) {
    if (!/^\d{4}[0-9A-Z]{2}\d{3}$/.test(order.kpp)) return fail('KPP_MALFORMED', 'kpp', 'A KPP has 9 characters: 4 digits, 2 digits or letters, 3 digits');
    pairs.push(['KPP', order.kpp]);
  }
  if (order.sumKopecks !== undefined) {
    const sum = order.sumKopecks;
    if (!Number.isSafeInteger(sum) || sum < 1) {
      return fail('AMOUNT_OUT_OF_RANGE', 'sumKopecks', 'The sum is a positive whole number of kopecks');
    }
    pairs.push(['Sum', String(sum)]);
  }
  const purpose = optionalText(order.purpose, { code: 'PURPOSE', field: 'purpose', max: 160 });
  if (!purpose.ok) return purpose;
  if (purpose.value !== undefined) pairs.push(['Purpose', purpose.value]);
  const docNo = optionalText(order.docNo, { code: 'DOC_NO', field: 'docNo', max: 15 });
  if (!docNo.ok) return docNo;
  if (docNo.value !== undefined) pairs.push(['DocNo', docNo.value]);
  if (order.docDate !== undefined) pairs.push(['DocDate', russianDate(order.docDate)]);
  return success(pairs);
}

/** dd.MM.yyyy, as the standard writes dates. */
export function russianDate(d: PlainDate): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(d.day)}.${two(d.month)}.${String(d.year).padStart(4, '0')}`;
}
