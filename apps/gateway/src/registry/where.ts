import type { Scope } from '../types.js';

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
