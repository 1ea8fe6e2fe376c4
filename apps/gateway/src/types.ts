import type { Permission } from '@onpatrol/contracts';
import type { SessionUser } from './auth/service.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    // Every route declares exactly one of these three (auth/access.ts); the guard decides on it.
    /** Session required, and the user's role must carry this permission. */
    permission?: Permission;
    /** Anyone, signed in or not. */
    public?: boolean;
    /** The route checks its own credential (see SELF_CHECKED in auth/access.ts). */
    access?: 'media' | 'device';
    /** Media types a state-changing request's body may have; default application/json. */
    accepts?: readonly string[];
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
