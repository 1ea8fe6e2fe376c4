import { createHmac } from 'node:crypto';

/** The embedded default's device secret (published; never used in production). */
export const DEMO_DEVICE_SECRET = 'onpatrol-demo-device-secret';

/**
 * Headers of a request signed as an alarm device or unit terminal signs it: key =
 * HMAC-SHA256(secret, `device:<id>`), signature = hex HMAC-SHA256(key, `<ts>.<METHOD>.<path>.<body>`)
 * (the gateway's ops/deviceAuth.ts checks it).
 */
export function deviceHeaders(
  secret: string,
  deviceId: string,
  method: string,
  path: string,
  body: string,
): Record<string, string> {
  const key = createHmac('sha256', secret).update(`device:${deviceId}`).digest();
  const timestamp = String(Date.now());
  const signature = createHmac('sha256', key)
    .update(`${timestamp}.${method.toUpperCase()}.${path}.${body}`)
    .digest('hex');
  return {
    'content-type': 'application/json',
    'x-device-id': deviceId,
    'x-timestamp': timestamp,
    'x-signature': signature,
  };
}

/** Raise an alarm as an infrared device would: a signed POST to the gateway's device endpoint. */
export async function raiseAlarm(
  baseUrl: string,
  deviceId: string,
  kind = 'intrusion',
  secret = DEMO_DEVICE_SECRET,
) {
  const path = '/api/device/alarms';
  const body = JSON.stringify({ kind });
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: deviceHeaders(secret, deviceId, 'POST', path, body),
    body,
  });
  if (res.status !== 202) throw new Error(`alarm refused: ${res.status} ${await res.text()}`);
  return (await res.json()) as { alarmId: number; merged: boolean };
}
