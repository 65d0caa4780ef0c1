import type { Ctx, Me } from '../../src/commands/command'
import type { Db } from '../../src/db/store'
import type { Settings } from '../../src/domain/settings'
import { translator } from '../../src/i18n'

/** A command's context as the router builds it for `me` in a private chat on the simulator, in Chinese. */
export const commandCtx = (
  db: Db,
  me: Me,
  settings: Settings,
  now: number,
  timeZone = 'Asia/Shanghai',
): Ctx => ({
  db,
  now,
  timeZone,
  settings,
  platform: 'console',
  chatId: `u${me.id}`,
  chatType: 'p2p',
  userId: `u${me.id}`,
  mentions: [],
  attachments: [],
  locale: 'zh-CN',
  defaultLocale: 'zh-CN',
  me,
  t: translator('zh-CN'),
})
