import { createHmac } from 'node:crypto';

/** Headers of a request signed as an alarm device or unit terminal signs it (see the gateway's ops/deviceAuth.ts). */
export function deviceHeaders(
  secret: string,
  deviceId: string,
  method: string,
  path: string,
  body: string,
): Record<string, string> {
  const key = createHmac('sha256', secret).update(`device:${deviceId}`).digest();
  const timestamp = String(Date.now());
  const signature = createHmac('sha256', key).update(`${timestamp}.${method}.${path}.${body}`).digest('hex');
  return {
    'content-type': 'application/json',
    'x-device-id': deviceId,
    'x-timestamp': timestamp,
    'x-signature': signature,
  };
}

export const DEMO_DEVICE_SECRET = 'onpatrol-demo-device-secret';
