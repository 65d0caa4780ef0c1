import { bind } from './bind'
import { approveBind, bindActions, rejectBind } from './bind-approval'
import { bindChat } from './bind-chat'
import type { CommandDef } from './command'
import { helpCommand } from './help'
import { lang } from './lang'
import { CommandIndex } from './parse'
import { planned } from './planned'
import { pointsCmd, rankCmd, rulesCmd } from './points'
import type { ActionHandler } from './router'

/** The command language of DESIGN §4, in the order help lists it. */
export function buildCommandIndex(): CommandIndex {
  let index: CommandIndex | undefined
  const defs = [
    helpCommand(() => index as CommandIndex),
    bind,
    bindChat,
    approveBind,
    rejectBind,
    ...planned.slice(0, 6),
    pointsCmd,
    rankCmd,
    rulesCmd,
    ...planned.slice(6),
    lang,
  ] as CommandDef[]
  index = new CommandIndex(defs)
  return index
}

export const cardActions: ReadonlyMap<string, ActionHandler> = new Map(Object.entries(bindActions))
