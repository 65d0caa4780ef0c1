import type { Api } from 'grammy'
import type { BotCommand } from 'grammy/types'
import type { CommandIndex } from '../../src/commands/parse'
import { type Locale, translate } from '../../src/i18n'
import { call } from './client'
import { TELEGRAM_SIZE_LIMITS } from './limits'

const COMMAND_NAME = /^[a-z0-9_]{1,32}$/

/**
 * The command menu: setMyCommands takes only `[a-z0-9_]` names, so it lists each working command's English
 * alias, described in `locale`; the Chinese description starts with the Chinese word, which works as typed
 * text (DESIGN §6). Commands still being built stay out of the menu.
 */
export function commandMenu(index: CommandIndex, locale: Locale): BotCommand[] {
  return index.defs
    .filter((d) => d.run)
    .flatMap((d) => {
      const command = d.aliases.find((a) => COMMAND_NAME.test(a))
      if (!command) return []
      const summary = translate(locale, `cmd.${d.id}.summary`)
      const description = locale === 'zh-CN' ? `${d.names[0]}：${summary}` : summary
      return [{ command, description: description.slice(0, TELEGRAM_SIZE_LIMITS.commandDescriptionChars) }]
    })
    .slice(0, TELEGRAM_SIZE_LIMITS.commands)
}

/**
 * Registers the menu for everyone in the deployment's language, and per client language for Chinese and
 * English users (https://core.telegram.org/bots/api#setmycommands, `language_code`).
 */
export async function registerCommands(api: Api, index: CommandIndex, defaultLocale: Locale): Promise<void> {
  await call('setMyCommands', () => api.setMyCommands(commandMenu(index, defaultLocale)))
  for (const [code, locale] of [
    ['zh', 'zh-CN'],
    ['en', 'en'],
  ] as const)
    await call('setMyCommands', () => api.setMyCommands(commandMenu(index, locale), { language_code: code }))
}
