import { useState, useSyncExternalStore } from 'react';

/** Where a form's last send stands: on its way (busy), or failed (error, null when none). */
export interface CommandState {
  busy: boolean;
  error: unknown;
}

const IDLE: CommandState = { busy: false, error: null };

/**
 * The busy/error bookkeeping of a form that sends something and waits for the answer (a socket
 * command, an upload). Kept outside React so it can be tested without a DOM; `useCommand` binds
 * one to a component.
 */
export class CommandRunner {
  private state = IDLE;
  private readonly listeners = new Set<() => void>();

  readonly snapshot = (): CommandState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * Run `action`: busy until it settles, the previous error cleared at the start and a failure
   * kept as `error` (for the form to word). Resolves true when the action succeeded.
   */
  readonly run = async (action: () => Promise<unknown>): Promise<boolean> => {
    this.set({ busy: true, error: null });
    try {
      await action();
      this.set(IDLE);
      return true;
    } catch (error) {
      this.set({ busy: false, error });
      return false;
    }
  };

  /** Show a failure found before sending (a form left incomplete). */
  readonly fail = (error: unknown): void => this.set({ busy: false, error });

  private set(next: CommandState): void {
    this.state = next;
    for (const l of this.listeners) l();
  }
}

/** One form's send: `busy` and `error` to render, `run(action)` to send, `fail(error)` to refuse early. */
export function useCommand(): CommandState & Pick<CommandRunner, 'run' | 'fail'> {
  const [runner] = useState(() => new CommandRunner());
  const state = useSyncExternalStore(runner.subscribe, runner.snapshot);
  return { ...state, run: runner.run, fail: runner.fail };
}
