import { z } from 'zod'
import { userPrefs } from '../db/schema'
import { translate } from '../i18n'
import { text } from '../messages'
import { command } from './command'

export const lang = command({
  id: 'lang',
  names: ['语言'],
  aliases: ['lang', 'language'],
  who: 'anyone',
  params: [{ name: 'locale' }],
  args: z.object({
    locale: z
      .enum(['en', 'EN', 'English', 'english', '中文', 'zh', 'zh-CN', 'cn'], { message: 'arg.locale' })
      .transform((v) => (v.toLowerCase().startsWith('en') ? 'en' : 'zh-CN') as 'en' | 'zh-CN'),
  }),
  async run(ctx, { locale }) {
    return {
      writes: [
        ctx.db
          .insert(userPrefs)
          .values({ platform: ctx.platform, platformUserId: ctx.userId, locale })
          .onConflictDoUpdate({ target: [userPrefs.platform, userPrefs.platformUserId], set: { locale } }),
      ],
      replies: [text(translate(locale, 'lang.done'))],
    }
  },
})
