import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { sendFailure } from './errors.ts';

/** Where `npm run build:web` (and `npm install`, through "prepare") writes the team's web app. */
export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

export function webAppBuilt(dist = WEB_DIST): boolean {
  return existsSync(join(dist, 'index.html'));
}

const notBuilt = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Punctual</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:3rem auto;padding:0 1rem;color:#1f2937}code{background:#f3f4f6;padding:.1rem .3rem;border-radius:4px}</style>
</head><body><h1>Punctual</h1><p>The web app has not been built on this machine. Run <code>npm run build:web</code> and reload.</p>
<p>The REST API works already: see <a href="/api">/api</a>.</p></body></html>`;

/**
 * Serves the built React app: hashed assets under /assets with a year-long cache, and index.html (revalidated
 * every time) for every other GET outside /api, so the app's own routes (/customers/…) survive a reload. Without a build, the root
 * page says how to make one.
 */
export function webAppRoutes(dist = WEB_DIST): FastifyPluginAsync {
  return async (app) => {
    if (!webAppBuilt(dist)) {
      app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(notBuilt));
      return;
    }
    // Asset names carry a content hash, so they may be cached for a year; a rebuild while the server runs is
    // picked up because assets are looked up on each request.
    await app.register(fastifyStatic, { root: join(dist, 'assets'), prefix: '/assets/', index: false, maxAge: '365d', immutable: true });
    const page = async (_request: unknown, reply: FastifyReply) => reply.header('cache-control', 'no-cache').sendFile('index.html', dist, { cacheControl: false });
    app.get('/', { schema: { hide: true } }, page);
    // The customer portal is its own page (web/portal), with its own small bundle.
    const portal = async (_request: unknown, reply: FastifyReply) => reply.header('cache-control', 'no-cache').sendFile('portal/index.html', dist, { cacheControl: false });
    app.get('/portal', { schema: { hide: true } }, portal);
    app.get('/portal/*', { schema: { hide: true } }, portal);
    app.get('/*', { schema: { hide: true } }, async (request, reply) => {
      if (request.url === '/api' || request.url.startsWith('/api/') || request.url.startsWith('/portal-api/')) return sendFailure(reply, { code: 'NOT_FOUND', message: 'No such route' });
      return page(request, reply);
    });
  };
}
