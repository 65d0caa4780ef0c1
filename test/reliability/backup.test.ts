import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { backupDatabase } from '../../src/db/backup'
import { startBot } from '../support/bot'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ronghe-backup-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

const countOf = (file: string, table: string) => {
  const db = new Database(file, { readonly: true })
  const n = (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n
  db.close()
  return n
}

describe('npm run backup', () => {
  it('copies the live database while the bot keeps answering, and the copy opens with the data', async () => {
    const file = path.join(dir, 'live.db')
    const bot = await startBot({ file })
    // Enough rows that the copy takes several steps, so commands run between them.
    const rows = Array.from({ length: 4000 }, (_, i) => `('note ${i} ${'x'.repeat(200)}')`).join(',')
    bot.store.sqlite.exec(`create table filler(text text); insert into filler(text) values ${rows}`)
    const copy = path.join(dir, 'copy.db')
    const steps: number[] = []
    const backup = backupDatabase(file, copy, (p) => steps.push(p.remainingPages))
    const answers = await Promise.all(['积分', '帮助', '积分规则'].map((t) => bot.read('u1002', t)))
    const result = await backup
    bot.close()
    expect(answers.every((a) => a.length > 0)).toBe(true)
    expect(steps.length).toBeGreaterThan(1)
    expect(result.pages).toBeGreaterThan(100)
    expect(countOf(copy, 'filler')).toBe(4000)
    expect(countOf(copy, 'members')).toBe(countOf(file, 'members'))
    expect(fs.existsSync(`${copy}.partial`)).toBe(false)
  })

  it('the command refuses to overwrite without --force and names a missing database', async () => {
    const run = promisify(execFile)
    const existing = path.join(dir, 'exists.db')
    fs.writeFileSync(existing, 'keep me')
    const refused = await run('npx', [
      'tsx',
      'src/cli/backup.ts',
      existing,
      '--db',
      path.join(dir, 'live.db'),
    ]).catch((e: { code: number; stderr: string }) => e)
    expect((refused as { code: number }).code).toBe(2)
    expect((refused as { stderr: string }).stderr).toContain('--force')
    expect(fs.readFileSync(existing, 'utf8')).toBe('keep me')
    const missing = await run('npx', [
      'tsx',
      'src/cli/backup.ts',
      path.join(dir, 'x.db'),
      '--db',
      path.join(dir, 'nope.db'),
    ]).catch((e: { code: number; stderr: string }) => e)
    expect((missing as { stderr: string }).stderr).toContain('does not exist')
  }, 30_000)
})
