import { defineConfig } from 'drizzle-kit'

// One migrations folder for drizzle's migrate() on Node and `wrangler d1 migrations apply` on Workers.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema.ts',
  out: './src/db/migrations',
})
