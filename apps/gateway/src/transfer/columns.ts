import type { CAMERA_CSV_COLUMNS, CameraKind, DeviceStatus } from '@onpatrol/contracts';

export type CsvColumn = (typeof CAMERA_CSV_COLUMNS)[number];

/** Header names accepted on import: the export's own names and the Chinese ones stations use. */
// Maps, not plain objects: a client's key must never match an Object.prototype property.
export const HEADER_ALIASES = new Map<string, CsvColumn>(
  Object.entries({
    编码: 'id',
    设备编码: 'id',
    国标编码: 'id',
    名称: 'name',
    设备名称: 'name',
    设备套编码: 'set_id',
    所属设备套: 'set_id',
    场所编码: 'site_id',
    通道: 'channel',
    通道号: 'channel',
    类型: 'kind',
    纬度: 'lat',
    经度: 'lon',
    方位角: 'bearing',
    视场角: 'fov',
    距离: 'range',
    监控距离: 'range',
    主码流: 'main_url',
    子码流: 'sub_url',
    状态: 'status',
  } satisfies Record<string, CsvColumn>),
);

export const REQUIRED_COLUMNS: readonly CsvColumn[] = [
  'id',
  'name',
  'set_id',
  'channel',
  'kind',
  'lat',
  'lon',
  'bearing',
  'fov',
  'range',
  'main_url',
  'sub_url',
];

/** Values accepted for `kind`, English or Chinese. */
export const KIND_VALUES = new Map<string, CameraKind>(
  Object.entries({
    bullet: 'bullet',
    dome: 'dome',
    ptz: 'ptz',
    枪机: 'bullet',
    半球: 'dome',
    球机: 'dome',
    云台: 'ptz',
  } satisfies Record<string, CameraKind>),
);

/** Values accepted for `status`, English or Chinese. */
export const STATUS_VALUES = new Map<string, DeviceStatus>(
  Object.entries({
    online: 'online',
    offline: 'offline',
    fault: 'fault',
    maintenance: 'maintenance',
    在线: 'online',
    离线: 'offline',
    故障: 'fault',
    维修: 'maintenance',
  } satisfies Record<string, DeviceStatus>),
);
