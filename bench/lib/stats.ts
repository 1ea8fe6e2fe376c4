/** Median, p95 and p99 of a sample, for the benchmark printouts. */
export function summarize(samples: number[]): {
  n: number;
  median: number;
  p95: number;
  p99: number;
  min: number;
  max: number;
} {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? Number.NaN;
  return {
    n: s.length,
    median: q(0.5),
    p95: q(0.95),
    p99: q(0.99),
    min: s[0] ?? Number.NaN,
    max: s.at(-1) ?? Number.NaN,
  };
}

/** One line per figure: name, median, p95 (and the sample size). */
export function report(name: string, samples: number[], unit = 'ms', digits = 2): void {
  const r = summarize(samples);
  console.log(
    `${name.padEnd(48)} median ${r.median.toFixed(digits)} ${unit}  p95 ${r.p95.toFixed(digits)} ${unit}  p99 ${r.p99.toFixed(digits)} ${unit}  (n=${r.n})`,
  );
}
