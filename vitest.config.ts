import { availableParallelism } from 'node:os';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Two projects: fast unit tests beside the code, and integration tests on a real database
// (PGlite by default, PostgreSQL when DATABASE_URL is set — `npm run test:pg`).
export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the cores: a single worker on a 2-core CI machine, though the
    // integration files spend much of their time waiting on PostgreSQL or child processes.
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      {
        test: { name: 'unit', include: ['src/**/*.test.ts'], environment: 'node' },
      },
      {
        // The web app's components and formatting, in a simulated browser (happy-dom: jsdom fails on Node 20).
        plugins: [react()],
        test: { name: 'web', include: ['web/**/*.test.tsx', 'web/**/*.test.ts'], environment: 'happy-dom', setupFiles: ['web/src/test/setup.ts'] },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**', 'test/reliability/**'],
          globalSetup: ['test/support/global-setup.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: true,
        },
      },
    ],
  },
});
