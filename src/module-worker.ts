import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker, type WorkerOptions } from 'node:worker_threads'

/**
 * A worker thread running one of our modules (Node only). From source (tsx, vitest) it loads `source`, a .ts file
 * relative to `from` (the caller's import.meta.url), through tsx's loader, which a worker does not inherit; from a
 * bundle it runs `bundled`, an .mjs built next to it, and is undefined when the bundle lacks one.
 */
export function moduleWorker(
  from: string,
  source: string,
  bundled: string,
  options: WorkerOptions = {},
): Worker | undefined {
  if (from.endsWith('.ts')) {
    const tsx = import.meta.resolve('tsx/esm/api')
    const entry = new URL(source, from).href
    return new Worker(
      `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}) })`,
      { ...options, eval: true },
    )
  }
  const file = new URL(bundled, from)
  return fs.existsSync(fileURLToPath(file)) ? new Worker(file, options) : undefined
}
