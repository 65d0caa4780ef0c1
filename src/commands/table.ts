import { activities } from './activities'
import { assessCmd } from './assessment'
import { evaluationCmd } from './assessment-list'
import { attendanceActions, attendanceCmd } from './attendance'
import { bind } from './bind'
import { approveBind, bindActions, rejectBind } from './bind-approval'
import { bindChat } from './bind-chat'
import { challengeActions, challengeCmd } from './challenge'
import { checkin, leave } from './checkin'
import type { CommandDef } from './command'
import { diaryCmd } from './diary'
import { dispatchCmd } from './dispatch'
import { dualReportCmd } from './dual-report'
import { dualReportActions } from './dual-report-actions'
import { feedbackCmd } from './feedback'
import { helpCommand } from './help'
import { importActions, importCmd } from './import'
import { inspectCmd } from './inspection'
import { lang } from './lang'
import { ledgerCmd } from './ledger'
import { fixCmd } from './ledger-fix'
import { openCmd } from './ledger-open'
import { verifyCmd } from './ledger-verify'
import { confirmLetterCmd, letterActions, letterCmd } from './letter'
import { makeupActions, makeupCmd } from './makeup'
import { addPoints, deductPoints, pointsApprovalActions } from './manual-points'
import { newTask } from './new-task'
import { overdueCmd } from './overdue'
import { CommandIndex } from './parse'
import { planned } from './planned'
import { pointsCmd, rankCmd, rulesCmd } from './points'
import { answerCmd, quizActions, quizCmd } from './quiz'
import { mistakesCmd, quizStatsCmd } from './quiz-stats'
import { report } from './report'
import type { ActionHandler } from './router'
import { shiftCmd } from './shift'
import { startCheckin } from './start-checkin'
import { publishStudy, studiedCmd, studyActions } from './study'
import { studyStatus } from './study-status'
import { summaryActions, summaryCmd } from './summary'
import { taskActions, tasksCmd } from './tasks'
import { todoCmd } from './todo'
import { todoActions } from './todo-actions'

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
    addPoints,
    deductPoints,
    publishStudy,
    studiedCmd,
    studyStatus,
    diaryCmd,
    activities,
    tasksCmd,
    newTask,
    overdueCmd,
    shiftCmd,
    makeupCmd,
    todoCmd,
    report,
    dispatchCmd,
    inspectCmd,
    assessCmd,
    evaluationCmd,
    dualReportCmd,
    letterCmd,
    confirmLetterCmd,
    summaryCmd,
    feedbackCmd,
    ledgerCmd,
    openCmd,
    fixCmd,
    verifyCmd,
    importCmd,
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
    ...makeupActions,
    ...studyActions,
    ...todoActions,
    ...pointsApprovalActions,
    ...dualReportActions,
    ...importActions,
    ...letterActions,
    ...summaryActions,
  }),
)
