import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'

// The workers pool runs wrangler's code: with these it connects to nothing but loopback (STACK.md).
process.env.WRANGLER_SEND_METRICS ??= 'false'
process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= 'false'

const timeouts = { testTimeout: 20_000, hookTimeout: 60_000 }

export default defineConfig({
  test: {
    projects: [
      {
        test: { name: 'node', include: ['test/**/*.test.ts'], exclude: ['test/workers/**'], ...timeouts },
      },
      {
        // The Worker in workerd (src/worker.ts with wrangler.toml), against a fake Feishu and a fake Bot API started in Node.
        plugins: [
          cloudflareTest(async ({ inject }) => ({
            main: './src/worker.ts',
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations('src/db/migrations'),
                FEISHU_DOMAIN: inject('feishuUrl'),
                FEISHU_APP_ID: 'cli_fake0000000000',
                FEISHU_APP_SECRET: 'fake-secret',
                FEISHU_ENCRYPT_KEY: 'test-encrypt-key',
                FEISHU_VERIFICATION_TOKEN: 'test-verification-token',
                SEED_DEMO: '1',
                TELEGRAM_BOT_TOKEN: inject('telegramToken'),
                TELEGRAM_API_ROOT: inject('telegramUrl'),
                TELEGRAM_WEBHOOK_SECRET: 'test-telegram-secret_1',
              },
            },
          })),
        ],
        test: {
          name: 'workers',
          include: ['test/workers/**/*.test.ts'],
          globalSetup: ['test/support/fake-feishu-setup.ts', 'test/support/fake-telegram-setup.ts'],
          setupFiles: ['test/workers/apply-migrations.ts'],
          ...timeouts,
        },
      },
    ],
  },
})
