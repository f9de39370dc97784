/**
 * A whole-number setting of at least 1 from the environment, or the fallback when unset or empty. Anything
 * else stops the start with a message naming the variable, so a typo never runs with a surprise value.
 */
export function positiveSetting(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a whole number of at least 1, not "${raw}"`);
  return value;
}
