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
  WECOM_CORP_ID: z.string().min(1).optional(),
  WECOM_AGENT_ID: z.coerce.number().int().positive().optional(),
  WECOM_SECRET: z.string().min(1).optional(),
  WECOM_TOKEN: z.string().min(1).optional(),
  WECOM_AES_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}$/, "the 43-character EncodingAESKey from the app's 接收消息 settings")
    .optional(),
  WECOM_API_ROOT: z.url().default('https://qyapi.weixin.qq.com'),
  WECOM_BOT_TOKEN: z.string().min(1).optional(),
  WECOM_BOT_AES_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}$/, "the smart robot's 43-character EncodingAESKey")
    .optional(),
  DINGTALK_CLIENT_ID: z.string().min(1).optional(),
  DINGTALK_CLIENT_SECRET: z.string().min(1).optional(),
  DINGTALK_ROBOT_CODE: z.string().min(1).optional(),
  DINGTALK_MODE: z.enum(['webhook', 'stream']).default('webhook'),
  DINGTALK_API_ROOT: z.url().default('https://api.dingtalk.com'),
  SEED_DEMO: flag.optional(),
  OUTBOX_RATE_SCALE: z.coerce.number().positive().max(1000).default(1),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  PRODUCTION_API_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  DEV_CHAT: flag.optional(),
  FEEDBACK_SALT: z.string().min(16, 'at least 16 characters').optional(),
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
  wecom?: {
    corpId: string
    agentId: number
    secret: string
    token: string
    aesKey: string
    apiRoot: string
    /** The smart robot's callback (group commands, DESIGN §6); replies and pushes still go through the app. */
    bot?: { token: string; aesKey: string }
  }
  dingtalk?: {
    clientId: string
    clientSecret: string
    robotCode: string
    mode: 'webhook' | 'stream'
    apiRoot: string
  }
  seedDemo: boolean
  devChat: boolean
  outboxRateScale: number
  logLevel: string
  /** On SIGTERM, how long the process keeps sending what is queued before it exits (Node). */
  shutdownGraceMs: number
  productionApiToken?: string
  /**
   * Key of the HMAC that stands for an anonymous reporter in the daily report limit. Unset, each process draws
   * a random one: nobody can recompute it, but the limit restarts with the process and is per Worker isolate.
   */
  feedbackSalt: string
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
  const wecom = wecomOf(e)
  const dingtalk = dingtalkOf(e)
  const noPlatform = !feishu && !telegram && !wecom && !dingtalk
  const devChat = e.DEV_CHAT ?? noPlatform
  return {
    port: e.PORT ?? 3000,
    host: e.HOST ?? (devChat ? '127.0.0.1' : '0.0.0.0'),
    databasePath: e.DATABASE_PATH,
    timeZone: e.BOT_TIMEZONE,
    locale: e.BOT_LOCALE,
    feishu,
    telegram,
    wecom,
    dingtalk,
    seedDemo: e.SEED_DEMO ?? noPlatform,
    devChat,
    outboxRateScale: e.OUTBOX_RATE_SCALE,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    logLevel: e.LOG_LEVEL,
    productionApiToken: e.PRODUCTION_API_TOKEN,
    feedbackSalt: e.FEEDBACK_SALT ?? crypto.randomUUID(),
  }
}

type Env = z.infer<typeof EnvSchema>

/** Names the first of `names` that is unset, when some but not all of them are set. */
function missingOf(e: Env, names: (keyof Env)[], what: string): void {
  const set = names.filter((n) => e[n] !== undefined)
  if (set.length === 0 || set.length === names.length) return
  const missing = names.find((n) => e[n] === undefined) as string
  throw new ConfigError(`${missing}="" is not valid: expected it to be set together with the other ${what}`)
}

/** WeCom needs all five values of the self-built app (README "Connecting WeCom"). */
function wecomOf(e: Env): Config['wecom'] {
  const app = ['WECOM_CORP_ID', 'WECOM_AGENT_ID', 'WECOM_SECRET', 'WECOM_TOKEN', 'WECOM_AES_KEY'] as const
  missingOf(e, [...app], 'WeCom app settings')
  missingOf(e, ['WECOM_BOT_TOKEN', 'WECOM_BOT_AES_KEY'], 'WeCom smart robot settings')
  if (!e.WECOM_CORP_ID || !e.WECOM_AGENT_ID || !e.WECOM_SECRET || !e.WECOM_TOKEN || !e.WECOM_AES_KEY) {
    if (e.WECOM_BOT_TOKEN)
      throw new ConfigError(
        'WECOM_BOT_TOKEN is set but the WeCom app is not: the robot answers through the app (WECOM_CORP_ID …)',
      )
    return undefined
  }
  return {
    corpId: e.WECOM_CORP_ID,
    agentId: e.WECOM_AGENT_ID,
    secret: e.WECOM_SECRET,
    token: e.WECOM_TOKEN,
    aesKey: e.WECOM_AES_KEY,
    apiRoot: e.WECOM_API_ROOT.replace(/\/+$/, ''),
    ...(e.WECOM_BOT_TOKEN && e.WECOM_BOT_AES_KEY
      ? { bot: { token: e.WECOM_BOT_TOKEN, aesKey: e.WECOM_BOT_AES_KEY } }
      : {}),
  }
}

/** DingTalk needs the app's Client ID and Secret; the robot code is the Client ID unless told otherwise. */
function dingtalkOf(e: Env): Config['dingtalk'] {
  missingOf(e, ['DINGTALK_CLIENT_ID', 'DINGTALK_CLIENT_SECRET'], 'DingTalk app credential')
  if (!e.DINGTALK_CLIENT_ID || !e.DINGTALK_CLIENT_SECRET) return undefined
  return {
    clientId: e.DINGTALK_CLIENT_ID,
    clientSecret: e.DINGTALK_CLIENT_SECRET,
    robotCode: e.DINGTALK_ROBOT_CODE ?? e.DINGTALK_CLIENT_ID,
    mode: e.DINGTALK_MODE,
    apiRoot: e.DINGTALK_API_ROOT.replace(/\/+$/, ''),
  }
}
