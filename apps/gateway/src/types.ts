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

/** A point on the map (WGS-84 degrees). */
export interface GeoPoint {
  lat: number;
  lon: number;
}

/**
 * How far around each place of its open orders a street unit sees the registry (cameras, their
 * sets and sites, alarm devices) and opens live video: least privilege for a patrol car.
 */
export const UNIT_RADIUS_M = 300;

/** The part of a user that decides what they may see: null station = the whole district. */
export interface Scope {
  stationId: string | null;
  /**
   * Set for a street unit: only what lies within UNIT_RADIUS_M of these places (its open
   * orders'; none: nothing), and never an owner's or maintainer's contact.
   */
  near?: readonly GeoPoint[];
}

/** Scope of the signed-in user (routes with a permission always have one). */
export function scopeOf(user: SessionUser | null): Scope {
  if (!user) throw new Error('scopeOf called on a public route');
  // The guard loads a unit's order places; without them a unit sees nothing (fail closed).
  if (user.role === 'street_unit') return { stationId: user.stationId, near: user.orderPlaces ?? [] };
  return { stationId: user.stationId };
}
