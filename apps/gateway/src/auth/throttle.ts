/** Failed sign-ins counted per client address in a sliding window, kept in memory. */
export class AddressThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until this address may try again, or 0 when it may try now. */
  retryAfterMs(address: string): number {
    const list = this.prune(address);
    if (list.length < this.maxFailures) return 0;
    return list[0]! + this.windowMs - this.now();
  }

  fail(address: string): void {
    const list = this.prune(address);
    list.push(this.now());
    this.failures.set(address, list);
  }

  private prune(address: string): number[] {
    const cutoff = this.now() - this.windowMs;
    const list = (this.failures.get(address) ?? []).filter((t) => t > cutoff);
    if (list.length) this.failures.set(address, list);
    else this.failures.delete(address);
    return list;
  }
}
