import type { TestProject } from 'vitest/node'
import { startFakeFeishu } from './fake-feishu'

declare module 'vitest' {
  interface ProvidedContext {
    /** Base URL of the fake Feishu Open API that the workerd project's Worker sends to. */
    feishuUrl: string
  }
}

/** globalSetup of the workerd project: the fake runs here in Node, the Worker reaches it on 127.0.0.1. */
export default async function setup(project: TestProject) {
  const fake = await startFakeFeishu()
  project.provide('feishuUrl', fake.url)
  return () => fake.close()
}
