/**
 * GB/T 28181 codes: 8-digit centre code (province 2, city 2, district 2, base unit 2), 2-digit
 * industry code, 3-digit type code, 1-digit network code and a 6-digit serial.
 */
export const YUNHE_AREA_CODE = '130903';

/** Type codes used by Online Patrol (GB/T 28181 appendix D). */
export const GB_TYPE = {
  nvr: '118',
  camera: '131',
  ipc: '132',
  alarmInput: '134',
  centre: '200',
  organisation: '216',
} as const;

/** Industry codes chosen per site kind (GB/T 28181 appendix D, social-security range). */
export const GB_INDUSTRY = {
  road: '00',
  community: '01',
  internal: '02',
  other: '03',
} as const;

export interface GbIdParts {
  area: string;
  unit: string;
  industry: string;
  type: string;
  network: string;
  serial: string;
}

/** Build a 20-digit code; throws if a part has the wrong width. */
export function makeGbId(p: Omit<GbIdParts, 'serial'> & { serial: number | string }): string {
  const serial = typeof p.serial === 'number' ? String(p.serial).padStart(6, '0') : p.serial;
  const id = `${p.area}${p.unit}${p.industry}${p.type}${p.network}${serial}`;
  if (!/^[0-9]{20}$/.test(id)) throw new Error(`invalid GB/T 28181 code parts: ${id}`);
  return id;
}

/** Split a 20-digit code into its parts, or return null when it is not one. */
export function parseGbId(id: string): GbIdParts | null {
  if (!/^[0-9]{20}$/.test(id)) return null;
  return {
    area: id.slice(0, 6),
    unit: id.slice(6, 8),
    industry: id.slice(8, 10),
    type: id.slice(10, 13),
    network: id.slice(13, 14),
    serial: id.slice(14, 20),
  };
}
