import { HttpError } from '../errors.js';

/**
 * A row count for LIMIT/OFFSET that is always a safe integer in range. JSON Schema cannot refuse
 * everything: a query string like `1e309` coerces to Infinity, which ajv accepts as an integer
 * within any maximum, so this is checked again here and refused by name.
 */
export function rowCount(value: unknown, fallback: number, max: number, field = 'limit'): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new HttpError(400, `${field} must be a whole number from 0 to ${max}`, { field });
  }
  return Math.min(value, max);
}
