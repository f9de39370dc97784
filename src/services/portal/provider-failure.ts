import { failure, type Failure } from '../../domain/result.ts';
import type { ProviderError } from '../../payments/provider.ts';

export function providerFailure(error: ProviderError): Failure {
  return failure('PAYMENT_PROVIDER_ERROR', `Online payment is not available right now: ${error.message}. Try again later or pay by bank transfer.`);
}

export const onlinePaymentUnavailable = (): Failure =>
  failure('ONLINE_PAYMENT_UNAVAILABLE', 'Online payment is not set up for this organization: pay by bank transfer');
