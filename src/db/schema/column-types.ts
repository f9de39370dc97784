import { customType } from 'drizzle-orm/pg-core';

// Column types more than one schema file uses. Not re-exported from index.ts: the schema object holds tables.

/** PGlite hands bytea back as a Uint8Array and node-postgres as a Buffer: one type for callers. */
export const bytes = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});
