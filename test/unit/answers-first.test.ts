import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AnswersFirst, MAX_PAUSE_MS } from '../../src/inbox/answers-first'

describe('background work gives way to answers under a burst', () => {
  let now = 0
  beforeEach(() => {
    now = 0
    vi.useFakeTimers()
  })
  afterEach(() => vi.useRealTimers())

  /** How many fake milliseconds a turn waits. */
  async function waited(gate: AnswersFirst): Promise<number> {
    let done = false
    const turn = gate.turn().then(() => {
      done = true
    })
    let ms = 0
    await vi.advanceTimersByTimeAsync(0)
    while (!done) {
      await vi.advanceTimersByTimeAsync(1)
      ms++
    }
    await turn
    return ms
  }

  it('takes the next loop turn while requests trickle in', async () => {
    const gate = new AnswersFirst(8, 0.2, () => now)
    await gate.piece(async () => {
      now += 2
    })
    for (let i = 0; i < 7; i++) gate.arrived()
    expect(await waited(gate)).toBe(0)
  })

  it('pauses four times the last piece (a fifth of the loop) when requests pile up, once per pile-up', async () => {
    const gate = new AnswersFirst(8, 0.2, () => now)
    await gate.piece(async () => {
      now += 2
    })
    for (let i = 0; i < 50; i++) gate.arrived()
    expect(await waited(gate)).toBe(8)
    // Nothing new arrived during the pause: the next piece runs at once.
    expect(await waited(gate)).toBe(0)
  })

  it('by default leaves the background a twentieth of the loop: nineteen times the last piece', async () => {
    const gate = new AnswersFirst(8, undefined, () => now)
    await gate.piece(async () => {
      now += 2
    })
    for (let i = 0; i < 8; i++) gate.arrived()
    expect(await waited(gate)).toBe(38)
  })

  it('says whether a turn waited for a pile-up', async () => {
    const gate = new AnswersFirst(8, 0.2, () => now)
    const quiet = gate.turn()
    await vi.advanceTimersByTimeAsync(1)
    expect(await quiet).toBe(false)
    for (let i = 0; i < 8; i++) gate.arrived()
    const busy = gate.turn()
    await vi.advanceTimersByTimeAsync(1)
    expect(await busy).toBe(true)
  })

  it('pauses a quarter of a second at most, however long the last piece took', async () => {
    const gate = new AnswersFirst(8, 0.05, () => now)
    await gate.piece(async () => {
      now += 2_000
    })
    for (let i = 0; i < 8; i++) gate.arrived()
    expect(await waited(gate)).toBe(MAX_PAUSE_MS)
  })

  it('pauses at least a millisecond after a very short piece', async () => {
    const gate = new AnswersFirst(8, 0.2, () => now)
    await gate.piece(async () => {})
    for (let i = 0; i < 8; i++) gate.arrived()
    expect(await waited(gate)).toBe(1)
  })
})
