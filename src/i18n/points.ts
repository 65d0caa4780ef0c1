/** 加分 / 扣分 above the threshold and their approval; 积分 explanations. */
export const pointsApprovalZh = {
  asked:
    '给 {name} {verb} {points} 分（事由：{reason}）超过 {threshold} 分，须党委审批：已把申请发给 {leaders}。批准后计入积分并告知本人。',
  noLeader:
    '给 {name} {verb} {points} 分超过 {threshold} 分，须党委审批，但没有找到可审批的党委领导。请联系党务管理员。',
  unreached: '（{names} 尚未绑定聊天账号，请另行告知。）',
  cardTitle: '积分审批：{name} {verb} {points} 分',
  cardBody:
    '**{branch}** 书记 {by} 申请给 **{name}** {verb} **{points}** 分。\n事由：{reason}\n申请日期：{day}',
  approve: '批准',
  reject: '驳回',
  approved: '✅ 已批准：{name} {verb} {points} 分（{reason}），已计入积分。',
  rejected: '已驳回：{name} {verb} {points} 分（{reason}），不计积分。',
  decidedAlready: '这项申请已经处理过了（{status}），不再重复处理。',
  status: { pending: '待审批', approved: '已批准', rejected: '已驳回' },
  notYours: '只有 {name} 所在支部的上级党委领导可以审批这项申请。',
  noRequest: '找不到这项积分申请，卡片可能已过期。',
  memberPush: '{by} 批准：给您{verb}了 {points} 分，事由：{reason}。发送「积分」查看明细。',
  requesterPush: '您为 {name} 申请的{verb} {points} 分（{reason}）{result}（{by}）。',
  ledger: '书记{verb}分：{reason}（{by} 申请，{approver} 批准）',
  ruleColumn: '规则',
  ruleVersion: '{rule}（第 {version} 版规则）',
  makeupRule: '补签（书记确认）',
  capsNote: '每项规则都有每日上限：超过上限的部分当天不再计分，所以反复刷题、刷签到没有用。',
  thresholdNote: '书记加分、扣分每次超过 {threshold} 分的，须党委领导审批后才计入。',
  rankPrivate: '个人名次只对本人和所在支部书记显示；各支部排行见下表。',
}

export const pointsApprovalEn: typeof pointsApprovalZh = {
  asked:
    '{verb} {points} points for {name} (reason: {reason}) is more than {threshold}, so the committee approves it: the request went to {leaders}. Once approved the points count and {name} is told.',
  noLeader:
    '{verb} {points} points for {name} is more than {threshold} and needs the committee, but no committee leader was found. Ask the party-affairs admin.',
  unreached: ' ({names} have no chat account bound; tell them another way.)',
  cardTitle: 'Points approval: {name} {verb} {points}',
  cardBody:
    '**{branch}** secretary {by} asks to {verb} **{points}** points for **{name}**.\nReason: {reason}\nAsked on: {day}',
  approve: 'Approve',
  reject: 'Reject',
  approved: '✅ Approved: {verb} {points} points for {name} ({reason}); the points count.',
  rejected: 'Rejected: {verb} {points} points for {name} ({reason}); nothing counts.',
  decidedAlready: 'This request was already decided ({status}); nothing more was done.',
  status: { pending: 'pending', approved: 'approved', rejected: 'rejected' },
  notYours: "Only a committee leader over {name}'s branch can decide this request.",
  noRequest: 'This points request was not found; the card may be out of date.',
  memberPush: '{by} approved: {verb} {points} points for you, reason: {reason}. Send "points" for details.',
  requesterPush: 'Your request to {verb} {points} points for {name} ({reason}) was {result} ({by}).',
  ledger: 'Secretary {verb} points: {reason} (asked by {by}, approved by {approver})',
  ruleColumn: 'Rule',
  ruleVersion: '{rule} (rules v{version})',
  makeupRule: 'Make-up check-in (confirmed by the secretary)',
  capsNote:
    'Every rule has a daily cap: points above it do not count that day, so answering or checking in over and over earns nothing.',
  thresholdNote:
    'A secretary award or deduction of more than {threshold} points counts only once a committee leader approves it.',
  rankPrivate:
    "Individual ranks are shown only to the member and their branch secretary; the branches' ranking follows.",
}
