import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from './client.ts';

export interface TimelineEntry {
  kind: 'event' | 'message' | 'portal_view';
  id: string;
  at: string;
  entityType: string | null;
  entityId: string | null;
  action: string | null;
  actorType: string | null;
  actorName: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  invoiceNumber: string | null;
  currency: string | null;
  channel: string | null;
  status: string | null;
  subject: string | null;
  body: string | null;
  recipient: string | null;
  views: number | null;
}

export function useTimeline(customerId: string) {
  return useInfiniteQuery({
    queryKey: ['timeline', customerId],
    queryFn: ({ pageParam }) => api.get<{ data: TimelineEntry[]; nextCursor: string | null }>(`/insight/customers/${customerId}/timeline`, { limit: 40, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
