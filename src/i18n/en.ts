import { calendarEn } from './calendar'
import { checkinEn } from './checkin'
import { escalationEn } from './escalation'
import { evaluationEn } from './evaluation'
import { exportEn } from './export'
import { importsEn } from './imports'
import { ledgerEn } from './ledger'
import { lettersEn } from './letters'
import { pointsApprovalEn } from './points'
import { productionEn } from './production'
import { quizEn, quizStatsEn } from './quiz'
import { quizNudgeEn } from './quiz-nudge'
import { shiftWindowsEn } from './shift-windows'
import { shiftsEn } from './shifts'
import { summaryEn } from './summary'
import { supervisionEn } from './supervision'
import { tasksEn } from './tasks'
import { todoEn } from './todo'
import type { zhCN } from './zh-CN'

/** English. Must have the same shape as zh-CN.ts (a missing key is a type error). */
export const en: typeof zhCN = {
  common: {
    unsupported: 'I can only read text messages for now. Send /help to see the commands.',
    slowDown:
      'You are sending commands too fast. Please try again in {seconds} s; until then I will not act on them.',
    notYet:
      '/{command} is still being built and will be available soon. Send /help to see the commands you can use now.',
    needBind:
      "You haven't linked to the roster yet. Send /bind <employee no.> in a private chat with me, e.g. /bind 1001",
    needBoundChat:
      "This group isn't linked to a branch yet. The branch secretary can send /bindchat <branch code> here, e.g. /bindchat ZC01",
    onlyP2p: 'Please use /{command} in a private chat with me.',
    onlyGroup: 'Please use /{command} in your branch group.',
    denied: 'Sorry, only {roles} can use /{command}.',
    badArgs: 'Something is off: {problem}\nUsage: {usage}\nExample: {example}',
    unknown: 'There\'s no command "{word}". Send /help to see the commands.',
    suggest:
      'There\'s no command "{word}". Did you mean /{suggestion}? Send /help {suggestion} to see how to use it.',
    anonymousAdmin: 'Please send commands as yourself (not as an anonymous admin) so I can tell who you are.',
    internal: 'Sorry, something went wrong. Please try again later. The problem has been logged.',
    or: 'or',
  },
  role: {
    member: 'Party member',
    secretary: 'branch secretary',
    leader: 'Party committee leader',
    admin: 'Party affairs admin',
    dispatcher: 'dispatcher',
    inspector: 'discipline inspector',
  },
  arg: {
    dispatchWhen: 'the period is week, month or a date such as yesterday or 11-24',
    quizPeriod: 'The period is today or week',
    checkinCode: 'A check-in code is 1 to 12 letters or digits, e.g. 8421',
    activityId: 'An activity number is a positive integer, e.g. 3',
    required: 'something required is missing',
    tooLong: 'the text is too long',
    memberRef: 'use @ to pick a member, e.g. @ZhangSan or @1001',
    date: 'dates look like 2026-12-01, 12-01, 12/1, or today/tomorrow',
    percent: 'progress should be a whole number from 0 to 100',
    minutes: 'minutes should be a whole number from 1 to 1440',
    taskId: 'the task id should be a positive whole number, e.g. 12',
    studyId: 'the study item number should be a positive whole number, e.g. 1',
    points: 'points should be a whole number from 1 to 100',
    period: 'the period should be week, month, quarter or year',
    summaryWords:
      'write a branch code or all and week/month/quarter/year, optionally export, e.g. /summary ZC01 quarter export',
    employeeNo: 'the employee no. should be 2 to 20 letters or digits, e.g. 1001',
    unitCode: 'the branch code should use letters, digits or dashes, e.g. ZC01',
    locale: 'the language should be en or 中文',
    command: 'there is no such command',
    answers: 'answers should be question no. + option, e.g. 1A 2BC 3T',
    requestId: 'the request id should be a positive whole number, e.g. 3',
    extra: 'extra text "{extra}"',
    inspection:
      'write party <0-100> production <0-100>, optionally findings <text>, e.g. party 90 production 85 findings records incomplete',
    grade: 'the review is 好, 较好, 一般 or 差 and the business assessment 优秀, 良好, 合格 or 不合格',
    score: 'a score is a number from 0 to 100',
    year: 'a year has four digits, e.g. 2026',
    dualReport: 'write [branch code] [year] [promote|support <text>|submit], e.g. /dualreport 2026 submit',
  },
  help: {
    columns: 'Command|What it does',
    soonList: 'Coming soon: {list}',
    title: 'Assistant · Commands',
    intro: 'Hi {name}! Here are the commands you ({roles}) can use:',
    introUnbound: "Hi! You haven't linked to the roster yet. Link up to unlock more commands.",
    footer:
      'Send /help <command> for details, e.g. /help checkin. You can start commands with /, or @ me first.',
    detailTitle: 'Command: {name}',
    usage: 'Usage',
    example: 'Example',
    aliases: 'Aliases',
    who: 'Who can use it',
    where: 'Where to use it',
    anyone: 'Everyone',
    p2p: 'Private chat',
    group: 'Group chat',
    any: 'Private or group chat',
    comingSoon: '(coming soon)',
  },
  bind: {
    decidedApproved: '✅ Approved by {by}',
    decidedRejected: 'Rejected by {by}',
    done: 'Linked: {name} (employee no. {employeeNo}, {branch}). Send /help to see the commands you can use.',
    already: "You're already linked as {name} (employee no. {employeeNo}). No need to do it again.",
    unknownNo:
      'Employee no. {employeeNo} is not in the roster. Please check the number, or ask your branch secretary to check the roster.',
    taken:
      'Employee no. {employeeNo} is already linked to another account. To switch accounts, contact your branch secretary or the Party affairs admin.',
    otherAccount:
      'The roster lists a different account for employee no. {employeeNo}, so this account cannot link to it. Contact your branch secretary if unsure.',
    pending:
      'Link request sent (no. {id}): {name} (employee no. {employeeNo}). Please wait for your branch secretary to confirm.',
    stillPending:
      'Your link request (no. {id}) is waiting for your branch secretary to confirm. Please hang on.',
    noApprover:
      'Link request sent (no. {id}), but {branch} has no secretary to review it yet. Please contact the Party affairs admin.',
    requestTitle: 'Link request #{id}',
    requestBody:
      '{user} wants to link as {name} (employee no. {employeeNo}, {branch}). Please confirm it is really them.',
    approve: 'Approve',
    reject: 'Reject',
    approved: 'Approved link request #{id}: {name} (employee no. {employeeNo}).',
    rejected: 'Rejected link request #{id}.',
    approvedNotice:
      'Your link request was approved: {name} (employee no. {employeeNo}). Send /help to see the commands.',
    rejectedNotice:
      'Your link request (no. {id}) was not approved. Contact your branch secretary if you have questions.',
    noRequest: 'There is no pending link request no. {id}.',
    notYourBranch: "Link request #{id} isn't from a branch you manage, so you can't review it.",
    chatDone: 'This group is now linked to {unit} ({code}).',
    chatMoved: 'This group has been moved from {from} to {unit} ({code}).',
    chatAlready: 'This group is already linked to {unit} ({code}).',
    chatUnknownUnit: 'There is no branch with code {code}. Send /help bindchat to see how to use it.',
    chatNotYours: 'You can only link a group to your own branch ({code}).',
  },
  jobs: {
    pendingBinds:
      '{count} bind request(s) are waiting for you:\n{list}\nSend /approvebind <no.> or /rejectbind <no.>.',
    pendingBindLine: '#{id} {name} (employee no. {employeeNo}), waiting {hours} h',
  },
  calendar: calendarEn,
  greet: {
    title: 'ronghe-bot has joined this group',
    unbound:
      'Hello! I help branches bring Party-building and production together: check-ins, study quizzes, tasks, points and summaries.\nBranch secretary: send /bindchat <branch code> here to link this group to your branch, e.g. /bindchat ZC01. Members: send /bind <employee no.> to me in a private chat. Send /help for all commands.',
    bound:
      'Hello! This group belongs to {unit}. Members: send /bind <employee no.> to me in a private chat. Send /help for all commands.',
  },
  lang: {
    done: 'OK, I will talk to you in English from now on.',
  },
  points: {
    branchRankTitle: '{scope}: branches by points per member',
    branchRankColumns: 'Place|Branch|Members|Points|Per member',
    title: "{name}'s points",
    total: 'Total points',
    period: 'Points {period}',
    none: 'No points yet. Join activities, answer quizzes and finish tasks to earn points.',
    recent: 'Recent records',
    columns: 'Date|Points|Item',
    notInBranch: "{name} isn't in a branch you manage, so you can't view their points.",
    onlySelf:
      'Party members can only view their own points; secretaries can view points of their branch members.',
    unknownMember: 'Can\'t find member "{ref}". Use @name or @employee no.',
    ambiguous: '"{ref}" matches more than one member. Please use @employee no. instead.',
    rankTitle: '{scope} · Points ranking {period}',
    rankColumns: 'Rank|Name|Branch|Points',
    rankEmpty: 'No one has earned points {period} yet.',
    myRank: 'My rank: No. {rank}, {points} points',
    rulesTitle: 'Points rules (version {version})',
    rulesColumns: 'Item|Points|Daily cap',
    noCap: 'No cap',
    week: 'this week',
    month: 'this month',
    quarter: 'this quarter',
    year: 'this year',
    rule: {
      checkin: 'Activity check-in (on time)',
      checkinLate: 'Activity check-in (late; shares the on-time daily cap)',
      quiz: 'Daily quiz (per question)',
      challenge: 'Challenge (per correct answer)',
      task: 'Task completed',
      proposal: 'Topic proposal adopted',
      study: '"First Topic" study',
      manual: 'Added/deducted by secretary',
    },
  },
  checkin: checkinEn,
  tasks: tasksEn,
  shifts: shiftsEn,
  imports: importsEn,
  todo: todoEn,
  escalation: escalationEn,
  shiftWindows: shiftWindowsEn,
  quiz: quizEn,
  quizNudge: quizNudgeEn,
  quizStats: quizStatsEn,
  production: productionEn,
  summary: summaryEn,
  export: exportEn,
  supervision: supervisionEn,
  letters: lettersEn,
  ledger: ledgerEn,
  evaluation: evaluationEn,
  pointsApproval: pointsApprovalEn,
  cmd: {
    help: {
      summary: 'See the commands, or how to use one',
      usage: '/help [command]',
      example: '/help checkin',
    },
    bind: {
      summary: 'Link your chat account to the roster',
      usage: '/bind <employee no.>',
      example: '/bind 1001',
    },
    bindchat: {
      summary: 'Link this group to a branch',
      usage: '/bindchat <branch code>',
      example: '/bindchat ZC01',
    },
    approvebind: {
      summary: 'Approve a link request',
      usage: '/approvebind <request id>',
      example: '/approvebind 3',
    },
    rejectbind: {
      summary: 'Reject a link request',
      usage: '/rejectbind <request id>',
      example: '/rejectbind 3',
    },
    checkin: {
      summary: "Check in to your branch's current activity",
      usage: '/checkin [code]',
      example: '/checkin 8421',
    },
    leave: {
      summary: 'Ask for leave from this activity',
      usage: '/leave <reason>',
      example: '/leave night shift underground',
    },
    startcheckin: {
      summary:
        'Start an activity check-in (30 minutes by default; start it privately to keep the code out of the group)',
      usage: '/startcheckin <title> [minutes] [code] [shift 早|中|夜]',
      example: '/startcheckin PartyDay 30 8421',
    },
    attendance: {
      summary: 'See who checked in, is on leave or is missing; remind the missing',
      usage: '/attendance [activity number]',
      example: '/attendance',
    },
    quiz: { summary: "Today's study quiz", usage: '/quiz', example: '/quiz' },
    answer: {
      summary: "Submit today's quiz answers",
      usage: '/answer <no.><option> ...',
      example: '/answer 1A 2BC 3T',
    },
    challenge: {
      summary: 'Quiz challenge: keep going until a wrong answer',
      usage: '/challenge',
      example: '/challenge',
    },
    points: {
      summary: 'See points and where they came from',
      usage: '/points [@member]',
      example: '/points @ZhangSan',
    },
    rank: { summary: 'Points ranking', usage: '/rank [week|month|year]', example: '/rank month' },
    tasks: {
      summary: 'My open tasks; report progress or done; secretaries confirm, send back, adopt proposals',
      usage:
        '/tasks | /task <id> [progress <0-100> [note] | value <current> | done [note] | propose <text> | confirm | return <reason> | adopt <no> | cancel <reason>]',
      example: '/task 12 progress 60 roadway cleared',
    },
    newtask: {
      summary: 'Create a task (type: target, fix, pioneer, topic)',
      usage: '/newtask <title> @owner due <date> [type] [note]',
      example: '/newtask Fix belt roadway hazard @ZhangSan due 12-15 fix',
    },
    overdue: { summary: 'Overdue and soon-due tasks', usage: '/overdue', example: '/overdue' },
    summary: {
      summary: 'Party-building and production summary card; add export for a sheet of the same figures',
      usage: '/summary [branch code|all] [week|month|quarter|year] [export]',
      example: '/summary ZC01 quarter',
    },
    activities: { summary: 'Upcoming activities and meetings', usage: '/activities', example: '/activities' },
    report: {
      summary: "A day's production figure of this group's team; report again to correct it",
      usage: '/report <metric> <value>[unit] [date]',
      example: '/report coal 3200t yesterday',
    },
    dispatch: {
      summary: 'Production dispatch vs. Party-building',
      usage: '/dispatch [date|week|month]',
      example: '/dispatch week',
    },
    inspect: {
      summary: 'Inspect a branch and score Party-building and production',
      usage: '/inspect <branch code> party <0-100> production <0-100> [findings <text>]',
      example: '/inspect ZC01 party 90 production 85 findings study records incomplete',
    },
    assess: {
      summary: "Record a branch's annual assessment (Party-building review and business grade)",
      usage:
        '/assess <branch code> <year> <好|较好|一般|差> <优秀|良好|合格|不合格> [party score] [business score]',
      example: '/assess ZC01 2026 好 优秀 92 95',
    },
    evaluation: {
      summary: "Branches' annual evaluation and 双评双优 violations",
      usage: '/evaluation [year]',
      example: '/evaluation 2026',
    },
    dualreport: {
      summary: 'Dual report: drafted from the data, edited and submitted by the secretary',
      usage: '/dualreport [branch code] [year] [promote|support <text>|submit]',
      example: '/dualreport 2026 submit',
    },
    letter: {
      summary: 'My responsibility letter and its progress; leaders and admins see every level',
      usage: '/letter [all|<level>]',
      example: '/letter all',
    },
    confirmletter: {
      summary: 'Confirm the newest version of my responsibility letter',
      usage: '/confirmletter',
      example: '/confirmletter',
    },
    feedback: {
      summary:
        'Report an issue to the supervision ledger in private and get its number; anonymous keeps no identity',
      usage: '/feedback [anonymous] [category] <issue> (categories: 安全生产, 工作作风, 党建工作, 其他)',
      example: '/feedback anonymous 安全生产 poor lighting at the shaft mouth',
    },
    ledger: {
      summary: 'Reports and problems in your supervision scope; with a number, its details and every step',
      usage: '/ledger [reported|open|submitted|closed|all|<no.>]',
      example: '/ledger submitted',
    },
    open: {
      summary:
        'Turn a report into a problem with an owner, a leader in charge and a deadline (creates a fix task)',
      usage: '/open <no.> @owner @leader due <date>',
      example: '/open 3 @1003 @1032 due 12-20',
    },
    fix: {
      summary: 'The owner reports the fix, with a photo or file as evidence',
      usage: '/fix <no.> <note> (a photo or file may be attached)',
      example: '/fix 3 replaced the shaft lights',
    },
    verify: {
      summary: 'The inspector checks a fix: pass closes it, return needs a reason',
      usage: '/verify <no.> pass|return [note]',
      example: '/verify 3 pass',
    },
    publish: {
      summary: 'Publish a "First Topic" study',
      usage: '/publish <title>[: text or link]',
      example: '/publish Study the revised coal mine safety rules: chapter 1',
    },
    studied: { summary: 'Mark as studied', usage: '/studied [no.]', example: '/studied' },
    studystatus: {
      summary: 'Who has studied the first topic',
      usage: '/studystatus [no.]',
      example: '/studystatus',
    },
    diary: {
      summary: 'Add a worker-concern diary entry',
      usage: '/diary [category] <text> [@member] (/diary alone lists the notes)',
      example: '/diary 家庭困难 elderly parent in hospital, needs a shift swap @1003',
    },
    addpoints: {
      summary: 'Add points to a member by the rules',
      usage: '/addpoints @member <points> <reason>',
      example: '/addpoints @ZhangSan 5 emergency rescue',
    },
    deductpoints: {
      summary: 'Deduct points from a member by the rules',
      usage: '/deductpoints @member <points> <reason>',
      example: '/deductpoints @ZhangSan 2 absent without notice',
    },
    shift: {
      summary: 'My shifts for the coming week; a secretary sets a member’s day',
      usage: '/shift [@member <date> <shift|off>]',
      example: '/shift @ZhangSan 12-01 night',
    },
    makeup: {
      summary: 'Make up a missed check-in after the shift; counts once the secretary confirms',
      usage: '/makeup <reason> | /makeup @member <activity no.> <reason>',
      example: '/makeup missed it on night shift',
    },
    todo: { summary: "Today's to-do card", usage: '/todo', example: '/todo' },
    mistakes: { summary: 'Review my wrong answers', usage: '/mistakes', example: '/mistakes' },
    quizstats: {
      summary: 'Quiz participation and accuracy by category',
      usage: '/quizstats [today|week]',
      example: '/quizstats week',
    },
    rules: { summary: 'Current points rules and caps', usage: '/rules', example: '/rules' },
    import: {
      summary:
        'Import roster, question bank, calendar, shifts or production figures: send a CSV or XLSX file with it (as the caption, or right after), then confirm',
      usage: '/import roster|questions|calendar|shifts|production (with a file)',
      example: '/import roster',
    },
    lang: { summary: 'Switch language', usage: '/lang en|中文', example: '/lang en' },
  },
}
