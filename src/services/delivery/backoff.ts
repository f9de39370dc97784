const BASE_SECONDS = 30;
const CAP_SECONDS = 6 * 3600;

/**
 * Seconds to wait after failed attempt number `attempt` (1-based): exponential from 30 s, capped at six
 * hours, with the upper half jittered so messages that failed together do not all retry together.
 */
export function retryDelaySeconds(attempt: number, random: () => number): number {
  const ceiling = Math.min(CAP_SECONDS, BASE_SECONDS * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
