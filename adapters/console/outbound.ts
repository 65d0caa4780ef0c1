import type { Outbound } from '../../src/outbox/outbound'

/**
 * The simulator's "platform": a message counts as delivered once it is in the outbox, where the chat
 * page and `GET /dev/outbox` read it.
 */
export const consoleOutbound: Outbound = {
  platform: 'console',
  limits: { perSecond: Number.POSITIVE_INFINITY },
  capabilities: { urgent: false, edit: false, files: true, sendFiles: true },
  async send() {
    return undefined
  },
}
