/** 导入 in a private chat: a file, its checks row by row, a confirm card, all or nothing. */
export const importsZh = {
  kind: { roster: '名册', questions: '题库', calendar: '日历', shifts: '班次', production: '产量' },
  fileHint:
    '收到了文件或图片，但没有说要做什么。要用它的命令（如「导入 名册」）请写在文件的说明里一起发送，或先发命令再发文件。发送「帮助」查看全部命令。',
  waiting:
    '请在 {minutes} 分钟内发送{kind}文件（CSV（UTF-8）或 XLSX）。也可以把「导入 {kind}」写在文件的说明里一起发送。',
  noFiles: '这里没有接通文件下载，无法在聊天中导入。请由管理员在服务器上用 npm run import 导入。',
  notFile: '收到的是图片，不是表格文件：请把 CSV 或 XLSX 文件以「文件」方式发送。',
  tooBig: '文件有 {size}，超过 {max} 的上限：请拆成几个文件分别导入。',
  downloadFailed: '没能取到您发送的文件，请稍后重新发送。',
  more: '……另有 {count} 处问题未列出。',
  unreadable: '{kind}未导入：{why}',
  refused: '{kind}未导入，文件「{file}」中有问题，没有写入任何内容。改正后直接把文件再发给我即可：',
  planTooLarge:
    '文件有 {rows} 行，太大，无法在聊天中等待确认：请拆成几个文件分别导入，或在服务器上用 npm run import 导入。',
  cardTitle: '确认导入{kind}',
  cardBody:
    '文件「{file}」共 {rows} 行，检查通过。确认后将：\n{changes}\n\n全部写入或一行也不写。{minutes} 分钟内有效，确认前不会写入任何内容。',
  notes: '提醒：',
  confirm: '确认导入',
  cancel: '取消',
  counts: {
    roster:
      '新增 {added} 人，更新 {changed} 人，未变 {unchanged} 人，删除 0 人（文件中没有的 {untouched} 名成员保持原样）',
    questions:
      '新增 {added} 题，更新 {changed} 题，未变 {unchanged} 题，删除 0 题；新增和更新的题审核通过后才会出现在答题中',
    calendar:
      '写入 {years} 节假日 {days} 天（整年替换），日历安排 {entries} 项（同编码同范围的旧安排被替换）',
    calendarNoHolidays: '日历安排 {entries} 项（同编码同范围的旧安排被替换），没有节假日行',
    shifts: '写入 {rotations} 个党小组的轮班（替换原轮班）和 {exceptions} 条个人班次',
    production: '新增 {added} 条产量数据，已导入过 {duplicates} 条（不重复写入）',
  },
  doneTitle: '{kind}已导入',
  done: '✅ {kind}已导入：{changes}',
  already: '这次导入已经完成，不会重复写入。',
  gone: '这次导入已取消或已过期，没有写入任何内容。请重新发送「导入」命令和文件。',
  cancelledTitle: '已取消导入{kind}',
  cancelled: '已取消导入，没有写入任何内容。',
  changed:
    '确认前数据有了变化，卡片上的统计已不准确，没有写入任何内容。现在的结果：{changes}。请重新发送文件，再确认一次。',
  nowInvalid: '确认前数据有了变化，文件现在有问题，没有写入任何内容：',
  notAdmin: '只有党务管理员可以确认导入。',
}

export const importsEn: typeof importsZh = {
  kind: {
    roster: 'roster',
    questions: 'question bank',
    calendar: 'calendar',
    shifts: 'shifts',
    production: 'production figures',
  },
  fileHint:
    'I got a file or picture but no words saying what to do with it. Send the command that takes it (such as “/import roster”) as its caption, or the command first and the file after it. Send /help for all commands.',
  waiting:
    'Send the {kind} file (CSV in UTF-8, or XLSX) within {minutes} minutes. You can also send the file with the caption “/import {kind}”.',
  noFiles:
    'File downloads are not wired here, so imports in chat are off. An administrator can run npm run import on the server.',
  notFile: 'That is a picture, not a spreadsheet: send the CSV or XLSX as a file.',
  tooBig: 'The file has {size}, over the {max} limit: split it into several files.',
  downloadFailed: 'I could not fetch the file you sent; please send it again later.',
  more: '… and {count} more problems not listed.',
  unreadable: '{kind} not imported: {why}',
  refused:
    '{kind} not imported: the file “{file}” has problems, nothing was written. Fix them and just send me the file again:',
  planTooLarge:
    'The file has {rows} rows, too many to hold for a confirmation in chat: split it, or run npm run import on the server.',
  cardTitle: 'Confirm the {kind} import',
  cardBody:
    'The file “{file}” ({rows} rows) passed the checks. Confirming will:\n{changes}\n\nAll rows or none. Valid for {minutes} minutes; nothing is written before you confirm.',
  notes: 'Notes:',
  confirm: 'Import',
  cancel: 'Cancel',
  counts: {
    roster:
      '{added} new, {changed} changed, {unchanged} unchanged, 0 removed ({untouched} members not in the file stay as they are)',
    questions:
      '{added} new, {changed} changed, {unchanged} unchanged, 0 removed; new and changed questions join quizzes once approved',
    calendar:
      'write {days} holidays of {years} (whole years replaced) and {entries} calendar entries (same key and scope replaced)',
    calendarNoHolidays: '{entries} calendar entries (same key and scope replaced), no holiday rows',
    shifts: 'write rotations of {rotations} party groups (replacing theirs) and {exceptions} member shifts',
    production: '{added} new figures, {duplicates} already imported (not written twice)',
  },
  doneTitle: '{kind} imported',
  done: '✅ {kind} imported: {changes}',
  already: 'This import is already done; nothing is written twice.',
  gone: 'This import was cancelled or has expired; nothing was written. Send the import command and the file again.',
  cancelledTitle: '{kind} import cancelled',
  cancelled: 'Import cancelled; nothing was written.',
  changed:
    'The data changed before you confirmed, so the card’s counts no longer hold; nothing was written. Now it would: {changes}. Send the file again and confirm once more.',
  nowInvalid: 'The data changed before you confirmed and the file now has problems; nothing was written:',
  notAdmin: 'Only party-affairs administrators may confirm an import.',
}
