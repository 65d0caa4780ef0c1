/**
 * Answers before background work. Node runs both on one thread: under a burst, routing and writing the
 * backlog (1–2 ms an event for a card) would take CPU from acknowledging new events, which the platform
 * needs within its deadline (Feishu: 3 s, then it retries and the load grows). So each piece of background
 * work first asks for a turn: normally the next loop turn, but while requests pile up (many arrived since the
 * last piece) a pause of a few times that piece's length, so answering keeps most of the loop. The backlog is
 * worked off in the pauses and fully once the burst passes; it is in the inbox, so nothing is lost.
 */
export class AnswersFirst {
  private arrivals = 0
  private seen = 0
  private lastPieceMs = 0

  constructor(
    /** Requests arriving between two pieces of background work that count as a pile-up. */
    private readonly pileUp = 8,
    /** The background's share of the loop while requests pile up. */
    private readonly share = 0.2,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** A request arrived (called by every accept). */
  arrived(): void {
    this.arrivals++
  }

  /** Waits for background work's next turn. */
  turn(): Promise<void> {
    const piledUp = this.arrivals - this.seen >= this.pileUp
    this.seen = this.arrivals
    const pause = piledUp ? Math.max(1, this.lastPieceMs * (1 / this.share - 1)) : 0
    return pause > 0 ? new Promise((r) => setTimeout(r, pause)) : yieldToIo()
  }

  /** Runs one piece of background work and remembers how long it took. */
  async piece<T>(work: () => Promise<T>): Promise<T> {
    const started = this.now()
    try {
      return await work()
    } finally {
      this.lastPieceMs = this.now() - started
    }
  }
}

/** Lets pending I/O (incoming requests) run before the next piece of background work. */
function yieldToIo(): Promise<void> {
  // Node has setImmediate; Workers may not (their types do not declare it), and setTimeout(0) serves there.
  const { setImmediate } = globalThis as { setImmediate?: (fn: () => void) => void }
  return new Promise((resolve) => (setImmediate ? setImmediate(resolve) : setTimeout(resolve, 0)))
}
