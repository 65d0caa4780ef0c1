/** The benches' timing: quantiles of repeated runs after a warm-up, and how figures are printed. */

/** The q-quantile of xs (nearest rank; the inputs are not reordered). */
export const quantile = (xs: number[], q: number) => {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
}

/** p50 and p99 of `runs` timed calls of fn, after up to `warmup` untimed ones (caches, prepared statements). */
export async function measure(runs: number, fn: () => Promise<unknown> | unknown, warmup = 10) {
  for (let i = 0; i < Math.min(warmup, runs); i++) await fn()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await fn()
    times.push(performance.now() - start)
  }
  return { p50: quantile(times, 0.5), p99: quantile(times, 0.99) }
}

export const ms = (x: number, digits = 2) => `${x.toFixed(digits)} ms`
