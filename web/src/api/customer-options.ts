import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Customer, Page } from './types.ts';

/** Customers by name for pickers: the first 200 matching what was typed. */
export function useCustomerOptions(q: string) {
  return useQuery({ queryKey: ['customers', 'options', q], queryFn: () => api.get<Page<Customer>>('/customers', { q: q || undefined, limit: 200 }) });
}
