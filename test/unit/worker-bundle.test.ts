import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'

const ROOT = path.resolve(__dirname, '../..')
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ronghe-worker-'))
afterAll(() => fs.rmSync(out, { recursive: true, force: true }))

/** Modules that only load on Node: none may reach the Worker bundle (issue 10). */
const NODE_ONLY = [
  /node_modules\/(better-sqlite3|node-cron|@larksuiteoapi|exceljs|csv-parse|@hono\/node-server)\//,
  /^adapters\/feishu\/(ws|crypto-node)\.ts$/,
  /^adapters\/console\/terminal\.ts$/,
  /^src\/(cli\/|node\.ts|db\/node-store\.ts|import\/read-table\.ts)/,
  /^scheduler\/node\.ts$/,
  /^node:/,
]

describe('the Worker bundle', () => {
  it('holds no Node-only module and stays under 1 MiB gzipped', async () => {
    const { stdout } = await promisify(execFile)(
      path.join(ROOT, 'node_modules/.bin/wrangler'),
      ['deploy', '--dry-run', '--outdir', out, '--metafile', path.join(out, 'meta.json')],
      {
        cwd: ROOT,
        env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
      },
    )
    const meta = JSON.parse(fs.readFileSync(path.join(out, 'meta.json'), 'utf8')) as {
      inputs: Record<string, unknown>
    }
    const inputs = Object.keys(meta.inputs)
    expect(inputs).toContain('src/worker.ts')
    expect(inputs.filter((i) => NODE_ONLY.some((p) => p.test(i)))).toEqual([])
    const gzipKiB = Number(stdout.match(/gzip: ([\d.]+) KiB/)?.[1])
    expect(gzipKiB).toBeGreaterThan(0)
    expect(gzipKiB).toBeLessThan(1024)
  })
})
