import { randomBytes } from 'node:crypto';
import { deviceKey, signDeviceRequest } from '../../src/ops/deviceAuth.js';

/** A fresh request nonce, as a device makes one for every request. */
export const freshNonce = () => randomBytes(16).toString('base64url');

/** Headers and body of a request signed as a device would sign it (a fresh nonce unless given). */
export function signed(
  secret: string,
  deviceId: string,
  url: string,
  body: object | null,
  method = 'POST',
  at = Date.now(),
  nonce = freshNonce(),
) {
  const payload = body === null ? '' : JSON.stringify(body);
  const timestamp = String(at);
  return {
    method: method as 'POST' | 'GET',
    url,
    payload: body === null ? undefined : payload,
    headers: {
      'content-type': 'application/json',
      'x-device-id': deviceId,
      'x-timestamp': timestamp,
      'x-nonce': nonce,
      'x-signature': signDeviceRequest(deviceKey(secret, deviceId), timestamp, nonce, method, url, payload),
    },
  };
}
