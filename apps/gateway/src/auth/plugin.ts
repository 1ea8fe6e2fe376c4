import { roleHas } from '@onpatrol/contracts';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ForbiddenError, UnauthorizedError } from '../errors.js';
import type { AuthService } from './service.js';

export const SESSION_COOKIE = 'op_session';

declare module 'fastify' {
  interface FastifyInstance {
    auth: AuthService;
  }
}

/**
 * Guards every /api route: a route must be marked public or name a permission (checked at
 * start-up), and a request must carry a live session whose role has that permission.
 */
export const authGuard = fp(
  async (app: FastifyInstance, opts: { auth: AuthService }) => {
    app.decorate('auth', opts.auth);
    app.decorateRequest('user', null);

    app.addHook('onRoute', (route) => {
      const url = route.url ?? route.path;
      if (!url.startsWith('/api/') || route.method === 'HEAD') return;
      const cfg = route.config as { permission?: string; public?: boolean } | undefined;
      if (!cfg?.public && !cfg?.permission) {
        throw new Error(`route ${String(route.method)} ${url} names no permission and is not public`);
      }
    });

    app.addHook('onRequest', async (request) => {
      const cfg = request.routeOptions.config;
      if (!request.url.startsWith('/api/') || cfg.public) return;
      const token = request.cookies[SESSION_COOKIE];
      const user = token ? await opts.auth.userForToken(token) : null;
      if (!user) throw new UnauthorizedError();
      request.user = user;
      if (cfg.permission && !roleHas(user.role, cfg.permission)) throw new ForbiddenError(cfg.permission);
    });
  },
  { name: 'auth-guard', dependencies: ['@fastify/cookie'] },
);
