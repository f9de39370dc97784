// Reading the plain objects fast-xml-parser produces: an element is a string (text only), an object
// (children, attributes under "@", text under "#text"), or an array when it repeats.
export type XmlValue = unknown;

function isObject(value: XmlValue): value is Record<string, XmlValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The element's children called `name` (none, one or several), always as an array. */
export function all(node: XmlValue, name: string): XmlValue[] {
  if (!isObject(node) || !Object.hasOwn(node, name)) return [];
  const value = node[name];
  return Array.isArray(value) ? value : [value];
}

/** Follow a path of single children: at(ntry, 'BookgDt', 'Dt'). */
export function at(node: XmlValue, ...path: string[]): XmlValue {
  let current = node;
  for (const name of path) current = all(current, name)[0];
  return current;
}

/** Trimmed text content of an element value, or undefined for a missing or empty element. */
export function textOf(value: XmlValue): string | undefined {
  const text = typeof value === 'string' ? value : isObject(value) && typeof value['#text'] === 'string' ? value['#text'] : undefined;
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
}

export function textAt(node: XmlValue, ...path: string[]): string | undefined {
  return textOf(at(node, ...path));
}

export function attributeOf(node: XmlValue, name: string): string | undefined {
  if (!isObject(node)) return undefined;
  const value = node[`@${name}`];
  return typeof value === 'string' ? value.trim() : undefined;
}
