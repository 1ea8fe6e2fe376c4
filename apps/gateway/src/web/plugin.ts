import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import { SCREEN_PATH } from '@onpatrol/contracts';
import type { FastifyInstance } from 'fastify';
import { withRouteAccess } from '../auth/access.js';

/**
 * Serve the built web app: one public route per file found at start (no wildcard), and
 * index.html at each screen's path so a reload of a client route works. Every other path is the
 * 404 of the not-found handler: the gateway answers exactly the routes in its table.
 */
export async function webPlugin(app: FastifyInstance, opts: { root: string }): Promise<void> {
  if (!existsSync(path.join(opts.root, 'index.html'))) {
    app.log.warn({ root: opts.root }, 'web app not built: only the API is served');
    return;
  }
  // The page, its scripts and styles hold no data: the sign-in screen is part of them.
  await app.register(
    withRouteAccess({ public: true }, async (scope: FastifyInstance) => {
      await scope.register(fastifyStatic, { root: opts.root, wildcard: false, index: ['index.html'] });
      for (const screenPath of new Set(Object.values(SCREEN_PATH))) {
        if (screenPath === '/') continue; // the static plugin serves index.html at / already
        scope.get(screenPath, { config: { public: true }, schema: { hide: true } }, (_req, reply) =>
          reply.type('text/html').sendFile('index.html'),
        );
      }
    }),
  );
}
