/** Code-unit order of ids: stable across locales, unlike localeCompare, so reports sort the same everywhere. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
