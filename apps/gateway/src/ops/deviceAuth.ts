import { createHmac, timingSafeEqual } from 'node:crypto';

/** Maximum clock difference accepted between a device and the gateway. */
export const DEVICE_CLOCK_SKEW_MS = 120_000;

/** A request nonce: 16–64 characters of base64url or hex (a device sends a fresh one each time). */
export const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/** A device's key, derived from the deployment secret and its ID (provisioned into the device). */
export function deviceKey(secret: string, deviceId: string): Buffer {
  return createHmac('sha256', secret).update(`device:${deviceId}`).digest();
}

/** The signature a device sends: HMAC-SHA256 over timestamp, nonce, method, path and body. */
export function signDeviceRequest(
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

export type DeviceRefusal = 'unknown_device' | 'bad_signature' | 'stale_timestamp' | 'malformed' | 'replayed';

/**
 * Check a signed device request; returns why it is refused, or null when it is good. A good
 * request may still be a replay: its nonce must then be claimed (see DeviceNonces).
 */
export function checkDeviceSignature(
  key: Buffer,
  headers: { timestamp?: string; nonce?: string; signature?: string },
  method: string,
  path: string,
  body: string,
  now = Date.now(),
): DeviceRefusal | null {
  const { timestamp, nonce, signature } = headers;
  if (
    !timestamp ||
    !/^[0-9]{10,16}$/.test(timestamp) ||
    !nonce ||
    !NONCE_PATTERN.test(nonce) ||
    !signature ||
    !/^[0-9a-f]{64}$/.test(signature)
  ) {
    return 'malformed';
  }
  if (Math.abs(now - Number(timestamp)) > DEVICE_CLOCK_SKEW_MS) return 'stale_timestamp';
  const expected = Buffer.from(signDeviceRequest(key, timestamp, nonce, method, path, body), 'hex');
  return timingSafeEqual(expected, Buffer.from(signature, 'hex')) ? null : 'bad_signature';
}
