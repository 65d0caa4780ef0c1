import type { Job } from '../job'
import { checkinCloseJob } from './checkin-close'
import { checkinRemindJob } from './checkin-remind'
import { dispatchCardJob } from './dispatch-card'
import { escalationJob } from './escalation'
import { ledgerOverdueJob } from './ledger-overdue'
import { letterNudgeJob } from './letter-nudge'
import { meetingNudgesJob } from './meeting-nudges'
import { meetingRemindersJob } from './meeting-reminders'
import { monthlyReportJob } from './monthly-report'
import { pendingBindsJob } from './pending-binds'
import { quizNudgeJob } from './quiz-nudge'
import { quizPushJob } from './quiz-push'
import { stageAnnouncementsJob } from './stage-announcements'
import { summaryRollupJob } from './summary-rollup'
import { taskDigestJob } from './task-digest'
import { taskDueJob } from './task-due'
import { taskEscalationJob } from './task-escalation'
import { todoMorningJob } from './todo-morning'
import { weeklyRankingJob } from './weekly-ranking'

/** Every scheduler job; later features add theirs here. */
export const JOBS: Job[] = [
  pendingBindsJob,
  checkinRemindJob,
  checkinCloseJob,
  quizPushJob,
  quizNudgeJob,
  // The calendar's jobs.
  stageAnnouncementsJob,
  meetingRemindersJob,
  meetingNudgesJob,
  weeklyRankingJob,
  monthlyReportJob,
  taskDueJob,
  taskDigestJob,
  taskEscalationJob,
  escalationJob,
  todoMorningJob,
  dispatchCardJob,
  letterNudgeJob,
  ledgerOverdueJob,
  summaryRollupJob,
]
