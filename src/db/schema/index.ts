// One schema, one migration folder. Each area keeps its tables in its own file here; add an export line
// for a new file, then generate its migration (see CONTRIBUTING notes in the README).
export * from './core.ts';
export * from './outbox.ts';
export * from './documents.ts';
export * from './banking.ts';
export * from './terms.ts';
export * from './delivery.ts';
export * from './auth.ts';
export * from './collections.ts';
export * from './portal.ts';
export * from './handoffs.ts';
export * from './risk.ts';
