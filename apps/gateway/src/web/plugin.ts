import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../errors.js';

/** Serve the built web app; unknown non-API GETs get index.html so client routes work on reload. */
export async function webPlugin(app: FastifyInstance, opts: { root: string }): Promise<void> {
  const hasWeb = existsSync(path.join(opts.root, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: opts.root, wildcard: false, index: ['index.html'] });
  } else {
    app.log.warn({ root: opts.root }, 'web app not built: only the API is served');
  }
  app.setNotFoundHandler((request, reply) => {
    const isPage =
      request.method === 'GET' && !request.url.startsWith('/api/') && !request.url.startsWith('/docs');
    if (hasWeb && isPage) return reply.type('text/html').sendFile('index.html');
    throw new NotFoundError(`route ${request.method} ${request.url.split('?')[0]}`);
  });
}
