/**
 * Where a `node --cpu-prof` profile spends its time: self time by file (project files by path, dependencies
 * by package, Node's own code as `node:`) and by function, and every sample charged to the nearest function of
 * ours on its stack (what our code costs with the library and Node work it causes; async stacks start at the
 * last await, so a sample with no frame of ours is charged to the outermost package). Optionally only inside
 * time windows (CLOCK_MONOTONIC µs, which `process.hrtime` and V8's profile timestamps both use on Linux).
 * V8 samples by wall clock: on a machine short of CPU a sample may also cover time the thread waited.
 *   tsx bench/cpu-profile.ts <file.cpuprofile> [windows.json]
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

type ProfileNode = {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
type Profile = {
  nodes: ProfileNode[]
  startTime: number
  endTime: number
  samples: number[]
  timeDeltas: number[]
}

export type Window = { name: string; fromUs: number; toUs: number }

const ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)))

function fileOf(url: string): string {
  if (!url) return '(native / VM)'
  if (url.startsWith('node:')) return 'node: (Node core)'
  const file = url.startsWith('file://') ? fileURLToPath(url) : url
  const nm = file.lastIndexOf('/node_modules/')
  if (nm >= 0) {
    const rest = file.slice(nm + '/node_modules/'.length).split('/')
    const pkg = rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]
    return `pkg ${pkg}`
  }
  return file.startsWith(ROOT) ? path.relative(ROOT, file) : file
}

function fnOf(n: ProfileNode): string {
  const f = n.callFrame
  const name = f.functionName || '(anonymous)'
  if (!f.url) return name
  const file = fileOf(f.url)
  // tsx's output puts a module on few lines: a line number of 1 says nothing.
  return `${name}  ${file.startsWith('pkg ') ? file.slice(4) : file}${f.lineNumber > 0 ? `:${f.lineNumber + 1}` : ''}`
}

const pct = (part: number, whole: number) => `${((100 * part) / Math.max(whole, 1)).toFixed(1).padStart(5)}%`

/** Prints the summary of one profile, for the whole run or for each window. */
export function summarizeProfile(file: string, windows: Window[] = [], top = 25): void {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  // Sample i lasts until the next one: its weight is the following time delta.
  const stamps: number[] = []
  let t = profile.startTime
  for (const d of profile.timeDeltas) {
    t += d
    stamps.push(t)
  }
  const spans = windows.length ? windows : [{ name: 'whole run', fromUs: -Infinity, toUs: Infinity }]
  for (const w of spans) {
    const self = new Map<number, number>()
    let total = 0
    let idle = 0
    for (let i = 0; i < profile.samples.length; i++) {
      const at = stamps[i] as number
      if (at < w.fromUs || at > w.toUs) continue
      const weight = (profile.timeDeltas[i + 1] ?? 0) || 0
      const id = profile.samples[i] as number
      const name = byId.get(id)?.callFrame.functionName
      total += weight
      if (name === '(idle)') idle += weight
      self.set(id, (self.get(id) ?? 0) + weight)
    }
    const busy = total - idle
    console.log(
      `\nprofile ${path.basename(file)}, ${w.name}: ${(total / 1e6).toFixed(2)} s sampled, ` +
        `${(busy / 1e6).toFixed(2)} s on CPU (${pct(busy, total).trim()}); shares below are of on-CPU time`,
    )
    if (busy <= 0) continue
    const byFn = new Map<string, number>()
    const byFile = new Map<string, number>()
    const charged = new Map<string, number>()
    for (const [id, us] of self) {
      const n = byId.get(id) as ProfileNode
      if (n.callFrame.functionName === '(idle)') continue
      const fn = fnOf(n)
      byFn.set(fn, (byFn.get(fn) ?? 0) + us)
      const f = n.callFrame.url ? fileOf(n.callFrame.url) : n.callFrame.functionName || '(native / VM)'
      byFile.set(f, (byFile.get(f) ?? 0) + us)
      let to: string | undefined
      let outermostPkg: string | undefined
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
        const node = byId.get(cur) as ProfileNode
        const url = node.callFrame.url
        const file = url ? fileOf(url) : ''
        if (url.startsWith('file://') && !file.startsWith('pkg ') && !path.isAbsolute(file)) {
          to = fnOf(node)
          break
        }
        if (file.startsWith('pkg ')) outermostPkg = file
      }
      const key = to ?? (outermostPkg ? `(none of ours) ${outermostPkg}` : `(none of ours) ${fn}`)
      charged.set(key, (charged.get(key) ?? 0) + us)
    }
    const print = (title: string, m: Map<string, number>, n: number) => {
      console.log(`  ${title}`)
      for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n))
        console.log(`    ${pct(us, busy)}  ${(us / 1e3).toFixed(0).padStart(7)} ms  ${k}`)
    }
    print('self time by file / package', byFile, 18)
    print('self time by function', byFn, top)
    print('charged to the nearest function of ours', charged, top)
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = process.argv[2]
  if (!file) {
    console.error('usage: tsx bench/cpu-profile.ts <file.cpuprofile> [windows.json]')
    process.exit(2)
  }
  const windows = process.argv[3] ? (JSON.parse(fs.readFileSync(process.argv[3], 'utf8')) as Window[]) : []
  summarizeProfile(file, windows)
}
