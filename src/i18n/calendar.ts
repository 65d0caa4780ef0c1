/** Words of the calendar: stage announcements, meeting reminders and nudges, rankings, reports, `活动`. */
export const calendarZh = {
  weekdays: '周日|周一|周二|周三|周四|周五|周六',
  stageAhead:
    '【{title}】阶段活动将于 {date}（{weekday}）开始，还有 {days} 天。活动时间 {from} 至 {to}，请各支部提前谋划、做好准备。',
  stageToday:
    '【{title}】阶段活动今天开始（{from} 至 {to}），请各支部按计划组织开展，活动情况及时在群里发起签到记录。',
  meetingAhead: '提醒：{title}定于 {date}（{weekday}）召开，还有 {days} 天，请党员合理安排班次、准时参加。',
  meetingToday: '提醒：{title}定于今天（{date}，{weekday}）召开，请党员准时参加。',
  moved: '（原定 {nominal} 逢{holiday}，顺延至 {date}）',
  restDay: '休息日',
  unconfirmed: '注：{year} 年节假日安排尚未确认，日期按法定节日推算，可能随国务院调休通知调整。',
  nudge:
    '{branch}{period}（{from} 至 {to}）尚未记录{title}，距截止还有 {days} 天。请及时组织召开，并在支部群用「发起签到 {title}」记录。',
  month: '本月',
  quarter: '本季度',
  rankingTitle: '{branch}上周积分排行',
  rankingPeriod: '{from} 至 {to}',
  rankingColumns: '名次|姓名|积分',
  rankingEmpty: '上周本支部没有新增积分。',
  reportTitle: '{month} 月党建工作月报',
  reportColumns: '支部|开展活动|积分',
  reportTotal: '合计：开展活动 {activities} 次，积分 {points} 分。发送「汇总」查看详细卡片。',
  listTitle: '{unit}近 {days} 天的活动安排',
  listColumns: '日期|活动|说明',
  listEmpty: '近 {days} 天没有安排阶段活动或会议。',
  listStage: '阶段活动，{from} 至 {to}',
  listMeeting: '{time} 提醒',
  listOrg: '全党委',
}

export const calendarEn: typeof calendarZh = {
  weekdays: 'Sun|Mon|Tue|Wed|Thu|Fri|Sat',
  stageAhead:
    '[{title}] The stage activity starts on {date} ({weekday}), in {days} days. It runs from {from} to {to}: branches, please plan and prepare.',
  stageToday:
    '[{title}] The stage activity starts today ({from} to {to}). Branches, please hold it as planned and record it with a check-in in the group.',
  meetingAhead:
    'Reminder: {title} is on {date} ({weekday}), in {days} days. Members, please arrange your shifts to attend.',
  meetingToday: 'Reminder: {title} is today ({date}, {weekday}). Members, please attend on time.',
  moved: ' (planned for {nominal}, {holiday}; moved to {date})',
  restDay: 'a rest day',
  unconfirmed:
    'Note: the {year} holiday arrangement is not confirmed yet; dates follow the statutory holidays and may change with the State Council notice.',
  nudge:
    '{branch} has no {title} recorded {period} ({from} to {to}); {days} days are left. Please hold it and record it with "startcheckin {title}" in the branch group.',
  month: 'this month',
  quarter: 'this quarter',
  rankingTitle: '{branch}: last week’s points ranking',
  rankingPeriod: '{from} to {to}',
  rankingColumns: 'Place|Name|Points',
  rankingEmpty: 'No points were earned in this branch last week.',
  reportTitle: 'Party-building report for {month}',
  reportColumns: 'Branch|Activities held|Points',
  reportTotal: 'Total: {activities} activities held, {points} points. Send /summary for the full card.',
  listTitle: '{unit}: the next {days} days',
  listColumns: 'Date|Activity|Note',
  listEmpty: 'No stage activities or meetings in the next {days} days.',
  listStage: 'stage activity, {from} to {to}',
  listMeeting: 'reminder at {time}',
  listOrg: 'the whole organisation',
}
