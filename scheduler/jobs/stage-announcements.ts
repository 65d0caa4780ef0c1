import { calendarReminderJob } from '../calendar-reminders'

/** 开局动员, 庆七一, 迎国庆, 决胜年终: announced to every bound branch and committee group, ahead and on the day. */
export const stageAnnouncementsJob = calendarReminderJob('stage-announcements', 'stage', [
  'branch',
  'committee',
])
