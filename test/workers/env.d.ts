import type { D1Migration } from 'cloudflare:test'

// Bindings the test configuration adds beside wrangler.toml's (vitest.config.ts).
declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[]
      TELEGRAM_API_ROOT: string
    }
  }
}
