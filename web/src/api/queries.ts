import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Aging, CustomerOverview, DsoReport, Forecast, Prediction, Summary } from './types.ts';

// Query keys start with the resource, so a change can invalidate everything that shows it.
export const useSummary = () => useQuery({ queryKey: ['insight', 'summary'], queryFn: () => api.get<Summary>('/insight/summary') });
export const useAging = (query: { edges?: string; asOf?: string; customerId?: string } = {}) =>
  useQuery({ queryKey: ['insight', 'aging', query], queryFn: () => api.get<Aging>('/insight/aging', query) });
export const useDso = (query: { months?: number; method?: string } = {}) =>
  useQuery({ queryKey: ['insight', 'dso', query], queryFn: () => api.get<DsoReport>('/insight/dso', query) });
export const useForecast = () => useQuery({ queryKey: ['insight', 'forecast'], queryFn: () => api.get<Forecast>('/insight/forecast') });
export const useCustomerOverviews = (q: string) =>
  useQuery({ queryKey: ['insight', 'customers', q], queryFn: () => api.get<{ asOf: string; data: CustomerOverview[] }>('/insight/customers', { q, limit: 500 }) });
export const useCustomerOverview = (id: string) =>
  useQuery({ queryKey: ['insight', 'customers', 'one', id], queryFn: () => api.get<CustomerOverview>(`/insight/customers/${id}`), enabled: id !== '' });
/** One customer's predictions, or every open invoice's when `customerId` is null. */
export const usePredictions = (customerId: string | null) =>
  useQuery({ queryKey: ['insight', 'predictions', customerId], queryFn: () => api.get<{ asOf: string; data: Prediction[] }>('/insight/predictions', { customerId }), enabled: customerId !== '' });
