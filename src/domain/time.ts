/** Calendar arithmetic in the bot's time zone; `now` always comes from the caller. */
export type Ymd = `${number}-${number}-${number}`

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    formatters.set(timeZone, f)
  }
  return f
}

/** The local date (YYYY-MM-DD) of an instant in `timeZone`. */
export function localDay(now: number, timeZone: string): string {
  return formatterFor(timeZone).format(new Date(now))
}

/** First local day of the week (Monday), month, quarter or year that contains `day`. */
export function periodStart(day: string, period: 'week' | 'month' | 'quarter' | 'year'): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  if (period === 'year') return `${y}-01-01`
  if (period === 'month') return `${y}-${String(m).padStart(2, '0')}-01`
  if (period === 'quarter') return `${y}-${String(m - ((m - 1) % 3)).padStart(2, '0')}-01`
  const date = new Date(Date.UTC(y, m - 1, d))
  const back = (date.getUTCDay() + 6) % 7
  date.setUTCDate(date.getUTCDate() - back)
  return date.toISOString().slice(0, 10)
}

const partFormatters = new Map<string, Intl.DateTimeFormat>()

/** Built once per zone: constructing an Intl.DateTimeFormat costs about a millisecond (bench:shifts). */
function partsFormatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = partFormatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    partFormatters.set(timeZone, f)
  }
  return f
}

/** Milliseconds that local time in `timeZone` is ahead of UTC at the instant `ms`. */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const parts = partsFormatterFor(timeZone).formatToParts(new Date(ms))
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'))
  return asUtc - Math.floor(ms / 1000) * 1000
}

/** The instant at which the wall clock in `timeZone` shows `day` `hhmm`. */
export function zonedTime(day: string, hhmm: string, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const [h, mi] = hhmm.split(':').map(Number) as [number, number]
  const guess = Date.UTC(y, m - 1, d, h, mi)
  const first = guess - zoneOffsetMs(guess, timeZone)
  // A second pass settles instants near a daylight-saving change (none in Asia/Shanghai, but the zone is configurable).
  return guess - zoneOffsetMs(first, timeZone)
}

/** The local day before `day`. */
export function previousDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10)
}

/** A zone's clock formatter and where each field sits among its digit groups (learnt once, from formatToParts). */
type Clock = { format: Intl.DateTimeFormat; month: number; day: number; hour: number; minute: number }

const clocks = new Map<string, Clock>()

function clockFor(timeZone: string): Clock {
  let c = clocks.get(timeZone)
  if (!c) {
    const format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
    const fields = format
      .formatToParts(0)
      .filter((p) => p.type !== 'literal')
      .map((p) => p.type)
    c = {
      format,
      month: fields.indexOf('month'),
      day: fields.indexOf('day'),
      hour: fields.indexOf('hour'),
      minute: fields.indexOf('minute'),
    }
    clocks.set(timeZone, c)
  }
  return c
}

const DIGITS = /\d+/g

/**
 * The local wall-clock time of an instant, `HH:mm`, or `MM-DD HH:mm` when the day matters. Read from format()'s
 * digit groups in the zone's field order: a third of formatToParts' cost (cards show a clock per line).
 */
export function wallTime(ms: number, timeZone: string, withDay = false): string {
  const c = clockFor(timeZone)
  const digits = c.format.format(ms).match(DIGITS) ?? []
  const clock = `${digits[c.hour]}:${digits[c.minute]}`
  return withDay ? `${digits[c.month]}-${digits[c.day]} ${clock}` : clock
}
