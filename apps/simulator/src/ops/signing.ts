import { createHmac } from 'node:crypto';

// The gateway's device authentication (apps/gateway/src/ops/deviceAuth.ts), reimplemented here so
// the simulator stays a separate program that only shares the wire format.

/** A device's key: HMAC-SHA256(secret, `device:<id>`), raw 32 bytes, as provisioned into the device. */
export function deviceKey(secret: string, deviceId: string): Buffer {
  return createHmac('sha256', secret).update(`device:${deviceId}`).digest();
}

/** Hex HMAC-SHA256(key, `<timestamp>.<METHOD>.<path>.<body>`); `path` includes the query string. */
export function signRequest(
  key: Buffer,
  timestamp: string,
  method: string,
  path: string,
  body: string,
): string {
  return createHmac('sha256', key)
    .update(`${timestamp}.${method.toUpperCase()}.${path}.${body}`)
    .digest('hex');
}

/** The headers of a signed device request. */
export interface DeviceHeaders {
  'x-device-id': string;
  'x-timestamp': string;
  'x-signature': string;
}

/** Sign one request for `deviceId` at `now` (unix ms). */
export function deviceHeaders(
  secret: string,
  deviceId: string,
  req: { method: string; path: string; body: string },
  now = Date.now(),
): DeviceHeaders {
  const timestamp = String(now);
  return {
    'x-device-id': deviceId,
    'x-timestamp': timestamp,
    'x-signature': signRequest(deviceKey(secret, deviceId), timestamp, req.method, req.path, req.body),
  };
}
