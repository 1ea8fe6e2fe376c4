/** What a camera is doing: serving normally or one of the faults the control API can inject. */
export type FaultMode = 'normal' | 'offline' | 'freeze' | 'drop';
export const FAULT_MODES = ['offline', 'freeze', 'drop'] as const;
export const MAX_DROP_SECONDS = 3600;

/** A fault as requested: `seconds` only for drop. */
export interface FaultRequest {
  mode: Exclude<FaultMode, 'normal'>;
  seconds?: number;
}

/** A camera's current fault, as the control API reports it. */
export interface FaultState {
  mode: FaultMode;
  since: string | null;
  /** End of a drop; null for faults that last until restored. */
  until: string | null;
}

/** Bad control input; `field` names the offending field. */
export class ValidationError extends Error {
  override name = 'ValidationError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Validate a fault request body; throws ValidationError naming the bad field. */
export function parseFaultRequest(body: unknown): FaultRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationError('body', 'body must be a JSON object');
  }
  const { mode, seconds, ...rest } = body as Record<string, unknown>;
  const extra = Object.keys(rest)[0];
  if (extra !== undefined) throw new ValidationError(extra, `${extra} is not a known field`);
  if (typeof mode !== 'string' || !(FAULT_MODES as readonly string[]).includes(mode)) {
    throw new ValidationError('mode', `mode must be one of ${FAULT_MODES.join(', ')}`);
  }
  if (mode !== 'drop') {
    if (seconds !== undefined) throw new ValidationError('seconds', 'seconds applies only to mode drop');
    return { mode: mode as FaultRequest['mode'] };
  }
  if (
    typeof seconds !== 'number' ||
    !Number.isFinite(seconds) ||
    seconds <= 0 ||
    seconds > MAX_DROP_SECONDS
  ) {
    throw new ValidationError('seconds', `seconds must be a number above 0 and at most ${MAX_DROP_SECONDS}`);
  }
  return { mode: 'drop', seconds };
}

interface Entry {
  mode: Exclude<FaultMode, 'normal'>;
  since: number;
  until: number | null;
}

/** Faults per camera. A drop ends by itself; the others last until `restore`. */
export class Faults {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  set(cameraId: string, req: FaultRequest): FaultState {
    const since = this.now();
    const until = req.mode === 'drop' ? since + (req.seconds ?? 0) * 1000 : null;
    this.entries.set(cameraId, { mode: req.mode, since, until });
    return this.state(cameraId);
  }

  restore(cameraId: string): FaultState {
    this.entries.delete(cameraId);
    return this.state(cameraId);
  }

  /** Current mode; called by every stream on every tick, so it is one map lookup. */
  mode(cameraId: string): FaultMode {
    const e = this.entries.get(cameraId);
    if (!e) return 'normal';
    if (e.until !== null && this.now() >= e.until) {
      this.entries.delete(cameraId);
      return 'normal';
    }
    return e.mode;
  }

  state(cameraId: string): FaultState {
    const mode = this.mode(cameraId);
    const e = this.entries.get(cameraId);
    const iso = (t: number | null | undefined) => (t == null ? null : new Date(t).toISOString());
    return { mode, since: iso(e?.since), until: iso(e?.until) };
  }

  /** Cameras with a fault in force. */
  get count(): number {
    return this.entries.size;
  }
}
