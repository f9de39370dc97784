// The pack a collection agency receives: README with checksums, statement of account, invoice PDFs and the
// customer's full communication log as PDF and CSV, in one ZIP.
export { buildPack, readmeText, sha256, type PackContact, type PackFile, type PackInput, type PackInvoice, type PackSheet } from './build-pack.ts';
export { logCsv, logLines, referencedInvoiceIds, type LogEntry, type LogLine } from './communication-log.ts';
export { PACK_LABELS, type PackLabels } from './labels/index.ts';
