// SQL select lists that map snake_case columns onto the contract's camelCase fields.
export const STATION_COLS = `id, no, name, name_en AS "nameEn", address, phone, lat, lon, polygon`;
export const SITE_COLS = `id, kind, name, station_id AS "stationId", address, lat, lon`;
const SET_BASE_COLS = `s.id, s.name, s.site_id AS "siteId", s.station_id AS "stationId", s.vendor, s.host,
  s.rtsp_port AS "rtspPort", s.status,
  (SELECT count(*)::int FROM cameras c WHERE c.set_id = s.id) AS "cameraCount"`;
const SET_CONTACT_COLS = `s.owner, s.owner_phone AS "ownerPhone", s.maintainer, s.maintainer_phone AS "maintainerPhone"`;
/** A camera set's columns; its owner's and maintainer's contacts only where the scope shows them. */
export const setCols = (contacts: boolean) =>
  contacts ? `${SET_BASE_COLS}, ${SET_CONTACT_COLS}` : SET_BASE_COLS;
export const CAMERA_COLS = `c.id, c.name, c.set_id AS "setId", c.site_id AS "siteId", c.station_id AS "stationId",
  c.channel, c.kind, c.lat, c.lon, c.bearing, c.fov, c.range_m AS "range", c.main_url AS "mainUrl",
  c.sub_url AS "subUrl", c.status`;
export const ALARM_COLS = `id, name, site_id AS "siteId", station_id AS "stationId", lat, lon, zone, status`;
