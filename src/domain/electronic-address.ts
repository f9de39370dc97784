import { isEmail } from './customer-rules.ts';
import { failure, type Failure } from './result.ts';

// An electronic address (EN 16931 BT-34 for the seller, BT-49 for the buyer): where e-invoices are delivered,
// as an identifier and the EAS scheme it belongs to. On Peppol it is the participant identifier
// ("0088:5790000435975" is scheme 0088, GLN). Punctual accepts the subset of the EAS code list below; all
// but EM are on Peppol's own list (rule PEPPOL-EN16931-CL008), EM (e-mail) only on the EN 16931 one.

export interface ElectronicAddress {
  readonly scheme: string;
  readonly value: string;
}

/** The schemes offered, each with a short name understood across languages. */
export const EAS_SCHEMES: readonly { readonly code: string; readonly name: string }[] = [
  { code: '0088', name: 'GLN (GS1)' },
  { code: '0060', name: 'DUNS' },
  { code: '0209', name: 'GS1' },
  { code: '0002', name: 'FR SIRENE' },
  { code: '0009', name: 'FR SIRET' },
  { code: '0007', name: 'SE Organisationsnummer' },
  { code: '0037', name: 'FI LY-tunnus' },
  { code: '0216', name: 'FI OVT' },
  { code: '0096', name: 'DK P-nummer' },
  { code: '0184', name: 'DK CVR' },
  { code: '0106', name: 'NL KvK' },
  { code: '0190', name: 'NL OIN' },
  { code: '0192', name: 'NO Organisasjonsnummer' },
  { code: '0196', name: 'IS Kennitala' },
  { code: '0204', name: 'DE Leitweg-ID' },
  { code: '0208', name: 'BE Ondernemingsnummer' },
  { code: '0210', name: 'IT Codice fiscale' },
  { code: '0211', name: 'IT Partita IVA' },
  { code: '0151', name: 'AU ABN' },
  { code: '0195', name: 'SG UEN' },
  { code: '9914', name: 'AT VAT' },
  { code: '9915', name: 'AT Verwaltungskennzeichen' },
  { code: '9910', name: 'HU VAT' },
  { code: '9920', name: 'ES VAT' },
  { code: '9922', name: 'AD VAT' },
  { code: '9923', name: 'AL VAT' },
  { code: '9924', name: 'BA VAT' },
  { code: '9925', name: 'BE VAT' },
  { code: '9926', name: 'BG VAT' },
  { code: '9927', name: 'CH VAT' },
  { code: '9928', name: 'CY VAT' },
  { code: '9929', name: 'CZ VAT' },
  { code: '9930', name: 'DE VAT' },
  { code: '9931', name: 'EE VAT' },
  { code: '9932', name: 'GB VAT' },
  { code: '9933', name: 'GR VAT' },
  { code: '9934', name: 'HR VAT' },
  { code: '9935', name: 'IE VAT' },
  { code: '9936', name: 'LI VAT' },
  { code: '9937', name: 'LT VAT' },
  { code: '9938', name: 'LU VAT' },
  { code: '9939', name: 'LV VAT' },
  { code: '9940', name: 'MC VAT' },
  { code: '9941', name: 'ME VAT' },
  { code: '9942', name: 'MK VAT' },
  { code: '9943', name: 'MT VAT' },
  { code: '9944', name: 'NL VAT' },
  { code: '9945', name: 'PL VAT' },
  { code: '9946', name: 'PT VAT' },
  { code: '9947', name: 'RO VAT' },
  { code: '9948', name: 'RS VAT' },
  { code: '9949', name: 'SI VAT' },
  { code: '9950', name: 'SK VAT' },
  { code: '9951', name: 'SM VAT' },
  { code: '9952', name: 'TR VAT' },
  { code: '9953', name: 'VA VAT' },
  { code: '9957', name: 'FR VAT' },
  { code: '9959', name: 'US EIN' },
  { code: 'EM', name: 'E-mail' },
];

const KNOWN = new Set(EAS_SCHEMES.map((s) => s.code));

/** Peppol routes by participant identifier and has no e-mail scheme; every other scheme offered is on its list. */
export function isPeppolScheme(scheme: string): boolean {
  return KNOWN.has(scheme) && scheme !== 'EM';
}

/** Long enough for every identifier scheme offered (a Leitweg-ID has up to 46 characters). */
const MAX_IDENTIFIER = 100;

const digits = (value: string) => [...value].map(Number);

/** GS1 check digit (GLN): weights 3 and 1 from the right, over the digits before the check digit. */
function gs1(value: string): boolean {
  const d = digits(value);
  const check = d.pop()!;
  const sum = d.reverse().reduce((s, n, i) => s + n * (i % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === check;
}

/** Norwegian organisation number: modulus 11 with weights 2–7 from the right. */
function mod11(value: string): boolean {
  const d = digits(value);
  const check = d.pop()!;
  const sum = d.reverse().reduce((s, n, i) => s + n * ((i % 6) + 2), 0);
  return Number(value) > 0 && (11 - (sum % 11)) % 11 === check;
}

/** Belgian enterprise number: the last two digits are 97 − (first eight mod 97). */
function mod97(value: string): boolean {
  return 97 - (Number(value.slice(0, 8)) % 97) === Number(value.slice(8));
}

/** Swedish organisation number: Luhn over ten digits. */
function luhn(value: string): boolean {
  const sum = digits(value)
    .reverse()
    .reduce((s, n, i) => s + (i % 2 === 1 ? (n * 2 > 9 ? n * 2 - 9 : n * 2) : n), 0);
  return sum % 10 === 0;
}

/** Australian Business Number: weighted sum modulo 89, after taking 1 from the first digit. */
function abn(value: string): boolean {
  const weights = [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19];
  return digits(value).reduce((s, n, i) => s + (i === 0 ? n - 1 : n) * weights[i]!, 0) % 89 === 0;
}

// The format checks Peppol applies to these schemes (PEPPOL-COMMON-R040 to R043, R049, R050).
const FORMATS: Readonly<Record<string, (value: string) => boolean>> = {
  '0088': (v) => /^\d{13}$/.test(v) && gs1(v),
  '0192': (v) => /^\d{9}$/.test(v) && mod11(v),
  '0184': (v) => /^DK\d{8}$/.test(v),
  '0208': (v) => /^\d{10}$/.test(v) && mod97(v),
  '0007': (v) => /^\d{10}$/.test(v) && luhn(v),
  '0151': (v) => /^\d{11}$/.test(v) && abn(v),
};

/** The first thing wrong with the address (unknown scheme, malformed identifier, bad check digits), or null. */
export function checkElectronicAddress({ scheme, value }: ElectronicAddress, prefix = ''): Failure | null {
  if (!KNOWN.has(scheme))
    return failure('INVALID_ELECTRONIC_ADDRESS_SCHEME', 'The scheme must be one of the EAS codes Punctual supports (0088, 0192, 0208, 9930, EM …)', `${prefix}electronicAddress.scheme`);
  const field = `${prefix}electronicAddress.value`;
  if (value.trim() === '') return failure('INVALID_ELECTRONIC_ADDRESS', 'The electronic address is empty', field);
  if (scheme === 'EM') return isEmail(value) ? null : failure('INVALID_ELECTRONIC_ADDRESS', 'Scheme EM needs an e-mail address', field);
  if (value.length > MAX_IDENTIFIER || !/^[A-Za-z0-9][A-Za-z0-9._:/+-]*$/.test(value))
    return failure('INVALID_ELECTRONIC_ADDRESS', `An identifier is at most ${MAX_IDENTIFIER} letters, digits and . _ : / + -, without spaces`, field);
  const format = FORMATS[scheme];
  return format && !format(value) ? failure('INVALID_ELECTRONIC_ADDRESS', `Not a valid identifier for scheme ${scheme} (check the digits)`, field) : null;
}
