import { ALARM_KINDS, type AlarmKind } from '@onpatrol/contracts';
import { ValidationError } from '../faults.js';

/** How a misbehaving alarm device gets its reports wrong. */
export const FAULTY_MODES = ['bad_signature', 'unknown_device', 'stale', 'malformed', 'repeat'] as const;
export type FaultyMode = (typeof FAULTY_MODES)[number];

export interface TriggerRequest {
  deviceId?: string;
  kind?: AlarmKind;
  zone?: string;
}
export interface BurstRequest {
  count: number;
  deviceIds?: string[];
}
export interface StormRequest {
  perSecond: number;
  seconds: number;
}
export interface FaultyRequest {
  deviceId: string;
  mode: FaultyMode;
  count: number;
}

export const LIMITS = { burst: 2000, stormPerSecond: 500, stormSeconds: 120, faulty: 1000 } as const;
const GB_ID = /^\d{20}$/;

function object(body: unknown, fields: string[]): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationError('body', 'body must be a JSON object');
  }
  const extra = Object.keys(body).find((k) => !fields.includes(k));
  if (extra !== undefined) throw new ValidationError(extra, `${extra} is not a known field`);
  return body as Record<string, unknown>;
}

function gbId(value: unknown, field: string): string {
  if (typeof value !== 'string' || !GB_ID.test(value)) {
    throw new ValidationError(field, `${field} must be a 20-digit GB/T 28181 device ID`);
  }
  return value;
}

function integer(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ValidationError(field, `${field} must be an integer from ${min} to ${max}`);
  }
  return value;
}

function number(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new ValidationError(field, `${field} must be a number from ${min} to ${max}`);
  }
  return value;
}

function oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new ValidationError(field, `${field} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

/** `POST /alarms/trigger`: every field optional. */
export function parseTrigger(body: unknown): TriggerRequest {
  const b = object(body ?? {}, ['deviceId', 'kind', 'zone']);
  const out: TriggerRequest = {};
  if (b.deviceId !== undefined) out.deviceId = gbId(b.deviceId, 'deviceId');
  if (b.kind !== undefined) out.kind = oneOf(b.kind, 'kind', ALARM_KINDS);
  if (b.zone !== undefined) {
    if (typeof b.zone !== 'string' || b.zone.length === 0 || b.zone.length > 40 || /\p{Cc}/u.test(b.zone)) {
      throw new ValidationError(
        'zone',
        'zone must be a string of 1 to 40 characters without control characters',
      );
    }
    out.zone = b.zone;
  }
  return out;
}

/** `POST /alarms/burst`: `count` defaults to the number of `deviceIds`. */
export function parseBurst(body: unknown): BurstRequest {
  const b = object(body, ['count', 'deviceIds']);
  let deviceIds: string[] | undefined;
  if (b.deviceIds !== undefined) {
    if (!Array.isArray(b.deviceIds) || b.deviceIds.length === 0 || b.deviceIds.length > LIMITS.burst) {
      throw new ValidationError('deviceIds', `deviceIds must be a list of 1 to ${LIMITS.burst} device IDs`);
    }
    deviceIds = b.deviceIds.map((id) => gbId(id, 'deviceIds'));
    if (new Set(deviceIds).size !== deviceIds.length) {
      throw new ValidationError('deviceIds', 'deviceIds must not repeat an ID');
    }
  }
  const count = integer(b.count ?? deviceIds?.length, 'count', 1, deviceIds?.length ?? LIMITS.burst);
  return deviceIds ? { count, deviceIds } : { count };
}

/** `POST /alarms/storm`. */
export function parseStorm(body: unknown): StormRequest {
  const b = object(body, ['perSecond', 'seconds']);
  return {
    perSecond: number(b.perSecond, 'perSecond', 0.1, LIMITS.stormPerSecond),
    seconds: number(b.seconds, 'seconds', 0.1, LIMITS.stormSeconds),
  };
}

/** `POST /alarms/faulty`: `count` defaults to 1. */
export function parseFaulty(body: unknown): FaultyRequest {
  const b = object(body, ['deviceId', 'mode', 'count']);
  return {
    deviceId: gbId(b.deviceId, 'deviceId'),
    mode: oneOf(b.mode, 'mode', FAULTY_MODES),
    count: integer(b.count ?? 1, 'count', 1, LIMITS.faulty),
  };
}

/** A device or unit the registry does not have. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** A request that cannot apply to this thing in its current state (e.g. an excluded unit). */
export class ConflictError extends Error {
  override name = 'ConflictError';
}
