import { uuidv7 } from 'uuidv7';

// Time-ordered UUIDs: new rows land at the right edge of the primary-key index, and ordering by id is
// ordering by creation, which keyset pagination relies on.
export function newId(): string {
  return uuidv7();
}
