import type { Role } from './domain.js';

/** What a signed-in user may do; routes name the permission they need. */
export const PERMISSIONS = [
  'registry:read',
  'registry:export',
  'registry:import',
  'audit:read',
  'users:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The role → permission table, enforced by the gateway on every route. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  shift_leader: ['registry:read', 'registry:export', 'audit:read'],
  duty_officer: ['registry:read', 'registry:export'],
  station_chief: ['registry:read', 'registry:export', 'registry:import', 'audit:read'],
  community_officer: ['registry:read', 'registry:export', 'registry:import'],
  street_unit: ['registry:read'],
};

/** True when the role carries the permission. */
export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
