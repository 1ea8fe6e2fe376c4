import type { Role } from './domain.js';

/** What a signed-in user may do; routes name the permission they need. */
export const PERMISSIONS = [
  'registry:read',
  'registry:export',
  'registry:import',
  'audit:read',
  'users:manage',
  'ops:read',
  'alarms:handle',
  'incidents:report',
  'dispatch:send',
  'unit:act',
  'stats:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The role → permission table, enforced by the gateway on every route. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  // Admins run the system; they do not report as a street unit.
  admin: PERMISSIONS.filter((p) => p !== 'unit:act'),
  shift_leader: [
    'registry:read',
    'registry:export',
    'audit:read',
    'ops:read',
    'alarms:handle',
    'incidents:report',
    'dispatch:send',
    'stats:read',
  ],
  duty_officer: [
    'registry:read',
    'registry:export',
    'ops:read',
    'alarms:handle',
    'incidents:report',
    'stats:read',
  ],
  station_chief: [
    'registry:read',
    'registry:export',
    'registry:import',
    'audit:read',
    'ops:read',
    'stats:read',
  ],
  community_officer: ['registry:read', 'registry:export', 'registry:import', 'ops:read'],
  street_unit: ['registry:read', 'unit:act'],
};

/** True when the role carries the permission. */
export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
