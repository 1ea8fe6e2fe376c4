import { type Scope, UNIT_RADIUS_M } from '../types.js';

const EARTH_M = 6_371_000; // as ops/geo.ts distanceM
const M_PER_DEG_LAT = (EARTH_M * Math.PI) / 180;

/** Builds a parameterised WHERE clause; values never enter the SQL text. */
export class Where {
  private readonly parts: string[] = [];
  readonly params: unknown[] = [];

  /** Add a condition; `?` in `sql` is replaced by the next parameter placeholder. */
  add(sql: string, ...values: unknown[]): this {
    let text = sql;
    for (const v of values) {
      this.params.push(v);
      text = text.replace('?', `$${this.params.length}`);
    }
    this.parts.push(text);
    return this;
  }

  /** Add a condition only when the value is given. */
  maybe(value: unknown, sql: string): this {
    return value === undefined || value === null || value === '' ? this : this.add(sql, value);
  }

  /** Restrict to the user's jurisdiction (column is the station id column). */
  scope(scope: Scope, column: string): this {
    return this.maybe(scope.stationId, `${column} = ?`);
  }

  /**
   * Restrict a street unit's scope to rows within UNIT_RADIUS_M (great-circle, as distanceM) of
   * one of its places; a bounding box first, so the lat/lon index can serve it. No places: no
   * rows. `wrap` puts the condition into a subquery (e.g. sets that have a camera nearby).
   */
  near(scope: Scope, latCol: string, lonCol: string, wrap = (cond: string) => cond): this {
    if (!scope.near) return this;
    if (scope.near.length === 0) return this.add('false');
    const values: number[] = [];
    const each = scope.near.map(({ lat, lon }) => {
      const dLat = (UNIT_RADIUS_M / M_PER_DEG_LAT) * 1.01;
      const dLon = dLat / Math.cos((lat * Math.PI) / 180);
      values.push(lat - dLat, lat + dLat, lon - dLon, lon + dLon, lat, lat, lon, UNIT_RADIUS_M);
      return `(${latCol} BETWEEN ? AND ? AND ${lonCol} BETWEEN ? AND ?
        AND 2 * ${EARTH_M} * asin(least(1, sqrt(power(sin(radians(${latCol} - ?) / 2), 2)
          + cos(radians(?)) * cos(radians(${latCol})) * power(sin(radians(${lonCol} - ?) / 2), 2)))) <= ?)`;
    });
    return this.add(wrap(`(${each.join(' OR ')})`), ...values);
  }

  /** Station filter given as a number (1-8) or a 20-digit ID. */
  station(value: string | undefined, column: string): this {
    if (value === undefined) return this;
    return value.length === 20
      ? this.add(`${column} = ?`, value)
      : this.add(`${column} = (SELECT id FROM stations WHERE no = ?)`, Number(value));
  }

  /** Case-insensitive search by name or ID prefix. */
  search(q: string | undefined, nameCol: string, idCol: string): this {
    if (!q) return this;
    const like = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    return this.add(`(${nameCol} ILIKE ? OR ${idCol} LIKE ?)`, like, like);
  }

  next(): number {
    return this.params.length + 1;
  }

  toString(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}
