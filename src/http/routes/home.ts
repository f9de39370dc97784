import type { FastifyPluginAsync } from 'fastify';

// The API's front door at /api: what a developer who found the server needs first (the web app owns /).
const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Punctual</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:3rem auto;padding:0 1rem;color:#1f2937}code{background:#f3f4f6;padding:.1rem .3rem;border-radius:4px}</style>
</head><body><h1>Punctual</h1><p>Accounts receivable that gets you paid on time.</p>
<p>The REST API is under <code>/api/v1</code>; its description is at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.
Send your API key as <code>Authorization: Bearer pk_…</code>. The README has a tour with curl.</p></body></html>`;

export const homeRoutes: FastifyPluginAsync = async (app) => {
  app.get('/api', { schema: { hide: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(page));
};
