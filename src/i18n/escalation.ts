/** 逐级催办: the nudge to whoever must act and the card to their leader (issue 16). */
export const escalationZh = {
  kind: {
    taskOverdue: '任务',
    meetingNotHeld: '会议',
  },
  nudge: '【催办】{kind}「{title}」已逾期 {days} 天（应于 {due} 前完成），请尽快办理；办完后此提醒自动停止。',
  leaderTitle: '⚠️ 逐级催办：{kind}逾期未办',
  leaderIntro: '以下事项已逾期 {days} 天，负责人已收到提醒仍未办结，请督促：',
  fieldItem: '事项',
  fieldUnit: '单位',
  fieldResponsible: '负责人',
  fieldDue: '截止',
  nobody: '（无）',
  separator: '、',
}

export const escalationEn: typeof escalationZh = {
  kind: {
    taskOverdue: 'Task',
    meetingNotHeld: 'Meeting',
  },
  nudge:
    '[Reminder] {kind} "{title}" is {days} day(s) overdue (due by {due}). Please see to it; these reminders stop once it is done.',
  leaderTitle: '⚠️ Escalation: overdue {kind}',
  leaderIntro:
    'This item is {days} day(s) overdue and still open after reminders to those responsible. Please follow up:',
  fieldItem: 'Item',
  fieldUnit: 'Unit',
  fieldResponsible: 'Responsible',
  fieldDue: 'Due',
  nobody: '(none)',
  separator: ', ',
}
