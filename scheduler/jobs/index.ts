import type { Job } from '../job'
import { pendingBindsJob } from './pending-binds'

/** Every scheduler job; later features add theirs here. */
export const JOBS: Job[] = [pendingBindsJob]
