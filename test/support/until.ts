/** Polls `read` every 20 ms until it gives a value (sends happen after the answer, in the background). */
export async function until<T>(
  read: () => Promise<T | undefined> | T | undefined,
  what: string,
  ms = 5_000,
): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await read()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}
