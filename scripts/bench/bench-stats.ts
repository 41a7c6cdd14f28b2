/** Latency percentiles and number formats shared by the benchmark sections. */

export type LatencySummary = { count: number; p50: number; p95: number; p99: number; max: number };

/** The nearest-rank percentile of an ascending list (NaN when empty). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

export function summarize(latencies: readonly number[]): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

export const ms = (value: number) =>
  Number.isFinite(value) ? `${value.toFixed(value < 10 ? 1 : 0)} ms` : '—';
export const perSecond = (value: number) => (Number.isFinite(value) ? `${value.toFixed(0)}/s` : '—');
export const mb = (bytes: number) =>
  Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(0)} MB` : '—';
export const seconds = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)} s` : '—');
export const latencyLine = (s: LatencySummary) => `p50 ${ms(s.p50)} · p95 ${ms(s.p95)} · p99 ${ms(s.p99)}`;
