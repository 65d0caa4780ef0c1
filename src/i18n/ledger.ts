/** 反映 and the supervision ledger: 台账, 立项, 整改, 验证 and the overdue nudges. */
export const ledgerZh = {
  status: { reported: '待立项', open: '整改中', submitted: '待验证', closed: '已销号' },
  step: { reported: '反映', opened: '立项', evidence: '整改', passed: '验证通过', returned: '退回' },
  feedbackEmpty: '请写上要反映的问题，例如：反映 安全生产 井口照明不足；匿名反映：反映 匿名 井口照明不足',
  feedbackNeedBind:
    '实名反映需要先绑定：请发送「绑定 <工号>」。不绑定也可以匿名反映：反映 匿名 <问题>（匿名反映无法通知处理结果）。',
  feedbackLimit: '今天的反映已达 {max} 次上限，请明天再反映；紧急情况请直接联系纪检部门。',
  feedbackFiled: '已收到您的反映（类别：{category}），编号 {id}。纪检监督员处理后，结果会私聊告诉您。',
  feedbackAnonymous:
    '这是一条匿名反映（类别：{category}），编号 {id}，请自行记下编号。系统不保存您的身份：反映记录里没有您的名字，本条回复送达后机器人也不再保留发给您的记录，因此处理结果无法通知您。',
  feedbackClosed: '您反映的问题（编号 {id}）已整改并验证销号。{note}',
  feedbackClosedNote: '验证意见：{note}',
  noItem: '没有编号为 {id} 的台账事项，或它不在您的监督范围内。发送「台账」查看您范围内的事项。',
  noScope: '您没有监督范围，请联系党务管理员核对纪检监督员角色。',
  badStatus: '「{word}」不是台账状态，可用：待立项、整改中、待验证、已销号、全部，或一个编号。',
  listTitle: '监督台账（{status}，共 {count} 项）',
  listColumns: '编号|状态|类别|单位|问题|责任人|截止',
  listAnonymous: '匿名',
  listNone: '您的监督范围内没有{status}的事项。',
  listMore: '只列出最新 {shown} 项；发送「台账 <编号>」查看一项的详情和过程。',
  itemTitle: '台账第 {id} 项（{status}）',
  itemText: '问题',
  itemCategory: '类别',
  itemUnit: '单位',
  itemReporter: '反映人',
  itemOwner: '责任人',
  itemLeader: '分管领导',
  itemDue: '整改期限',
  itemTask: '整改任务',
  historyColumns: '时间|环节|经办人|说明',
  historyAttachments: '（附件 {count} 个）',
  wrongStep: '第 {id} 项现在{status}，不能{step}。',
  openSpec: '请按格式填写：立项 <编号> @责任人 @分管领导 截止 <日期>，例如：立项 3 @1003 @1032 截止 12-20',
  openNotInScope: '{name} 不在您的监督范围内，不能担任第 {id} 项的责任人或分管领导。',
  openSamePerson: '责任人和分管领导不能是同一人（双责任）。',
  openTaskTitle: '整改：{text}',
  opened:
    '第 {id} 项已立项：责任人 {owner}，分管领导 {leader}，{due} 前整改完毕。已生成整改任务 #{task}，并私聊通知两人。',
  openedOwner:
    '您是监督问题第 {id} 项的责任人：{text}\n请在 {due} 前整改，完成后发送「整改 {id} <说明>」并附上照片或文件作为证据。',
  openedLeader: '您是监督问题第 {id} 项的分管领导（责任人 {owner}）：{text}\n整改期限 {due}。',
  unreachable: '{names} 尚未绑定聊天账号，未能通知，请当面告知。',
  fixNotOwner: '只有第 {id} 项的责任人可以提交整改。',
  fixNeedEvidence: '请写明整改情况，或随消息附上照片、文件作为证据，例如：整改 3 已更换井口照明灯具',
  fixed: '已提交第 {id} 项的整改（{evidence}），等待纪检监督员验证。',
  fixedEvidence: '说明和 {count} 个附件',
  fixedText: '文字说明',
  fixedInspector: '监督问题第 {id} 项已提交整改，请验证：验证 {id} 通过，或 验证 {id} 退回 <原因>',
  verifyNeedNote: '退回时请写明原因，例如：验证 3 退回 照片看不清，请补拍',
  passed: '第 {id} 项验证通过，已销号；整改任务 #{task} 已确认。',
  returned: '第 {id} 项已退回责任人重新整改：{note}',
  passedOwner: '监督问题第 {id} 项验证通过，已销号。',
  returnedOwner: '监督问题第 {id} 项的整改被退回：{note}\n请重新整改后发送「整改 {id} <说明>」。',
  nudge:
    '监督问题第 {id} 项已逾期 {days} 天（期限 {due}）：{text}\n责任人 {owner}，分管领导 {leader}。请尽快整改并发送「整改 {id} <说明>」。',
}

export const ledgerEn: typeof ledgerZh = {
  status: { reported: 'reported', open: 'being fixed', submitted: 'awaiting check', closed: 'closed' },
  step: {
    reported: 'reported',
    opened: 'opened',
    evidence: 'fixed',
    passed: 'verified',
    returned: 'returned',
  },
  feedbackEmpty:
    'Please describe the issue, e.g. /feedback safety poor lighting at the shaft mouth; anonymously: /feedback anonymous <issue>',
  feedbackNeedBind:
    'To report under your name, bind first: /bind <employee no.>. Without binding you can report anonymously: /feedback anonymous <issue> (you will not hear the outcome).',
  feedbackLimit:
    'You have reached today’s limit of {max} reports; please report tomorrow, or contact the discipline office directly if it is urgent.',
  feedbackFiled:
    'Your report is filed (category: {category}) as no. {id}. You will hear the outcome privately.',
  feedbackAnonymous:
    'This is an anonymous report (category: {category}), no. {id}: please note the number. Your identity is not kept: the record has no name, and once this reply is delivered the bot keeps no record of sending it to you, so it cannot tell you the outcome.',
  feedbackClosed: 'The issue you reported (no. {id}) has been fixed and verified. {note}',
  feedbackClosedNote: 'Inspector’s note: {note}',
  noItem:
    'There is no ledger item no. {id}, or it is outside your scope. Send /ledger to see the items in your scope.',
  noScope: 'You have no supervision scope; ask the party-affairs admin to check your inspector role.',
  badStatus:
    '“{word}” is not a ledger status; use reported, open, submitted, closed, all, or an item number.',
  listTitle: 'Supervision ledger ({status}, {count} items)',
  listColumns: 'No.|Status|Category|Unit|Issue|Owner|Due',
  listAnonymous: 'anonymous',
  listNone: 'No {status} items in your scope.',
  listMore: 'Only the newest {shown} are listed; send /ledger <no.> for one item’s details and steps.',
  itemTitle: 'Ledger item {id} ({status})',
  itemText: 'Issue',
  itemCategory: 'Category',
  itemUnit: 'Unit',
  itemReporter: 'Reported by',
  itemOwner: 'Owner',
  itemLeader: 'Leader in charge',
  itemDue: 'Due',
  itemTask: 'Fix task',
  historyColumns: 'Time|Step|By|Note',
  historyAttachments: ' ({count} attachments)',
  wrongStep: 'Item {id} is {status} now; it cannot be {step}.',
  openSpec: 'Use: /open <no.> @owner @leader due <date>, e.g. /open 3 @1003 @1032 due 12-20',
  openNotInScope: '{name} is outside your supervision scope and cannot be owner or leader of item {id}.',
  openSamePerson: 'The owner and the leader in charge must be two people.',
  openTaskTitle: 'Fix: {text}',
  opened:
    'Item {id} is opened: owner {owner}, leader in charge {leader}, to be fixed by {due}. Fix task #{task} created; both were told privately.',
  openedOwner:
    'You own supervision problem {id}: {text}\nFix it by {due}, then send /fix {id} <what was done> with a photo or file as evidence.',
  openedLeader:
    'You are the leader in charge of supervision problem {id} (owner {owner}): {text}\nDue {due}.',
  unreachable: '{names} have no chat account yet and were not told; please tell them in person.',
  fixNotOwner: 'Only the owner of item {id} can report its fix.',
  fixNeedEvidence:
    'Say what was fixed, or attach a photo or file as evidence, e.g. /fix 3 replaced the shaft lights',
  fixed: 'The fix of item {id} is in ({evidence}); it waits for the inspector’s check.',
  fixedEvidence: 'note and {count} attachments',
  fixedText: 'a written note',
  fixedInspector:
    'Supervision problem {id} reports a fix; please check it: /verify {id} pass, or /verify {id} return <why>',
  verifyNeedNote: 'Say why it goes back, e.g. /verify 3 return the photo is unreadable',
  passed: 'Item {id} is verified and closed; fix task #{task} is confirmed.',
  returned: 'Item {id} goes back to its owner: {note}',
  passedOwner: 'Supervision problem {id} is verified and closed.',
  returnedOwner:
    'The fix of supervision problem {id} was returned: {note}\nFix it and send /fix {id} <what was done> again.',
  nudge:
    'Supervision problem {id} is {days} days overdue (due {due}): {text}\nOwner {owner}, leader in charge {leader}. Please fix it and send /fix {id} <what was done>.',
}
