import { accountKey } from '../../domain/matching/index.ts';
import { failure, type Result, success } from '../../domain/result.ts';

/**
 * An account as stored and compared: letters and digits only, upper-case (the matcher's account key).
 * Null when none is given; a failure naming `field` when the text is no account at all.
 */
export function cleanAccount(text: string | null | undefined, field: string): Result<string | null> {
  if (text === undefined || text === null) return success(null);
  const key = accountKey(text);
  return key === null ? failure('INVALID_BANK_ACCOUNT', 'An account is an IBAN or an account number of at least 8 letters and digits', field) : success(key);
}
