import type { Role } from '@onpatrol/contracts';
import { StreamCapError, StreamQuotaError, StreamReserveError } from './errors.js';

/**
 * Who asks for a stream: the user's name (what a stream's viewers are kept by) and role. A bare
 * name (tests, in-process callers) has no role: no per-user quota, and never the reserve.
 */
export interface Viewer {
  name: string;
  role?: Role;
}

/** The command centre: only they may start a stream in the pool's reserve. */
export const COMMAND_CENTRE_ROLES: readonly Role[] = ['admin', 'shift_leader', 'duty_officer'];

/** How the pool of concurrent pulls is shared. */
export interface PoolRules {
  maxStreams: number;
  /** Pulls only the command centre may start (the last ones of the pool). */
  commandReserve: number;
  /** Most streams one user may hold at once, by role (joined ones count too); absent: no limit. */
  userStreams: Partial<Record<Role, number>>;
}

/**
 * Throws unless a new pull may start while `active` pulls run: StreamCapError at the pool's size,
 * StreamReserveError in the reserve for anyone but the command centre (a pre-warm, `null`,
 * included: the reserve is for people at the wall).
 */
export function checkPool(rules: PoolRules, active: number, viewer: Viewer | null): void {
  if (active >= rules.maxStreams) throw new StreamCapError(rules.maxStreams);
  const command = viewer?.role !== undefined && COMMAND_CENTRE_ROLES.includes(viewer.role);
  if (!command && active >= rules.maxStreams - rules.commandReserve) {
    throw new StreamReserveError(rules.maxStreams, rules.commandReserve);
  }
}

/** Throws StreamQuotaError when the viewer already holds `held` streams, their role's share. */
export function checkQuota(rules: PoolRules, viewer: Viewer, held: number): void {
  const limit = viewer.role === undefined ? undefined : rules.userStreams[viewer.role];
  if (limit !== undefined && held >= limit) throw new StreamQuotaError(viewer.role!, limit);
}
