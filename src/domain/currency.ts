// ISO 4217 minor-unit digits, kept by us: ICU disagrees with ISO for some codes (it says IDR 0, ISO says 2),
// and money must follow the standard. `displayDigits` is how many digits people expect to see printed.
export interface CurrencyInfo {
  readonly code: string;
  readonly numeric: string;
  readonly minorUnits: number;
  readonly displayDigits: number;
}

const table: ReadonlyArray<readonly [code: string, numeric: string, minorUnits: number, displayDigits?: number]> = [
  ['AED', '784', 2], ['AUD', '036', 2], ['BGN', '975', 2], ['BRL', '986', 2], ['CAD', '124', 2],
  ['CHF', '756', 2], ['CNY', '156', 2], ['CZK', '203', 2], ['DKK', '208', 2], ['EUR', '978', 2],
  ['GBP', '826', 2], ['HKD', '344', 2], ['HUF', '348', 2], ['IDR', '360', 2, 0], ['ILS', '376', 2],
  ['INR', '356', 2], ['JPY', '392', 0], ['KRW', '410', 0], ['KWD', '414', 3], ['MDL', '498', 2],
  ['MXN', '484', 2], ['MYR', '458', 2], ['NOK', '578', 2], ['NZD', '554', 2], ['PHP', '608', 2],
  ['PLN', '985', 2], ['RON', '946', 2], ['RSD', '941', 2], ['RUB', '643', 2], ['SEK', '752', 2],
  ['SGD', '702', 2], ['THB', '764', 2], ['TRY', '949', 2], ['UAH', '980', 2], ['USD', '840', 2],
  ['VND', '704', 0], ['ZAR', '710', 2], ['BHD', '048', 3], ['JOD', '400', 3], ['TND', '788', 3],
];

const currencies: ReadonlyMap<string, CurrencyInfo> = new Map(
  table.map(([code, numeric, minorUnits, displayDigits]) => [
    code,
    { code, numeric, minorUnits, displayDigits: displayDigits ?? minorUnits },
  ]),
);

export function isCurrencyCode(code: unknown): code is string {
  return typeof code === 'string' && currencies.has(code);
}

export function currencyInfo(code: string): CurrencyInfo {
  const info = currencies.get(code);
  if (!info) throw new Error(`Unknown currency ${code}: validate with isCurrencyCode at the boundary`);
  return info;
}

export function supportedCurrencies(): string[] {
  return [...currencies.keys()].sort();
}
