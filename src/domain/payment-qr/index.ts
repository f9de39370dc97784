// Payment QR payloads for invoices: which bank-transfer instructions fit the currency, the payload strings
// themselves, and the IBAN / RF creditor reference checks that bank settings and invoices reuse.
export { choosePaymentQr, type BankAccountDetails, type PaymentInstructions, type PaymentQrKind, type PaymentQrRequest } from './choose-payment-qr.ts';
export { buildEpcPayload, EPC_MAX_BYTES, type EpcTransfer } from './epc.ts';
export { buildVietQrPayload, type VietQrTransfer } from './vietqr.ts';
export { buildGostPayload, type GostPaymentOrder } from './gost-st00012.ts';
export { buildRfReference, formatRfReference, isValidRfReference, validateRfReference } from './rf-reference.ts';
export { formatIban, isValidIban, normalizeIban, validateIban } from './iban.ts';
export { crc16CcittFalse } from './crc16.ts';
export { displayAmount, transferTextBlock, type TransferField, type TransferLine } from './transfer-lines.ts';
export type { PaymentQrErrorCode, PaymentQrFailure } from './failure.ts';
