/** After release() a viewer still counts this long, so another tab of the same user can take over. */
const RELEASE_GRACE_MS = 2000;

/**
 * Who holds one stream: viewers by when they last asked for it (they drop out idleMs later), and
 * viewers with long-lived connections (WS-FLV) open, who hold it until those close. What keeps a
 * stream pulled is also what counts toward its viewers' quotas.
 */
export class StreamViewers {
  private readonly lastAsked = new Map<string, number>();
  private readonly open = new Map<string, number>();

  constructor(
    private readonly idleMs: number,
    names: Iterable<string> = [],
  ) {
    for (const name of names) this.lastAsked.set(name, Date.now());
  }

  /** The viewer asked for the stream (the live route, every HLS request). */
  touch(name: string): void {
    this.lastAsked.set(name, Date.now());
  }

  /** A long-lived connection of the viewer opened; call the result when it closes. */
  hold(name: string): () => void {
    this.open.set(name, (this.open.get(name) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(name) ?? 1) - 1;
      if (left > 0) this.open.set(name, left);
      else this.open.delete(name);
      this.touch(name);
    };
  }

  /** The viewer (without one: every viewer) stopped watching; they drop out after a short grace. */
  release(name?: string): void {
    const expire = Date.now() - this.idleMs + RELEASE_GRACE_MS;
    for (const v of name === undefined ? [...this.lastAsked.keys()] : [name]) {
      if (this.lastAsked.has(v)) this.lastAsked.set(v, expire);
    }
  }

  /** Whether the viewer holds the stream now. */
  has(name: string): boolean {
    return this.open.has(name) || (this.lastAsked.get(name) ?? 0) > Date.now() - this.idleMs;
  }

  /** Forget viewers idle for idleMs; true when nobody holds the stream any more. */
  reap(): boolean {
    const cutoff = Date.now() - this.idleMs;
    for (const [name, at] of this.lastAsked) if (at <= cutoff) this.lastAsked.delete(name);
    return this.lastAsked.size === 0 && this.open.size === 0;
  }
}
