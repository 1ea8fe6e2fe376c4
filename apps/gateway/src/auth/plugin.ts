import { roleHas } from '@onpatrol/contracts';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ForbiddenError, UnauthorizedError } from '../errors.js';
import { declareRoute, type RouteEntry } from './access.js';
import { checkBodyType, checkSameOrigin, DEFAULT_ACCEPTS, STATE_CHANGING } from './sameOrigin.js';
import type { AuthService } from './service.js';

export type { RouteEntry } from './access.js';
export const SESSION_COOKIE = 'op_session';

declare module 'fastify' {
  interface FastifyInstance {
    auth: AuthService;
    /**
     * Every route the router can reach (HEAD included) with the access it declared, collected as
     * routes are added: the authorization tests are generated from it.
     */
    routeTable: RouteEntry[];
  }
}

/**
 * Guards every route, whatever its path: each must declare `public`, a `permission` or a
 * self-checked `access` (checked as routes are added, so an undeclared route stops the start),
 * and a request is decided on the route the router matched (`routeOptions.config`) and the
 * server's own session, never on how the URL was spelled. Unmatched requests go to the 404
 * handler. Changes (POST, PUT, PATCH, DELETE) must come from this site and carry a body of a
 * type the route takes. Register it before any route.
 */
export const authGuard = fp(
  async (
    app: FastifyInstance,
    opts: {
      auth: AuthService;
      /** Where a street unit's open orders are (its registry scope); none given: nowhere. */
      unitPlaces?: (unitId: string) => Promise<Array<{ lat: number; lon: number }>>;
    },
  ) => {
    app.decorate('auth', opts.auth);
    const routeTable: RouteEntry[] = [];
    app.decorate('routeTable', routeTable);
    app.decorateRequest('user', null);

    app.addHook('onRoute', function (route) {
      routeTable.push(...declareRoute(this, route));
    });

    app.addHook('onRequest', async (request) => {
      // No route matched: the not-found handler answers 404, the same for everyone.
      if (request.is404) return;
      const cfg = request.routeOptions.config;
      if (STATE_CHANGING.has(request.method)) {
        // Devices carry no browser cookies; everyone else's changes must come from our own pages.
        if (cfg.access !== 'device') checkSameOrigin(request);
        checkBodyType(request, cfg.accepts ?? DEFAULT_ACCEPTS);
      }
      if (cfg.public) return;
      if (cfg.access === 'media') {
        // The route checks the session and its signed URL itself; without a session cookie
        // there is nothing to check.
        if (!request.cookies[SESSION_COOKIE]) throw new UnauthorizedError();
        return;
      }
      // A device signs the raw body, which is not read yet: the route verifies it.
      if (cfg.access === 'device') return;
      const token = request.cookies[SESSION_COOKIE];
      const user = token ? await opts.auth.userForToken(token) : null;
      if (!user) throw new UnauthorizedError();
      request.user = user;
      // Deny by default: onRoute lets no route through without a declaration, and a route
      // declaring neither of the above would reach here without a permission.
      if (!cfg.permission) throw new ForbiddenError('(none declared)');
      if (!roleHas(user.role, cfg.permission)) throw new ForbiddenError(cfg.permission);
      // Read now, per request: an order that ends ends the unit's view of its surroundings.
      if (user.role === 'street_unit')
        user.orderPlaces = user.unitId && opts.unitPlaces ? await opts.unitPlaces(user.unitId) : [];
    });
  },
  { name: 'auth-guard', dependencies: ['@fastify/cookie'] },
);
