import { performance } from 'node:perf_hooks';

export interface Sample {
  readonly name: string;
  readonly status: number;
  /** When the request was sent, in seconds from the start of the load. */
  readonly at: number;
  readonly ms: number;
}

export interface LoadReport {
  readonly samples: readonly Sample[];
  /** Slots that found too many requests still outstanding and were not fired: the server fell behind. */
  readonly dropped: number;
  /** Actions that threw: a network error (also sampled as status 0) or an answer they could not use. */
  readonly errors: readonly string[];
  readonly seconds: number;
}

/** A request of the mix: it returns the statuses of the calls it made (a chain may make several). */
export type Action = (call: Call) => Promise<void>;
export type Call = (name: string, url: string, init?: RequestInit) => Promise<Response>;

/**
 * Open-loop load: one action every 1/rate seconds whatever the answers take, as independent clients
 * would send them (a closed loop slows down with the server and hides its stalls). Status 0 is a
 * network error. Timing is corrected against the start, so a late timer does not lower the rate.
 */
export async function fixedRate(options: { rate: number; seconds: number; pick: () => Action; maxOutstanding?: number }): Promise<LoadReport> {
  const samples: Sample[] = [];
  const start = performance.now();
  const call: Call = async (name, url, init) => {
    const started = performance.now();
    const at = (started - start) / 1000;
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
      samples.push({ name, status: response.status, at, ms: performance.now() - started });
      return response;
    } catch (error) {
      samples.push({ name, status: 0, at, ms: performance.now() - started });
      throw error;
    }
  };
  const running = new Set<Promise<void>>();
  const limit = options.maxOutstanding ?? 200;
  let dropped = 0;
  const errors: string[] = [];
  const total = Math.round(options.rate * options.seconds);
  for (let i = 0; i < total; i += 1) {
    const due = start + (i * 1000) / options.rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (running.size >= limit) {
      dropped += 1;
      continue;
    }
    const action = options
      .pick()(call)
      .catch((error: Error) => void errors.push(error.message))
      .finally(() => running.delete(action));
    running.add(action);
  }
  await Promise.all(running);
  return { samples, dropped, errors, seconds: (performance.now() - start) / 1000 };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}
