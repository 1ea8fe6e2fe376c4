import { createHmac } from 'node:crypto';

export const DEMO_DEVICE_SECRET = 'onpatrol-demo-device-secret';

/** Raise an alarm as an infrared device would: a signed POST to the gateway's device endpoint. */
export async function raiseAlarm(
  baseUrl: string,
  deviceId: string,
  kind = 'intrusion',
  secret = DEMO_DEVICE_SECRET,
) {
  const path = '/api/device/alarms';
  const body = JSON.stringify({ kind });
  const key = createHmac('sha256', secret).update(`device:${deviceId}`).digest();
  const timestamp = String(Date.now());
  const signature = createHmac('sha256', key).update(`${timestamp}.POST.${path}.${body}`).digest('hex');
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-device-id': deviceId,
      'x-timestamp': timestamp,
      'x-signature': signature,
    },
    body,
  });
  if (res.status !== 202) throw new Error(`alarm refused: ${res.status} ${await res.text()}`);
  return (await res.json()) as { alarmId: number; merged: boolean };
}
