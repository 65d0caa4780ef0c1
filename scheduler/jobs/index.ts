import type { Job } from '../job'
import { checkinCloseJob } from './checkin-close'
import { checkinRemindJob } from './checkin-remind'
import { pendingBindsJob } from './pending-binds'

/** Every scheduler job; later features add theirs here. */
export const JOBS: Job[] = [pendingBindsJob, checkinRemindJob, checkinCloseJob]
