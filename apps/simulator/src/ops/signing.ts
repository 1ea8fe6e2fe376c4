import { createHmac, randomBytes } from 'node:crypto';

// The gateway's device authentication (apps/gateway/src/ops/deviceAuth.ts), reimplemented here so
// the simulator stays a separate program that only shares the wire format.

/** A device's key: HMAC-SHA256(secret, `device:<id>`), raw 32 bytes, as provisioned into the device. */
export function deviceKey(secret: string, deviceId: string): Buffer {
  return createHmac('sha256', secret).update(`device:${deviceId}`).digest();
}

/**
 * Hex HMAC-SHA256(key, `<timestamp>.<nonce>.<METHOD>.<path>.<body>`); `path` includes the query
 * string.
 */
export function signRequest(
  key: Buffer,
  timestamp: string,
  nonce: string,
  method: string,
  path: string,
  body: string,
): string {
  return createHmac('sha256', key)
    .update(`${timestamp}.${nonce}.${method.toUpperCase()}.${path}.${body}`)
    .digest('hex');
}

/** A fresh request nonce (22 base64url characters); the gateway refuses one it has seen. */
export function newNonce(): string {
  return randomBytes(16).toString('base64url');
}

/** The headers of a signed device request. */
export interface DeviceHeaders {
  'x-device-id': string;
  'x-timestamp': string;
  'x-nonce': string;
  'x-signature': string;
}

/** Sign one request for `deviceId` at `now` (unix ms), with a fresh nonce unless one is given. */
export function deviceHeaders(
  secret: string,
  deviceId: string,
  req: { method: string; path: string; body: string },
  now = Date.now(),
  nonce = newNonce(),
): DeviceHeaders {
  const timestamp = String(now);
  return {
    'x-device-id': deviceId,
    'x-timestamp': timestamp,
    'x-nonce': nonce,
    'x-signature': signRequest(deviceKey(secret, deviceId), timestamp, nonce, req.method, req.path, req.body),
  };
}
