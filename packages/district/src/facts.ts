/** The customer's figures for the Yunhe branch (shared/DOMAIN.md); the generator reproduces them exactly. */
export const DISTRICT_FACTS = {
  stations: 8,
  keySites: 25,
  compounds: 167,
  villages: 80,
  shops: 981,
  cameraSets: 439,
  cameras: 5999,
  alarmDevices: 1186,
  areaKm2: 117.7,
} as const;

/** Area the outline is scaled to, km². */
export const DISTRICT_AREA_KM2 = DISTRICT_FACTS.areaKm2;
