import { DEMO_DEVICE_SECRET, deviceHeaders as signedHeaders } from '@onpatrol/simulator';

/** The embedded default's device secret (published; never used in production). */
export { DEMO_DEVICE_SECRET };

/**
 * Headers of a JSON request signed as an alarm device or unit terminal signs it, by the
 * simulator's signer (the one the simulated devices use; the gateway's ops/deviceAuth.ts checks it),
 * with a fresh nonce each call: the gateway refuses a request it has seen (replay).
 */
export function deviceHeaders(
  secret: string,
  deviceId: string,
  method: string,
  path: string,
  body: string,
): Record<string, string> {
  return { 'content-type': 'application/json', ...signedHeaders(secret, deviceId, { method, path, body }) };
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
