import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('..', import.meta.url));

// The team's web app. `npm run build:web` writes web/dist, which the Fastify server serves; `npm run dev:web`
// serves it with hot reload and forwards /api to a Punctual running on PUNCTUAL_API (default :3000).
export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    // Two pages: the team's app, and the customer portal (web/portal, served at /portal).
    rolldownOptions: { input: { app: `${root}index.html`, portal: `${root}portal/index.html` } },
  },
  server: {
    // Shared pure code (currency digits) is imported from src/domain.
    fs: { allow: [repo] },
    proxy: { '/api': process.env.PUNCTUAL_API ?? 'http://127.0.0.1:3000', '/portal-api': process.env.PUNCTUAL_API ?? 'http://127.0.0.1:3000' },
  },
});
