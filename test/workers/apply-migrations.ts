import { applyD1Migrations } from 'cloudflare:test'
import { env } from 'cloudflare:workers'

// The same folder `wrangler d1 migrations apply` reads, applied to the test's local D1 before any test.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS)
