import { calendarReminderJob } from '../calendar-reminders'

/** 主题党日 and 三会一课: each branch group hears ahead of its meeting, after the working-day move. */
export const meetingRemindersJob = calendarReminderJob('meeting-reminders', 'meeting', ['branch'])
