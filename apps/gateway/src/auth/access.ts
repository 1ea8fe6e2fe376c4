import type { Permission } from '@onpatrol/contracts';
import type {
  FastifyContextConfig,
  FastifyInstance,
  FastifyPluginAsync,
  FastifyPluginCallback,
  FastifyPluginOptions,
  RouteOptions,
} from 'fastify';

/**
 * Routes that check their caller themselves, with a credential other than the session:
 * `media` — the session cookie plus a signed, short-lived URL (HLS from /api/cameras/:id/live);
 * `device` — an HMAC signature of the request by an alarm device or unit terminal.
 */
export const SELF_CHECKED = ['media', 'device'] as const;
export type SelfChecked = (typeof SELF_CHECKED)[number];

/** How the guard decides a route: what its config declares. */
export type AccessKind = 'public' | 'permission' | SelfChecked;

/** One route the router can reach, as the authorization tests and the docs see it. */
export interface RouteEntry {
  method: string;
  url: string;
  access: AccessKind;
  /** The permission of an `access: 'permission'` route, else null. */
  permission: Permission | null;
}

/** The access declaration of a route config, or null when it declares none (or more than one). */
export function accessOf(cfg: FastifyContextConfig | undefined): AccessKind | null {
  if (!cfg) return null;
  const declared: AccessKind[] = [];
  if (cfg.public === true) declared.push('public');
  if (cfg.permission) declared.push('permission');
  if (cfg.access && (SELF_CHECKED as readonly string[]).includes(cfg.access)) declared.push(cfg.access);
  return declared.length === 1 ? (declared[0] ?? null) : null;
}

// The access a plugin we do not write (Swagger UI, static files) gives all its routes, kept on
// its Fastify instance: child instances inherit it through their prototype chain.
const kDefaultAccess = Symbol('onpatrol.defaultAccess');
type WithDefault = FastifyInstance & { [kDefaultAccess]?: FastifyContextConfig };

/**
 * Register a third-party plugin whose routes cannot carry our config: every route it adds is
 * declared with `access` (e.g. `{ public: true }` for the API docs). Our own routes never use this.
 */
export function withRouteAccess<O extends FastifyPluginOptions>(
  access: FastifyContextConfig,
  plugin: FastifyPluginCallback<O> | FastifyPluginAsync<O>,
): FastifyPluginAsync<O> {
  return async (instance, opts) => {
    (instance as WithDefault)[kDefaultAccess] = access;
    await instance.register(plugin as FastifyPluginAsync<O>, opts);
  };
}

/**
 * The onRoute check: the route's declared access (or its plugin's, see withRouteAccess), written
 * back into the config the guard reads per request. Throws for a route that declares none, so a
 * gateway with an undeclared route never starts.
 */
export function declareRoute(instance: FastifyInstance, route: RouteOptions): RouteEntry[] {
  const fallback = (instance as WithDefault)[kDefaultAccess];
  const own = accessOf(route.config);
  const ownDeclares = route.config && (route.config.public || route.config.permission || route.config.access);
  if (!own && ownDeclares) {
    throw new Error(
      `route ${String(route.method)} ${route.url} must declare exactly one of public, permission or access (${SELF_CHECKED.join('|')})`,
    );
  }
  if (!own && fallback) route.config = { ...route.config, ...fallback };
  const access = accessOf(route.config);
  if (!access) {
    throw new Error(
      `route ${String(route.method)} ${route.url} declares no access: give it config.public, a config.permission or config.access`,
    );
  }
  // Not listed: the copy Fastify adds at `${prefix}/` of a plugin's '/' (e.g. /docs/) without
  // running onRoute. It shares this route's options, so the guard decides it the same way, and
  // the server reports it as this route (routeOptions.url is the prefix).
  return [route.method].flat().map((method) => ({
    method: String(method),
    url: route.url,
    access,
    permission: access === 'permission' ? (route.config?.permission ?? null) : null,
  }));
}
