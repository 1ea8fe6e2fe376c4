import type { Permission } from '@onpatrol/contracts';
import type { SessionUser } from './auth/service.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Permission the route needs; every /api route names one or is marked public. */
    permission?: Permission;
    public?: boolean;
  }
  interface FastifyRequest {
    user: SessionUser | null;
  }
}

/** The part of a user that decides what they may see: null station = the whole district. */
export interface Scope {
  stationId: string | null;
}

/** Scope of the signed-in user (routes with a permission always have one). */
export function scopeOf(user: SessionUser | null): Scope {
  if (!user) throw new Error('scopeOf called on a public route');
  return { stationId: user.stationId };
}
