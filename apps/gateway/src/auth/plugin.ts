import { type Permission, roleHas } from '@onpatrol/contracts';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ForbiddenError, UnauthorizedError } from '../errors.js';
import type { AuthService } from './service.js';

export const SESSION_COOKIE = 'op_session';

/** One guarded route as the authorization matrix test and the docs see it. */
export interface ApiRoute {
  method: string;
  url: string;
  permission: Permission | null;
  public: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    auth: AuthService;
    /** Every /api route with the permission it needs, collected as routes are added. */
    apiRoutes: ApiRoute[];
  }
}

/**
 * Guards every /api route: a route must be marked public or name a permission (checked at
 * start-up), and a request must carry a live session whose role has that permission.
 */
export const authGuard = fp(
  async (app: FastifyInstance, opts: { auth: AuthService }) => {
    app.decorate('auth', opts.auth);
    const apiRoutes: ApiRoute[] = [];
    app.decorate('apiRoutes', apiRoutes);
    app.decorateRequest('user', null);

    app.addHook('onRoute', (route) => {
      const url = route.url ?? route.path;
      if (!url.startsWith('/api/') || route.method === 'HEAD') return;
      const cfg = route.config as { permission?: Permission; public?: boolean } | undefined;
      if (!cfg?.public && !cfg?.permission) {
        throw new Error(`route ${String(route.method)} ${url} names no permission and is not public`);
      }
      for (const method of [route.method].flat()) {
        apiRoutes.push({
          method: String(method),
          url,
          permission: cfg.permission ?? null,
          public: !!cfg.public,
        });
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
