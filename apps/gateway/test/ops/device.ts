import { deviceKey, signDeviceRequest } from '../../src/ops/deviceAuth.js';

/** Headers and body of a request signed as a device would sign it. */
export function signed(
  secret: string,
  deviceId: string,
  url: string,
  body: object | null,
  method = 'POST',
  at = Date.now(),
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
      'x-signature': signDeviceRequest(deviceKey(secret, deviceId), timestamp, method, url, payload),
    },
  };
}
