/**
 * The longest pause: a long piece (a file import, a pass of sends that waited on the network) would otherwise
 * hold the background back for many seconds, also after the burst is over.
 */
export const MAX_PAUSE_MS = 250

/**
 * Answers before background work. Node runs both on one thread: under a burst, routing and writing the
 * backlog (1–2 ms an event for a card) would take CPU from acknowledging new events, which the platform
 * needs within its deadline (Feishu: 3 s, then it retries and the load grows). So each piece of background
 * work first asks for a turn: normally the next loop turn, but while requests pile up (many arrived since the
 * last piece) a pause of nineteen times that piece's length (MAX_PAUSE_MS at most), so answering keeps 95% of
 * the loop: whatever the background takes under a burst comes straight off the answers. The backlog is worked
 * off in the pauses and fully once the burst passes; it is in the inbox, so nothing is lost.
 */
export class AnswersFirst {
  private arrivals = 0
  private seen = 0
  private lastPieceMs = 0

  constructor(
    /** Requests arriving between two pieces of background work that count as a pile-up. */
    private readonly pileUp = 8,
    /** The background's share of the loop while requests pile up. */
    private readonly share = 0.05,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** A request arrived (called by every accept). */
  arrived(): void {
    this.arrivals++
  }

  /** Waits for background work's next turn; true when it paused because requests piled up. */
  async turn(): Promise<boolean> {
    const piledUp = this.arrivals - this.seen >= this.pileUp
    this.seen = this.arrivals
    if (!piledUp) {
      await yieldToIo()
      return false
    }
    const pause = Math.min(MAX_PAUSE_MS, Math.max(1, this.lastPieceMs * (1 / this.share - 1)))
    await new Promise((r) => setTimeout(r, pause))
    return true
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
