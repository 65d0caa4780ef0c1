import pino from 'pino'

/** One line per processed event (DESIGN §5): ids and the outcome, never the text or who sent it. */
export type EventLine = {
  inbox: number
  event: string
  platform: string
  kind: string
  outcome: string
  ms: number
}

export type Logger = {
  /** Something went wrong: a message for the operator and the error. */
  error(msg: string, err?: unknown): void
  info(msg: string): void
  event(line: EventLine): void
}

/**
 * Keys whose values are secrets (config fields, headers): censored at any depth of a logged object, in case
 * an error carries the config or a request along.
 */
const SECRET_KEYS = new Set(
  [
    'appSecret',
    'encryptKey',
    'verificationToken',
    'token',
    'secret',
    'aesKey',
    'clientSecret',
    'productionApiToken',
    'feedbackSalt',
    'authorization',
    'webhookSecret',
  ].map((k) => k.toLowerCase()),
)

function censored(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || depth > 8) return value
  if (Array.isArray(value)) return value.map((v) => censored(v, depth + 1))
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      SECRET_KEYS.has(k.toLowerCase()) ? '[secret]' : censored(v, depth + 1),
    ]),
  )
}

/** Structured JSON lines on stdout (pino) for the Node shell; `destination` lets a test read them. */
export function nodeLogger(level: string, destination?: pino.DestinationStream): Logger {
  const logger = pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { log: (object) => censored(object) as Record<string, unknown> },
    },
    destination,
  )
  return {
    error: (msg, err) => logger.error(err === undefined ? {} : { err }, msg),
    info: (msg) => logger.info(msg),
    event: (line) => logger.info(line, 'event'),
  }
}
