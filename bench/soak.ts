/**
 * npm run bench:soak — the real server (a child process over a SQLite file, answering to a fake Feishu on
 * loopback) under a steady stream of signed Feishu events with mixed commands, for SOAK_SECONDS (300 by
 * default) at SOAK_RATE events/s (500). Reports the server's RSS after a minute's warm-up and at the end, error
 * responses, the ack latency's median and p99, and whether every event was answered.
 *   SOAK_SECONDS=30 npm run bench:soak   (a short run)
 */
import fs from 'node:fs'
import { freePort, groupEvent, serverHarness } from '../test/support/server-process'

const SECONDS = Number(process.env.SOAK_SECONDS ?? 300)
const RATE = Number(process.env.SOAK_RATE ?? 500)
// The first minute sizes the V8 heap and SQLite's caches (the samples show the climb and then a plateau);
// growth is measured from there.
const WARMUP_S = Math.min(60, Math.floor(SECONDS / 5))
const TEXTS = ['积分', '积分规则', '帮助 签到', '今天下井注意安全', '排行', '班次', '任务']

const rssMiB = (pid: number) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024
}
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0

async function main() {
  const harness = await serverHarness()
  const port = await freePort()
  const { proc } = await harness.start(port)
  const pid = proc.pid as number
  const latencies: number[] = []
  const statuses = new Map<number, number>()
  const rss: { at: number; mib: number }[] = []
  let sent = 0
  const started = Date.now()
  const inFlight = new Set<Promise<void>>()
  const sampler = setInterval(() => rss.push({ at: (Date.now() - started) / 1000, mib: rssMiB(pid) }), 5_000)
  console.log(`soak: ${SECONDS} s at ${RATE} events/s against pid ${pid}…`)
  // Paced in 10 ms ticks so the rate holds even when a tick runs late.
  while (Date.now() - started < SECONDS * 1_000) {
    const due = Math.floor(((Date.now() - started) / 1_000) * RATE)
    for (; sent < due; sent++) {
      const i = sent
      const t0 = performance.now()
      const job = harness.deliver(port, groupEvent(i, TEXTS[i % TEXTS.length] as string)).then((status) => {
        latencies.push(performance.now() - t0)
        statuses.set(status, (statuses.get(status) ?? 0) + 1)
      })
      inFlight.add(job)
      void job.finally(() => inFlight.delete(job))
    }
    if (sent % (RATE * 10) < RATE / 100)
      process.stdout.write(`  ${Math.round((Date.now() - started) / 1000)} s, ${sent} sent\r`)
    await new Promise((r) => setTimeout(r, 10))
  }
  await Promise.all(inFlight)
  const elapsed = (Date.now() - started) / 1_000
  // Answers still queued drain at the lifted group rate; give them a moment before counting.
  const commands = Math.round((sent * (TEXTS.length - 1)) / TEXTS.length)
  for (let i = 0; i < 600 && harness.answersPerEvent().size < commands * 0.99; i++)
    await new Promise((r) => setTimeout(r, 100))
  clearInterval(sampler)
  const endRss = rssMiB(pid)
  proc.kill('SIGTERM')
  const warm = rss.find((s) => s.at >= WARMUP_S)?.mib ?? rss[0]?.mib ?? endRss
  const sorted = latencies.sort((a, b) => a - b)
  const errors = [...statuses].filter(([s]) => s !== 200).reduce((n, [, c]) => n + c, 0)
  const answered = harness.answersPerEvent()
  console.log(`\nsent ${sent} events in ${elapsed.toFixed(0)} s (${(sent / elapsed).toFixed(0)}/s)`)
  console.log(`responses: ${[...statuses].map(([s, c]) => `${s}×${c}`).join(', ')}; errors: ${errors}`)
  console.log(
    `ack latency: p50 ${quantile(sorted, 0.5).toFixed(1)} ms, p99 ${quantile(sorted, 0.99).toFixed(1)} ms, max ${(sorted.at(-1) ?? 0).toFixed(1)} ms`,
  )
  console.log(
    `server RSS: ${warm.toFixed(0)} MiB after ${WARMUP_S} s warm-up → ${endRss.toFixed(0)} MiB at the end (${(((endRss - warm) / warm) * 100).toFixed(1)}% growth)`,
  )
  console.log(
    `answers at the fake Feishu: ${answered.size} of ${commands} commands (chatter is not answered)`,
  )
  console.log(`RSS samples (s: MiB): ${rss.map((s) => `${s.at.toFixed(0)}:${s.mib.toFixed(0)}`).join(' ')}`)
  await harness.close()
}

await main()
