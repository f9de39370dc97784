/** The printed form of IBANs and RF references: groups of four characters separated by one space. */
export function inGroupsOfFour(compact: string): string {
  return compact.replace(/(.{4})(?=.)/g, '$1 ');
}
