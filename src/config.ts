import { z } from 'zod'

const flag = z.enum(['0', '1']).transform((v) => v === '1')
const timeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz })
      return true
    } catch {
      return false
    }
  },
  { message: 'an IANA time zone such as Asia/Shanghai' },
)

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).optional(),
  HOST: z.string().min(1).optional(),
  DATABASE_PATH: z.string().min(1).default('./data/ronghe.db'),
  BOT_TIMEZONE: timeZone.default('Asia/Shanghai'),
  BOT_LOCALE: z.enum(['zh-CN', 'en']).default('zh-CN'),
  FEISHU_APP_ID: z.string().min(1).optional(),
  FEISHU_APP_SECRET: z.string().min(1).optional(),
  FEISHU_VERIFICATION_TOKEN: z.string().min(1).optional(),
  FEISHU_ENCRYPT_KEY: z.string().min(1).optional(),
  FEISHU_DOMAIN: z.url().default('https://open.feishu.cn'),
  FEISHU_MODE: z.enum(['webhook', 'ws']).default('webhook'),
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d+:[\w-]+$/, 'a bot token like 123456:ABC-DEF from @BotFather')
    .optional(),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[\w-]{1,256}$/, '1-256 characters of A-Z a-z 0-9 _ -')
    .optional(),
  TELEGRAM_API_ROOT: z.url().default('https://api.telegram.org'),
  TELEGRAM_MODE: z.enum(['webhook', 'polling']).default('webhook'),
  SEED_DEMO: flag.optional(),
  OUTBOX_RATE_SCALE: z.coerce.number().positive().max(1000).default(1),
  PRODUCTION_API_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  DEV_CHAT: flag.optional(),
})

export type Config = {
  port: number
  host: string
  databasePath: string
  timeZone: string
  locale: 'zh-CN' | 'en'
  feishu?: {
    appId: string
    appSecret: string
    verificationToken?: string
    encryptKey?: string
    domain: string
    mode: 'webhook' | 'ws'
  }
  telegram?: { token: string; webhookSecret?: string; apiRoot: string; mode: 'webhook' | 'polling' }
  seedDemo: boolean
  devChat: boolean
  outboxRateScale: number
  productionApiToken?: string
}

export class ConfigError extends Error {}

/** Parses the environment of DESIGN §3; the first bad variable stops the start with one line. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''))
  const parsed = EnvSchema.safeParse(cleaned)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const name = String(issue?.path[0] ?? 'environment')
    throw new ConfigError(
      `${name}=${JSON.stringify(cleaned[name] ?? '')} is not valid: expected ${issue?.message ?? 'a valid value'}`,
    )
  }
  const e = parsed.data
  if ((e.FEISHU_APP_ID === undefined) !== (e.FEISHU_APP_SECRET === undefined)) {
    const missing = e.FEISHU_APP_ID ? 'FEISHU_APP_SECRET' : 'FEISHU_APP_ID'
    throw new ConfigError(
      `${missing}="" is not valid: expected it to be set together with the other Feishu app credential`,
    )
  }
  const feishu =
    e.FEISHU_APP_ID && e.FEISHU_APP_SECRET
      ? {
          appId: e.FEISHU_APP_ID,
          appSecret: e.FEISHU_APP_SECRET,
          verificationToken: e.FEISHU_VERIFICATION_TOKEN,
          encryptKey: e.FEISHU_ENCRYPT_KEY,
          domain: e.FEISHU_DOMAIN.replace(/\/+$/, ''),
          mode: e.FEISHU_MODE,
        }
      : undefined
  const telegram = e.TELEGRAM_BOT_TOKEN
    ? {
        token: e.TELEGRAM_BOT_TOKEN,
        webhookSecret: e.TELEGRAM_WEBHOOK_SECRET,
        apiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, ''),
        mode: e.TELEGRAM_MODE,
      }
    : undefined
  const noPlatform = !feishu && !telegram
  const devChat = e.DEV_CHAT ?? noPlatform
  return {
    port: e.PORT ?? 3000,
    host: e.HOST ?? (devChat ? '127.0.0.1' : '0.0.0.0'),
    databasePath: e.DATABASE_PATH,
    timeZone: e.BOT_TIMEZONE,
    locale: e.BOT_LOCALE,
    feishu,
    telegram,
    seedDemo: e.SEED_DEMO ?? noPlatform,
    devChat,
    outboxRateScale: e.OUTBOX_RATE_SCALE,
    productionApiToken: e.PRODUCTION_API_TOKEN,
  }
}
