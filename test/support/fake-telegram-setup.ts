import type { TestProject } from 'vitest/node'
import { startFakeTelegram } from './fake-telegram'

declare module 'vitest' {
  interface ProvidedContext {
    /** Base URL of the fake Bot API that the workerd project's Worker sends to. */
    telegramUrl: string
    telegramToken: string
  }
}

/** globalSetup of the workerd project: the fake Bot API runs here in Node, the Worker reaches it on 127.0.0.1. */
export default async function setup(project: TestProject) {
  const fake = await startFakeTelegram()
  project.provide('telegramUrl', fake.url)
  project.provide('telegramToken', fake.token)
  return () => fake.close()
}
