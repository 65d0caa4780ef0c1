import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const DOMAIN = path.resolve(__dirname, '../../src/domain')
const FORBIDDEN: [RegExp, string][] = [
  [/from ['"]hono/, 'Hono'],
  [/from ['"](better-sqlite3|drizzle-orm\/(better-sqlite3|d1))/, 'a database driver'],
  [/from ['"][./]*\/adapters\//, 'an adapter'],
  [/from ['"][./]*\.\.\/db\//, 'the database layer'],
  [/\bDate\.now\(|new Date\(\)/, 'the wall clock'],
  [/process\.env/, 'the environment'],
]

describe('src/domain stays pure', () => {
  const files = fs.readdirSync(DOMAIN).filter((f) => f.endsWith('.ts'))

  it('has files to check', () => {
    expect(files.length).toBeGreaterThan(3)
  })

  it.each(files)('%s imports no platform, driver or adapter and reads no clock or env', (file) => {
    const source = fs.readFileSync(path.join(DOMAIN, file), 'utf8')
    const found = FORBIDDEN.filter(([pattern]) => pattern.test(source)).map(([, what]) => what)
    expect(found).toEqual([])
  })
})
