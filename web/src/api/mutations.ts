import { useMutation, useQueryClient } from '@tanstack/react-query';

/**
 * A change through the API; on success every cached list and figure is refetched, because one payment moves
 * an invoice, a customer's balance, the timeline and the dashboard at once.
 */
export function useChange<I, O>(run: (input: I) => Promise<O>, onDone?: (output: O) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async (output) => {
      await queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      onDone?.(output);
    },
  });
}
