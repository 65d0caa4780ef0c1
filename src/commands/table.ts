import { activities } from './activities'
import { attendanceActions, attendanceCmd } from './attendance'
import { bind } from './bind'
import { approveBind, bindActions, rejectBind } from './bind-approval'
import { bindChat } from './bind-chat'
import { challengeActions, challengeCmd } from './challenge'
import { checkin, leave } from './checkin'
import type { CommandDef } from './command'
import { helpCommand } from './help'
import { lang } from './lang'
import { newTask } from './new-task'
import { overdueCmd } from './overdue'
import { CommandIndex } from './parse'
import { planned } from './planned'
import { pointsCmd, rankCmd, rulesCmd } from './points'
import { answerCmd, quizActions, quizCmd } from './quiz'
import { mistakesCmd, quizStatsCmd } from './quiz-stats'
import type { ActionHandler } from './router'
import { startCheckin } from './start-checkin'
import { taskActions, tasksCmd } from './tasks'

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
    quizCmd,
    answerCmd,
    challengeCmd,
    mistakesCmd,
    quizStatsCmd,
    pointsCmd,
    rankCmd,
    rulesCmd,
    activities,
    tasksCmd,
    newTask,
    overdueCmd,
    ...planned,
    lang,
  ] as CommandDef[]
  index = new CommandIndex(defs)
  return index
}

export const cardActions: ReadonlyMap<string, ActionHandler> = new Map(
  Object.entries({
    ...bindActions,
    ...attendanceActions,
    ...quizActions,
    ...challengeActions,
    ...taskActions,
  }),
)
