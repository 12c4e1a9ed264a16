/**
 * Timing and summaries. Percentiles are nearest-rank on the sorted samples (p95 of 200 = the 190th), so a reported
 * p95 is a latency that was actually observed.
 */
import os from 'node:os';

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  mean: number;
  min: number;
  max: number;
}

export function summarize(samplesMs: number[]): Summary {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
  return {
    n: sorted.length,
    p50: rank(0.5),
    p95: rank(0.95),
    mean: sorted.reduce((s, x) => s + x, 0) / sorted.length,
    min: sorted[0],
    max: sorted[sorted.length - 1],
  };
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}

/** Runs `fn` for each input in turn (never concurrently: we measure latency, not throughput). */
export async function sample<I>(inputs: readonly I[], fn: (input: I, index: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (const [i, input] of inputs.entries()) {
    const t0 = performance.now();
    await fn(input, i);
    times.push(performance.now() - t0);
  }
  return times;
}

/** 1-minute load average: other work on this 2-core machine shows up in every figure, so each figure records it. */
export function load(): number {
  return Math.round(os.loadavg()[0] * 100) / 100;
}

export const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

/**
 * Waits (up to `maxWaitMs`) for the 1-minute load average to drop below `threshold`: other people's test runs
 * come in bursts on this 2-core machine, and a figure taken under load 8 says more about them than about us.
 * The load average lags and counts our own previous section, so this doubles as a cool-down. Returns the load
 * at the start of the measurement and how long it waited.
 */
export async function waitForQuiet(threshold: number, maxWaitMs: number): Promise<{ load: number; waitedMs: number }> {
  const t0 = performance.now();
  while (threshold > 0 && load() >= threshold && performance.now() - t0 < maxWaitMs) {
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
  return { load: load(), waitedMs: performance.now() - t0 };
}
