import { attendanceActions, attendanceCmd } from './attendance'
import { bind } from './bind'
import { approveBind, bindActions, rejectBind } from './bind-approval'
import { bindChat } from './bind-chat'
import { checkin, leave } from './checkin'
import type { CommandDef } from './command'
import { helpCommand } from './help'
import { lang } from './lang'
import { CommandIndex } from './parse'
import { planned } from './planned'
import { pointsCmd, rankCmd, rulesCmd } from './points'
import type { ActionHandler } from './router'
import { startCheckin } from './start-checkin'

/** Planned commands help lists before 积分, as DESIGN §4 orders them. */
const FIRST_PLANNED = ['quiz', 'answer']

/** The command language of DESIGN §4, in the order help lists it. */
export function buildCommandIndex(): CommandIndex {
  let index: CommandIndex | undefined
  const defs = [
    helpCommand(() => index as CommandIndex),
    bind,
    bindChat,
    approveBind,
    rejectBind,
    checkin,
    leave,
    startCheckin,
    attendanceCmd,
    ...planned.filter((d) => FIRST_PLANNED.includes(d.id)),
    pointsCmd,
    rankCmd,
    rulesCmd,
    ...planned.filter((d) => !FIRST_PLANNED.includes(d.id)),
    lang,
  ] as CommandDef[]
  index = new CommandIndex(defs)
  return index
}

export const cardActions: ReadonlyMap<string, ActionHandler> = new Map(
  Object.entries({ ...bindActions, ...attendanceActions }),
)
