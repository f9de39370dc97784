import argon2 from 'argon2';
import { failure, type Failure } from '../../domain/result.ts';

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): about 30 ms here, and memory-hard against GPUs.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

export function checkPassword(password: string, email: string, field = 'password'): Failure | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return failure('WEAK_PASSWORD', `The password needs at least ${MIN_PASSWORD_LENGTH} characters`, field);
  if (length > MAX_PASSWORD_LENGTH) return failure('WEAK_PASSWORD', `The password may have at most ${MAX_PASSWORD_LENGTH} characters`, field);
  if (password.trim().toLowerCase() === email.trim().toLowerCase()) return failure('WEAK_PASSWORD', 'The password may not be the email address', field);
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

let decoy: Promise<string> | undefined;

/**
 * Checks a password against a stored hash. Without a hash (no such account, or no password set yet) a
 * decoy hash is checked instead, so the answer takes as long either way and timing tells nothing.
 */
export async function verifyPassword(hash: string | null | undefined, password: string): Promise<boolean> {
  if (!hash) {
    decoy ??= hashPassword('decoy password that matches nothing');
    await argon2.verify(await decoy, password);
    return false;
  }
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}
