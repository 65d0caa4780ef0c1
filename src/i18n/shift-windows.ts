/** 分班次签到: 发起签到 … 班次 早, a member's window, and the figures per window (issue 16). */
export const shiftWindowsZh = {
  unknownShift: '没有「{shift}」这个班次。可用的班次：{shifts}，例如：发起签到 班后会 30 班次 早',
  announceFor: '本次为{shift}签到窗口：今天上{shift}的成员请在 {until} 前签到。',
  already: '「{title}」已有{shift}的签到窗口（{until} 截止），无需重复发起。',
  notYours:
    '「{title}」目前只开放 {shifts} 的签到窗口；您今天上{shift}，请等您班次的窗口，或事后发送「补签 <事由>」。',
  notYetOpen: '「{title}」的签到窗口尚未开始。',
  figuresHead: '**分班次签到**',
  figuresLine: '{shift}：应到 {expected}，准时 {onTime}，迟到 {late}，请假 {leave}，未到 {missing}',
  offShift: '其他（休息、无班次或本班次未设窗口）',
  missingShift: '「班次」之后请写 早、中 或 夜',
}

export const shiftWindowsEn: typeof shiftWindowsZh = {
  unknownShift: 'There is no shift "{shift}". Shifts: {shifts}. Example: /startcheckin Debrief 30 shift 早',
  announceFor:
    'This is the {shift} window: members working the {shift} today, please check in before {until}.',
  already: '"{title}" already has a {shift} window (closes {until}); no need to open it again.',
  notYours:
    '"{title}" is open only for the {shifts} window(s); you work the {shift} today. Wait for your window, or send "/makeup <reason>" afterwards.',
  notYetOpen: 'The check-in window of "{title}" has not opened yet.',
  figuresHead: '**By shift window**',
  figuresLine:
    '{shift}: expected {expected}, on time {onTime}, late {late}, on leave {leave}, missing {missing}',
  offShift: 'Others (resting, no roster, or no window for their shift)',
  missingShift: 'After "shift" write 早, 中 or 夜',
}
