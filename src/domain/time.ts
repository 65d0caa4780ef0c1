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
