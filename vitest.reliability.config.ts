import { defineConfig } from 'vitest/config';

// `npm run test:reliability`: the long proofs under load and faults (docs/readme/reliability.md). Not part of
// `npm test`; CI runs the short form (RELIABILITY_MINUTES=0.3) on PostgreSQL. The load test measures latency
// and memory, so the fault tests run one file at a time beside it rather than competing for the two cores.
export default defineConfig({
  test: {
    name: 'reliability',
    include: ['test/reliability/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    environment: 'node',
    maxWorkers: 2,
    testTimeout: 900_000,
    hookTimeout: 300_000,
  },
});
