import { ROLE_PERMISSIONS } from '@onpatrol/contracts';
import { describe, expect, it } from 'vitest';
import { allowedScreens, landingScreen, screenOf } from './screens';

describe('screens', () => {
  it('maps paths to screens, unknown ones to the map', () => {
    expect(screenOf('/unit')).toBe('unit');
    expect(screenOf('/dispatch/')).toBe('dispatch');
    expect(screenOf('/')).toBe('map');
    expect(screenOf('/nowhere')).toBe('map');
  });

  it('shows each role the screens its permissions allow', () => {
    expect(allowedScreens(ROLE_PERMISSIONS.duty_officer)).toEqual(['map', 'alarms', 'stats']);
    expect(allowedScreens(ROLE_PERMISSIONS.shift_leader)).toEqual([
      'map',
      'alarms',
      'dispatch',
      'stats',
      'audit',
    ]);
    expect(allowedScreens(ROLE_PERMISSIONS.street_unit)).toEqual(['map', 'unit']);
  });

  it('sends a street unit to its order page, and others away from screens they may not open', () => {
    expect(landingScreen('map', ROLE_PERMISSIONS.street_unit)).toBe('unit');
    expect(landingScreen('dispatch', ROLE_PERMISSIONS.street_unit)).toBe('unit');
    expect(landingScreen('dispatch', ROLE_PERMISSIONS.duty_officer)).toBe('map');
    expect(landingScreen('alarms', ROLE_PERMISSIONS.duty_officer)).toBe('alarms');
  });
});
