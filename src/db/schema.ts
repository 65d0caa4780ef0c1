import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

/** Committee → branches → party groups (each group paired with a production team). */
export const orgUnits = sqliteTable(
  'org_units',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['committee', 'branch', 'group'] }).notNull(),
    parentId: integer('parent_id'),
    productionTeam: text('production_team'),
  },
  (t) => [index('org_units_parent').on(t.parentId)],
)

export const members = sqliteTable(
  'members',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    employeeNo: text('employee_no').notNull().unique(),
    name: text('name').notNull(),
    branchId: integer('branch_id')
      .notNull()
      .references(() => orgUnits.id),
    groupId: integer('group_id').references(() => orgUnits.id),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [
    index('members_branch').on(t.branchId),
    // Covering: a branch's active roster in order with names, read by each of 500 morning cards (bench:todo).
    index('members_roster').on(t.branchId, t.active, t.employeeNo, t.name),
  ],
)

/** A role held over a unit: secretary of a branch, leader / dispatcher / inspector of a subtree, admin of the org. */
export const roleAssignments = sqliteTable(
  'role_assignments',
  {
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['secretary', 'leader', 'admin', 'dispatcher', 'inspector'] }).notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.role, t.unitId] })],
)

/** Platform ids the roster already carries: a bind from that account is accepted without approval. */
export const rosterIds = sqliteTable(
  'roster_ids',
  {
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    platform: text('platform').notNull(),
    platformUserId: text('platform_user_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.memberId, t.platform] }),
    uniqueIndex('roster_ids_account').on(t.platform, t.platformUserId),
  ],
)

/** A chat account linked to a roster member; one account per member per platform. */
export const identities = sqliteTable(
  'identities',
  {
    platform: text('platform').notNull(),
    platformUserId: text('platform_user_id').notNull(),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    boundAt: integer('bound_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.platform, t.platformUserId] }),
    uniqueIndex('identities_member').on(t.platform, t.memberId),
  ],
)

export const bindRequests = sqliteTable(
  'bind_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform').notNull(),
    platformUserId: text('platform_user_id').notNull(),
    userName: text('user_name'),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['pending', 'approved', 'rejected'] }).notNull(),
    createdAt: integer('created_at').notNull(),
    decidedAt: integer('decided_at'),
    decidedBy: integer('decided_by'),
  },
  (t) => [
    uniqueIndex('bind_requests_one_pending').on(t.platform, t.platformUserId).where(sql`status = 'pending'`),
  ],
)

/** A group chat linked to a branch (or the committee). */
export const chats = sqliteTable(
  'chats',
  {
    platform: text('platform').notNull(),
    chatId: text('chat_id').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    title: text('title'),
    boundBy: integer('bound_by'),
    boundAt: integer('bound_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.chatId] }), index('chats_unit').on(t.unitId)],
)

/** Language chosen by a chat account (bound or not). */
export const userPrefs = sqliteTable(
  'user_prefs',
  {
    platform: text('platform').notNull(),
    platformUserId: text('platform_user_id').notNull(),
    locale: text('locale', { enum: ['zh-CN', 'en'] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.platformUserId] })],
)

/** Every accepted event, once: messages unique on event id and message id, card actions on event id. */
export const inbox = sqliteTable(
  'inbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform').notNull(),
    eventId: text('event_id').notNull(),
    messageId: text('message_id'),
    kind: text('kind', { enum: ['message', 'action', 'event'] }).notNull(),
    payload: text('payload').notNull(),
    receivedAt: integer('received_at').notNull(),
    processedAt: integer('processed_at'),
    outcome: text('outcome'),
  },
  (t) => [
    uniqueIndex('inbox_event').on(t.platform, t.eventId),
    uniqueIndex('inbox_message').on(t.platform, t.messageId).where(sql`message_id IS NOT NULL`),
    index('inbox_unprocessed').on(t.id).where(sql`processed_at IS NULL`),
  ],
)

/** Replies waiting to be sent; the id doubles as the platform idempotency key (Feishu `uuid`). */
export const outbox = sqliteTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    platform: text('platform').notNull(),
    targetKind: text('target_kind', { enum: ['chat', 'user'] }).notNull(),
    targetId: text('target_id').notNull(),
    /** The platform message this answers (a command in a group), so the platform can thread the reply. */
    replyTo: text('reply_to'),
    reply: text('reply').notNull(),
    locale: text('locale').notNull(),
    source: text('source').notNull(),
    seq: integer('seq').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'dead'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
    sentAt: integer('sent_at'),
    /** The platform's id for the sent message, to update a shared card in place later. */
    platformMessageId: text('platform_message_id'),
  },
  (t) => [
    uniqueIndex('outbox_source_seq').on(t.source, t.seq),
    index('outbox_due').on(t.nextAttemptAt).where(sql`status = 'pending'`),
    index('outbox_target').on(t.platform, t.targetId, t.createdAt),
  ],
)

/** One row per scheduler job and slot: the unique key is what makes a reminder fire once. */
export const jobRuns = sqliteTable(
  'job_runs',
  {
    job: text('job').notNull(),
    slot: text('slot').notNull(),
    ranAt: integer('ran_at').notNull(),
    outcome: text('outcome').notNull(),
  },
  (t) => [primaryKey({ columns: [t.job, t.slot] })],
)

/** Every point is a row with its rule, reason and source, so 积分 can explain itself. */
export const pointsLedger = sqliteTable(
  'points_ledger',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    points: integer('points').notNull(),
    rule: text('rule').notNull(),
    reason: text('reason').notNull(),
    source: text('source').notNull(),
    day: text('day').notNull(),
    settingsVersion: integer('settings_version').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('points_once').on(t.memberId, t.rule, t.source),
    index('points_member_day').on(t.memberId, t.day),
    index('points_day').on(t.day),
  ],
)

/** The organisation's rules as data, versioned; a record stores the version that produced it. */
export const settings = sqliteTable('settings', {
  version: integer('version').primaryKey(),
  doc: text('doc').notNull(),
  createdAt: integer('created_at').notNull(),
  createdBy: text('created_by').notNull(),
})

/**
 * Something members check in to: a meeting of 三会一课, 主题党日, a study session or a stage activity. On time
 * from `opensAt` to `closesAt`, late until `lateUntil`. `scheduledFor` names the calendar slot that created it.
 */
export const activities = sqliteTable(
  'activities',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    type: text('type', {
      enum: ['assembly', 'committee', 'group', 'lecture', 'themeDay', 'study', 'stage', 'other'],
    }).notNull(),
    title: text('title').notNull(),
    code: text('code'),
    opensAt: integer('opens_at').notNull(),
    closesAt: integer('closes_at').notNull(),
    lateUntil: integer('late_until').notNull(),
    scheduledFor: text('scheduled_for'),
    createdBy: integer('created_by'),
    platform: text('platform'),
    chatId: text('chat_id'),
    settingsVersion: integer('settings_version').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('activities_unit_opens').on(t.unitId, t.opensAt),
    index('activities_closes').on(t.closesAt),
    uniqueIndex('activities_scheduled').on(t.unitId, t.scheduledFor).where(sql`scheduled_for IS NOT NULL`),
  ],
)

/**
 * Attendance records, never deleted. A member's own check-in and own leave are each unique per activity (the
 * race guard); a secretary's correction is a further record, and the newest record is what counts.
 */
export const checkins = sqliteTable(
  'checkins',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    status: text('status', { enum: ['onTime', 'late', 'leave', 'absent'] }).notNull(),
    kind: text('kind', { enum: ['checkin', 'leave', 'correction'] }).notNull(),
    reason: text('reason'),
    recordedBy: integer('recorded_by').notNull(),
    platform: text('platform').notNull(),
    chatId: text('chat_id').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [
    uniqueIndex('checkins_self_once')
      .on(t.activityId, t.memberId, t.kind)
      .where(sql`kind IN ('checkin', 'leave')`),
    index('checkins_member').on(t.memberId, t.at),
    // 汇总 and 调度 count each activity's present members by their newest record (issue 9).
    index('checkins_activity_member').on(t.activityId, t.memberId, t.id),
  ],
)

/**
 * The holiday arrangement of a year as imported from the State Council notice: days off (`rest`) and adjusted
 * working days (`work`, 调休). A year with rows here is confirmed and replaces the shipped data for that year.
 */
export const holidays = sqliteTable(
  'holidays',
  {
    day: text('day').primaryKey(),
    year: integer('year').notNull(),
    kind: text('kind', { enum: ['rest', 'work'] }).notNull(),
    name: text('name').notNull(),
    importedAt: integer('imported_at').notNull(),
  },
  (t) => [index('holidays_year').on(t.year)],
)

/**
 * The organisation's calendar: stage activities (a window with lead days), recurring meetings (a rule such as
 * `monthly:15`) and daily push times. `scope` is '' for the whole organisation or a unit code whose row
 * overrides the organisation's row of the same key for that unit.
 */
export const calendarEntries = sqliteTable(
  'calendar_entries',
  {
    key: text('key').notNull(),
    scope: text('scope').notNull().default(''),
    kind: text('kind', { enum: ['stage', 'meeting', 'daily'] }).notNull(),
    type: text('type', {
      enum: ['assembly', 'committee', 'group', 'lecture', 'themeDay', 'study', 'stage', 'other'],
    }).notNull(),
    title: text('title').notNull(),
    startsOn: text('starts_on'),
    endsOn: text('ends_on'),
    rule: text('rule'),
    at: text('at').notNull(),
    leadDays: text('lead_days').notNull().default(''),
    nudgeDays: integer('nudge_days'),
    move: text('move', { enum: ['next', 'previous', 'none'] })
      .notNull()
      .default('next'),
    message: text('message'),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
    source: text('source', { enum: ['default', 'import'] }).notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.scope] })],
)

/**
 * The study question bank. Each question carries its source and the quoted sentence that holds the answer
 * (DESIGN §6); shipped and imported questions wait as `pending` (待审核) until an admin approves them.
 */
export const questions = sqliteTable(
  'questions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull().unique(),
    kind: text('kind', { enum: ['single', 'multiple', 'judge'] }).notNull(),
    stem: text('stem').notNull(),
    /** JSON array of option texts, labelled A, B, C … in order; empty for true/false. */
    options: text('options').notNull(),
    /** Option letters in order (`A`, `BC`), or `T` / `F`. */
    answer: text('answer').notNull(),
    explanation: text('explanation').notNull(),
    category: text('category').notNull(),
    difficulty: integer('difficulty').notNull().default(1),
    source: text('source').notNull(),
    quote: text('quote').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'retired'] }).notNull(),
    createdAt: integer('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [index('questions_status_category').on(t.status, t.category)],
)

/** The day's question set of one branch: the same for every member, so the day's ranking is fair. */
export const quizSets = sqliteTable(
  'quiz_sets',
  {
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    day: text('day').notNull(),
    /** JSON array of question ids in the order shown (numbered 1, 2, 3 …). */
    questionIds: text('question_ids').notNull(),
    settingsVersion: integer('settings_version').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.day] })],
)

/** Every scored answer; the daily one is unique per member, question and day (the race guard). */
export const quizAnswers = sqliteTable(
  'quiz_answers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    unitId: integer('unit_id').notNull(),
    questionId: integer('question_id')
      .notNull()
      .references(() => questions.id),
    day: text('day').notNull(),
    mode: text('mode', { enum: ['daily', 'challenge'] }).notNull(),
    given: text('given').notNull(),
    correct: integer('correct', { mode: 'boolean' }).notNull(),
    at: integer('at').notNull(),
    platform: text('platform').notNull(),
    chatId: text('chat_id').notNull(),
  },
  (t) => [
    uniqueIndex('quiz_answers_daily_once').on(t.memberId, t.questionId, t.day).where(sql`mode = 'daily'`),
    index('quiz_answers_unit_day').on(t.unitId, t.day),
    index('quiz_answers_member').on(t.memberId, t.correct, t.at),
  ],
)

/** A challenge run in a private chat: one active run per member, a question at a time until a miss or a timeout. */
export const challengeRuns = sqliteTable(
  'challenge_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    day: text('day').notNull(),
    status: text('status', { enum: ['active', 'ended'] }).notNull(),
    /** JSON array of the question ids asked so far; the last one is waiting for an answer while active. */
    asked: text('asked').notNull(),
    askedAt: integer('asked_at').notNull(),
    streak: integer('streak').notNull(),
    endedReason: text('ended_reason'),
    startedAt: integer('started_at').notNull(),
    endedAt: integer('ended_at'),
  },
  (t) => [
    uniqueIndex('challenge_one_active').on(t.memberId).where(sql`status = 'active'`),
    index('challenge_member_streak').on(t.memberId, t.streak),
  ],
)

/**
 * A task of a branch: a target (目标), a rectification item (整改), a pioneer-post duty (先锋岗) or a 点题 topic.
 * `id` is the number users type; a handler takes max(id) + 1 and the primary key refuses a racing twin.
 * `rev` counts the history entries: each change writes entry `rev + 1`, so two changes read from the same state
 * collide on `task_history_seq` and the loser is re-run. Overdue is not stored: it is an open task past `due_day`.
 */
export const tasks = sqliteTable(
  'tasks',
  {
    id: integer('id').primaryKey(),
    type: text('type', { enum: ['target', 'fix', 'pioneer', 'topic'] }).notNull(),
    title: text('title').notNull(),
    description: text('description'),
    branchId: integer('branch_id')
      .notNull()
      .references(() => orgUnits.id),
    createdBy: integer('created_by')
      .notNull()
      .references(() => members.id),
    /** Local day (YYYY-MM-DD in BOT_TIMEZONE) by the end of which the task is due. */
    dueDay: text('due_day').notNull(),
    status: text('status', { enum: ['open', 'progress', 'submitted', 'confirmed', 'cancelled'] }).notNull(),
    percent: integer('percent').notNull().default(0),
    /** Local day the assignee reported it done; on time when it is not after `due_day`. */
    submittedDay: text('submitted_day'),
    /** 目标: e.g. 原煤产量 120 万吨. */
    metricName: text('metric_name'),
    metricUnit: text('metric_unit'),
    metricTarget: real('metric_target'),
    metricCurrent: real('metric_current'),
    /** 整改: where the problem was found and the measure taken (一台账、两清单). */
    fixSource: text('fix_source', { enum: ['inspection', 'supervision', 'review'] }),
    fixMeasure: text('fix_measure'),
    rev: integer('rev').notNull(),
    platform: text('platform').notNull(),
    settingsVersion: integer('settings_version').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    // 逾期 for the whole organisation and the reminder jobs: open tasks by due day, across branches.
    index('tasks_status_due').on(t.status, t.dueDay, t.branchId),
    // A branch's list (secretary's 逾期, the daily digest).
    index('tasks_branch_status').on(t.branchId, t.status, t.dueDay),
    // 汇总's task figures and 目标 progress read every column they need from this index, never the table
    // (bench:summary: 目标 for the organisation's year 711 → 35 ms).
    index('tasks_branch_due_cover').on(
      t.branchId,
      t.dueDay,
      t.status,
      t.type,
      t.submittedDay,
      t.createdAt,
      t.metricTarget,
      t.metricCurrent,
      t.percent,
    ),
    // 汇总's 目标 progress and open 整改 read one type's tasks per branch, a quarter of the above.
    index('tasks_type_branch_cover').on(
      t.type,
      t.branchId,
      t.dueDay,
      t.status,
      t.createdAt,
      t.metricTarget,
      t.metricCurrent,
      t.percent,
    ),
  ],
)

/** Who answers for a task; a task may have several. */
export const taskAssignees = sqliteTable(
  'task_assignees',
  {
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.memberId] }), index('task_assignees_member').on(t.memberId)],
)

/** The ledger: every change of a task as an entry (who, when, what, note), appended and never rewritten. */
export const taskHistory = sqliteTable(
  'task_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id),
    seq: integer('seq').notNull(),
    kind: text('kind', {
      enum: ['created', 'progress', 'submitted', 'confirmed', 'returned', 'proposed', 'adopted', 'cancelled'],
    }).notNull(),
    actorId: integer('actor_id')
      .notNull()
      .references(() => members.id),
    percent: integer('percent'),
    note: text('note'),
    at: integer('at').notNull(),
  },
  (t) => [uniqueIndex('task_history_seq').on(t.taskId, t.seq)],
)

/** A member's proposal on a 点题 topic, numbered within the topic; the secretary may adopt it. */
export const taskProposals = sqliteTable(
  'task_proposals',
  {
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id),
    no: integer('no').notNull(),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    text: text('text').notNull(),
    at: integer('at').notNull(),
    adoptedBy: integer('adopted_by'),
    adoptedAt: integer('adopted_at'),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.no] })],
)

/**
 * The shift rotation of a production team, kept on the party group paired with it: `cycle` lists shift codes of
 * settings.shifts (or 休) one per day, and day `anchorDay` is the cycle's first day.
 */
export const shiftRotations = sqliteTable('shift_rotations', {
  unitId: integer('unit_id')
    .primaryKey()
    .references(() => orgUnits.id),
  cycle: text('cycle').notNull(),
  anchorDay: text('anchor_day').notNull(),
  setBy: integer('set_by').notNull(),
  at: integer('at').notNull(),
})

/** A member's own shift on one day (休假, 调班, 学习), appended and never rewritten; the newest row counts. */
export const shiftExceptions = sqliteTable(
  'shift_exceptions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    day: text('day').notNull(),
    /** A shift code of settings.shifts, or `rest`. */
    shift: text('shift').notNull(),
    setBy: integer('set_by').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('shift_exceptions_member_day').on(t.memberId, t.day)],
)

/**
 * A 补签 (make-up check-in) after an activity closed: asked by the member or recorded by the secretary, decided
 * once. A confirmed one is also a `correction` in checkins, so attendance counts the member as present.
 */
export const makeupRequests = sqliteTable(
  'makeup_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    reason: text('reason').notNull(),
    status: text('status', { enum: ['pending', 'confirmed', 'rejected'] }).notNull(),
    requestedBy: integer('requested_by').notNull(),
    requestedAt: integer('requested_at').notNull(),
    decidedBy: integer('decided_by'),
    decidedAt: integer('decided_at'),
    platform: text('platform').notNull(),
    chatId: text('chat_id').notNull(),
  },
  (t) => [
    uniqueIndex('makeup_requests_once').on(t.activityId, t.memberId),
    // The few pending ones first: the 待办 card otherwise walked every activity to find them (bench:todo).
    index('makeup_requests_status').on(t.status, t.memberId),
  ],
)

/** A 第一议题 study item, published to a branch (secretary) or to a whole subtree (admin). */
export const studyItems = sqliteTable(
  'study_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    title: text('title').notNull(),
    /** The text or link that goes with the title. */
    body: text('body'),
    publishedBy: integer('published_by').notNull(),
    publishedAt: integer('published_at').notNull(),
  },
  (t) => [index('study_items_unit_at').on(t.unitId, t.publishedAt)],
)

/** Who marked a study item 已学, and when; once per member and item. */
export const studyRecords = sqliteTable(
  'study_records',
  {
    itemId: integer('item_id')
      .notNull()
      .references(() => studyItems.id),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    at: integer('at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.itemId, t.memberId] }),
    // With the item: 第一议题 completion per member reads the index alone.
    index('study_records_member').on(t.memberId, t.itemId),
  ],
)

/** A secretary's 民情日记 note on a worker's concern; its content is read only by the branch and above. */
export const diaryNotes = sqliteTable(
  'diary_notes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    branchId: integer('branch_id')
      .notNull()
      .references(() => orgUnits.id),
    authorId: integer('author_id').notNull(),
    /** The member the concern is about, when the secretary names one. */
    memberId: integer('member_id').references(() => members.id),
    category: text('category').notNull(),
    text: text('text').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('diary_notes_branch_at').on(t.branchId, t.createdAt)],
)

/**
 * Production figures (issue 14): one row per report, never rewritten. A correction is a new row with the next
 * `seq` for the same unit, metric and day, and the highest `seq` is the figure that counts.
 */
export const productionFigures = sqliteTable(
  'production_figures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The team: a branch or party group (`org_units.production_team` names the team it pairs with). */
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    /** A code of settings.production.metrics. */
    metric: text('metric').notNull(),
    day: text('day').notNull(),
    value: real('value').notNull(),
    seq: integer('seq').notNull(),
    source: text('source', { enum: ['chat', 'api', 'import'] }).notNull(),
    /** The sending system's id of the row (API, import): a second delivery of it changes nothing. */
    sourceId: text('source_id'),
    reportedBy: integer('reported_by').references(() => members.id),
    platform: text('platform'),
    at: integer('at').notNull(),
  },
  (t) => [
    // Two reports racing on one figure get different seqs or one fails and is re-run.
    uniqueIndex('production_figures_seq').on(t.unitId, t.metric, t.day, t.seq),
    uniqueIndex('production_figures_source').on(t.sourceId),
    // The 调度 card: every figure of a period, across teams.
    index('production_figures_day').on(t.day, t.unitId),
  ],
)

/** 一次查·双向评 (issue 9): one inspection of a branch, scored for Party-building and for production. */
export const branchInspections = sqliteTable(
  'branch_inspections',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    branchId: integer('branch_id')
      .notNull()
      .references(() => orgUnits.id),
    inspectorId: integer('inspector_id')
      .notNull()
      .references(() => members.id),
    /** Local day of the inspection: the year of an evaluation is the year of this day. */
    day: text('day').notNull(),
    partyScore: integer('party_score').notNull(),
    productionScore: integer('production_score').notNull(),
    /** What the inspector found, kept here when the supervision ledger does not take it. */
    findings: text('findings'),
    at: integer('at').notNull(),
  },
  (t) => [index('branch_inspections_branch_day').on(t.branchId, t.day)],
)

/** 双进入 (issue 9): the annual assessment of a branch with both KPI sets; a new record replaces the old. */
export const branchAssessments = sqliteTable(
  'branch_assessments',
  {
    branchId: integer('branch_id')
      .notNull()
      .references(() => orgUnits.id),
    year: integer('year').notNull(),
    review: text('review', { enum: ['好', '较好', '一般', '差'] }).notNull(),
    business: text('business', { enum: ['优秀', '良好', '合格', '不合格'] }).notNull(),
    partyKpi: real('party_kpi'),
    businessKpi: real('business_kpi'),
    recordedBy: integer('recorded_by').references(() => members.id),
    at: integer('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.branchId, t.year] })],
)

/** 双报告 (issue 9): a secretary's own text for one section of the year's dual report, before submitting. */
export const dualReportEdits = sqliteTable(
  'dual_report_edits',
  {
    branchId: integer('branch_id')
      .notNull()
      .references(() => orgUnits.id),
    year: integer('year').notNull(),
    section: text('section', { enum: ['promote', 'support'] }).notNull(),
    text: text('text').notNull(),
    editedBy: integer('edited_by').references(() => members.id),
    at: integer('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.branchId, t.year, t.section] })],
)

/** 双报告 as submitted: frozen, once per branch and year (the unique key stops a second submission). */
export const dualReports = sqliteTable(
  'dual_reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    branchId: integer('branch_id')
      .notNull()
      .references(() => orgUnits.id),
    year: integer('year').notNull(),
    promote: text('promote').notNull(),
    support: text('support').notNull(),
    /** The figures the report was written from, as JSON, so the frozen text can be checked later. */
    facts: text('facts').notNull(),
    submittedBy: integer('submitted_by').references(() => members.id),
    at: integer('at').notNull(),
  },
  (t) => [uniqueIndex('dual_reports_branch_year').on(t.branchId, t.year)],
)

/**
 * 错题本: a question a member answered wrong, until they answer it right twice. Every review steps the schedule
 * (1, 3, then 7 days); `dueDay` is when it next joins the member's daily quiz. Written with the answer.
 */
export const quizReviews = sqliteTable(
  'quiz_reviews',
  {
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    questionId: integer('question_id')
      .notNull()
      .references(() => questions.id),
    /** Reviews done so far: 0 after the wrong answer; indexes the 1/3/7-day steps. */
    stage: integer('stage').notNull(),
    /** Right answers given in review; at two the question leaves the 错题本 (`doneDay` set). */
    rights: integer('rights').notNull(),
    dueDay: text('due_day').notNull(),
    /** The day of the wrong answer that put it here, and of the last review (keeps today's numbering stable). */
    wrongDay: text('wrong_day').notNull(),
    lastDay: text('last_day').notNull(),
    doneDay: text('done_day'),
  },
  (t) => [
    primaryKey({ columns: [t.memberId, t.questionId] }),
    index('quiz_reviews_due').on(t.memberId, t.dueDay),
  ],
)

/** A question's post category (采煤, 掘进, 机电 …); a question without one suits every post. Keyed by code (imports). */
export const questionPosts = sqliteTable('question_posts', {
  code: text('code')
    .primaryKey()
    .references(() => questions.code),
  post: text('post').notNull(),
})

/** A member's post from the roster (采煤, 掘进 …), keyed by employee number so a roster import writes it in one batch. */
export const memberPosts = sqliteTable('member_posts', {
  employeeNo: text('employee_no')
    .primaryKey()
    .references(() => members.employeeNo),
  post: text('post').notNull(),
})

/**
 * An import started in a private chat (`导入 名册`): waiting for its file (`table` null), then holding the parsed
 * rows and the counts shown on the confirm card until the admin confirms, cancels, or it expires. The file itself
 * is never kept.
 */
export const chatImports = sqliteTable(
  'chat_imports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform').notNull(),
    userId: text('user_id').notNull(),
    kind: text('kind').notNull(),
    /** The parsed sheet as JSON (`RawTable`), set once a good file came in. */
    table: text('table'),
    /** The counts the confirm card showed, as JSON: the confirm applies only if they still hold. */
    summary: text('summary'),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  // One import a user starts per moment: the confirm buttons name it by its start time.
  (t) => [uniqueIndex('chat_imports_user').on(t.platform, t.userId, t.createdAt)],
)

/** One row per applied chat import, written in the same batch as its rows: a second confirm cannot apply it again. */
export const chatImportsApplied = sqliteTable('chat_imports_applied', {
  importId: integer('import_id')
    .primaryKey()
    .references(() => chatImports.id),
  appliedAt: integer('applied_at').notNull(),
})

/** Files uploaded on the simulator's chat page, base64 (text works on SQLite and D1 alike), until fetched by a command. */
export const devUploads = sqliteTable('dev_uploads', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  size: integer('size').notNull(),
  data: text('data').notNull(),
  createdAt: integer('created_at').notNull(),
})

/**
 * 逐级催办: one row per step of an item's ladder (kind, item, step), written with the step's job run, so a step
 * fires once across restarts. 加急 steps (`urgent`, `sms`, `phone`) are platform calls on the step's earlier nudge:
 * they wait here as `pending` until that nudge is sent and the member may be disturbed (`notBefore`).
 */
export const escalationSteps = sqliteTable(
  'escalation_steps',
  {
    kind: text('kind').notNull(),
    itemKey: text('item_key').notNull(),
    step: integer('step').notNull(),
    action: text('action', { enum: ['nudge', 'urgent', 'leaderCard', 'sms', 'phone'] }).notNull(),
    /** Local day the step fired: a paid 加急's daily budget counts its recipients by this day. */
    day: text('day').notNull(),
    firedAt: integer('fired_at').notNull(),
    status: text('status', { enum: ['sent', 'pending', 'done', 'skipped', 'failed'] }).notNull(),
    /** 加急 steps: the outbox source prefix of the nudge they press on. */
    nudgeSource: text('nudge_source'),
    notBefore: integer('not_before'),
    recipients: integer('recipients').notNull().default(0),
    attempts: integer('attempts').notNull().default(0),
    /** Why a step was skipped or failed, in words for the log and the admin. */
    detail: text('detail'),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.itemKey, t.step] }),
    index('escalation_pending').on(t.notBefore).where(sql`status = 'pending'`),
    index('escalation_paid_day').on(t.day, t.action),
  ],
)

/**
 * The supervision ledger (一台账, issue 15): a report (反映, or an inspection finding) and, once 立项, the problem
 * with its 责任人, 分管领导 (双责任), deadline and 整改 task. The id is the tracking number. An anonymous report
 * has no reporter and is filed at the top of the organisation, so not even its branch narrows the reporter down.
 * `rev` counts history entries: each step writes entry `rev + 1`, so two racing steps collide on the history key.
 */
export const ledgerItems = sqliteTable(
  'ledger_items',
  {
    id: integer('id').primaryKey(),
    source: text('source', { enum: ['feedback', 'finding'] }).notNull(),
    /** The unit whose inspectors (and above) see the item. */
    branchId: integer('branch_id')
      .notNull()
      .references(() => orgUnits.id),
    category: text('category').notNull(),
    text: text('text').notNull(),
    anonymous: integer('anonymous', { mode: 'boolean' }).notNull(),
    reporterId: integer('reporter_id').references(() => members.id),
    /** A finding's key in the feature that found it: a second delivery of the same finding collides here. */
    sourceRef: text('source_ref'),
    status: text('status', { enum: ['reported', 'open', 'submitted', 'closed'] }).notNull(),
    ownerId: integer('owner_id').references(() => members.id),
    leaderId: integer('leader_id').references(() => members.id),
    /** Local day (YYYY-MM-DD in BOT_TIMEZONE) by the end of which the problem must be fixed. */
    dueDay: text('due_day'),
    taskId: integer('task_id').references(() => tasks.id),
    rev: integer('rev').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    // 台账 of a subtree by status, and the leaders' open and overdue counts per branch.
    index('ledger_items_branch_status').on(t.branchId, t.status, t.dueDay),
    // The overdue nudges: open problems by deadline, across branches.
    index('ledger_items_status_due').on(t.status, t.dueDay),
    uniqueIndex('ledger_items_source_ref').on(t.sourceRef),
  ],
)

/** Every step of a ledger item (reported, 立项, 整改 with evidence, 验证), who and when; appended, never rewritten. */
export const ledgerHistory = sqliteTable(
  'ledger_history',
  {
    itemId: integer('item_id')
      .notNull()
      .references(() => ledgerItems.id),
    seq: integer('seq').notNull(),
    kind: text('kind', { enum: ['reported', 'opened', 'evidence', 'passed', 'returned'] }).notNull(),
    /** Null for an anonymous reporter and for a finding filed by another feature. */
    actorId: integer('actor_id').references(() => members.id),
    note: text('note'),
    /** Evidence: JSON list of attachment refs (kind, ref, name, size) as the platform gave them. */
    attachments: text('attachments'),
    at: integer('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.seq] })],
)

/**
 * Reports filed today per sender, for the daily limit: the sender is only an HMAC of their account under
 * FEEDBACK_SALT and the day, with no link to the report; earlier days are deleted by the next report.
 */
export const feedbackQuota = sqliteTable(
  'feedback_quota',
  {
    keyHash: text('key_hash').notNull(),
    day: text('day').notNull(),
    seq: integer('seq').notNull(),
  },
  (t) => [primaryKey({ columns: [t.keyHash, t.day, t.seq] })],
)

/**
 * 目标责任书 (issue 14): one per code, signed by one member for a unit and a period. Re-importing a changed
 * letter bumps `version`; its targets are kept per version, so a confirmation names what was signed.
 */
export const letters = sqliteTable(
  'letters',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The admin's key for the letter (责任书编号), e.g. 2027-ZC01-SJ. */
    code: text('code').notNull().unique(),
    signerId: integer('signer_id')
      .notNull()
      .references(() => members.id),
    /** The unit whose figures and tasks measure it (the signer's branch unless the file names one). */
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    /** 层级 (矿级, 区队级, 班组级 …) and 专业 (采煤, 掘进, 机电, 党务 …), as the file writes them. */
    level: text('level').notNull(),
    profession: text('profession').notNull(),
    periodFrom: text('period_from').notNull(),
    periodTo: text('period_to').notNull(),
    version: integer('version').notNull(),
    /** Content of the current version (signer, unit, level, profession, period, targets) as JSON: a re-import compares it. */
    content: text('content').notNull(),
    /** When the current version was imported: the nudge counts its days from here. */
    versionAt: integer('version_at').notNull(),
  },
  (t) => [index('letters_signer').on(t.signerId)],
)

/** A letter's targets, per version: 党建 (party) or 生产 (production), each optionally measured. */
export const letterTargets = sqliteTable(
  'letter_targets',
  {
    letterId: integer('letter_id')
      .notNull()
      .references(() => letters.id),
    version: integer('version').notNull(),
    seq: integer('seq').notNull(),
    side: text('side', { enum: ['party', 'production'] }).notNull(),
    text: text('text').notNull(),
    /** A code of settings.production.metrics, or a task type: then `target` is the figure or the count. */
    metric: text('metric'),
    taskType: text('task_type', { enum: ['target', 'fix', 'pioneer', 'topic'] }),
    target: real('target'),
  },
  (t) => [primaryKey({ columns: [t.letterId, t.version, t.seq] })],
)

/** Who confirmed which version when; the key lets a version be confirmed once (a second click changes nothing). */
export const letterConfirmations = sqliteTable(
  'letter_confirmations',
  {
    letterId: integer('letter_id')
      .notNull()
      .references(() => letters.id),
    version: integer('version').notNull(),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    platform: text('platform').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.letterId, t.version] })],
)

/**
 * A 加分 / 扣分 above settings.points.approvalThreshold: it waits for a leader over the member's branch. The
 * ledger row is written only on approval (its source `request:<id>` makes that happen once).
 */
export const pointsRequests = sqliteTable(
  'points_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    /** Signed: negative for 扣分. */
    points: integer('points').notNull(),
    reason: text('reason').notNull(),
    requestedBy: integer('requested_by')
      .notNull()
      .references(() => members.id),
    requestedAt: integer('requested_at').notNull(),
    /** The local day it was asked on: the ledger day of the points once approved. */
    day: text('day').notNull(),
    /** 1, 2, 3 … per member and day: the card's buttons name the request by member, day and nth. */
    nth: integer('nth').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected'] }).notNull(),
    decidedBy: integer('decided_by').references(() => members.id),
    decidedAt: integer('decided_at'),
    settingsVersion: integer('settings_version').notNull(),
  },
  (t) => [
    // The n-th request for a member on a day: two secretaries asking at once cannot both take the same n.
    uniqueIndex('points_requests_nth').on(t.memberId, t.day, t.nth),
    index('points_requests_status').on(t.status, t.memberId),
  ],
)

/**
 * 分班次签到: one activity held after each shift has a window per shift (发起签到 … 班次 早); a member's check-in
 * counts against the window of the shift they work that day. An activity without rows here has one window: its own.
 */
export const activityWindows = sqliteTable(
  'activity_windows',
  {
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id),
    /** A shift code of settings.shifts.definitions (早, 中, 夜). */
    shift: text('shift').notNull(),
    opensAt: integer('opens_at').notNull(),
    closesAt: integer('closes_at').notNull(),
    lateUntil: integer('late_until').notNull(),
    createdBy: integer('created_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.shift] })],
)

/**
 * The production figure that counts for each team, metric and day: the newest report (highest seq) of
 * production_figures, upserted in the same commit as each report so that readers need no NOT EXISTS over the
 * history. No foreign key: every row mirrors a production_figures row, which has them. WITHOUT ROWID (migrations
 * 0013 and 0016, which drizzle cannot declare): every batch of figures upserts its rows by the primary key.
 */
export const productionCurrent = sqliteTable(
  'production_current',
  {
    unitId: integer('unit_id').notNull(),
    metric: text('metric').notNull(),
    day: text('day').notNull(),
    value: real('value').notNull(),
    seq: integer('seq').notNull(),
  },
  (t) => [
    // By day first, and no index besides (migration 0016): a batch of one day's figures writes one stretch of the
    // table instead of a row in every team's pages. Readers seek `day IN (…)` with the units, or a day range.
    primaryKey({ columns: [t.day, t.unitId, t.metric] }),
  ],
)

/**
 * production_current added up per team, metric and calendar month (YYYY-MM), kept by each commit that writes
 * figures: the organisation's 调度 card reads 5,000 of these for a month instead of 150,000 days. WITHOUT ROWID
 * (migration 0013), like production_current.
 */
export const productionMonths = sqliteTable(
  'production_months',
  {
    unitId: integer('unit_id').notNull(),
    metric: text('metric').notNull(),
    month: text('month').notNull(),
    total: real('total').notNull(),
    n: integer('n').notNull(),
    /** The newest day of the month with a figure, and that figure (a level such as 安全生产天数 reads it). */
    lastDay: text('last_day').notNull(),
    lastValue: real('last_value').notNull(),
    /** The newest day of the month whose figure is above zero (an accident resets the safe days). */
    positiveDay: text('positive_day'),
  },
  (t) => [
    // A month's rows for the teams of a card; then each team's months of a metric (the newest accident).
    primaryKey({ columns: [t.month, t.unitId, t.metric] }),
    index('production_months_unit').on(t.unitId, t.metric, t.month),
  ],
)

/**
 * The 汇总 card's rollup (issue 9), built by the summary-rollup job for finished local days: `through` is the last
 * day it holds and the watermarks the highest row ids it has read. A card reads the rollup for days up to `through`
 * and the raw tables for later days and for rows above the watermarks (a late correction, an answer or a point
 * written for a past day after the build), so its figures equal the raw computation at every moment.
 */
export const rollupState = sqliteTable('rollup_state', {
  id: integer('id').primaryKey(),
  through: text('through').notNull(),
  /** The instant `through` ends (local midnight after it): activities opening before it are rolled up. */
  throughEndMs: integer('through_end_ms').notNull(),
  activityMax: integer('activity_max').notNull(),
  checkinMax: integer('checkin_max').notNull(),
  quizMax: integer('quiz_max').notNull(),
  pointsMax: integer('points_max').notNull(),
  builtAt: integer('built_at').notNull(),
  /** The highest production_figures id at the build: figures above it may have changed production_current since. */
  productionMax: integer('production_max'),
})

/** The local days one build recomputes (new finished days and days with rows above the watermarks); emptied after. */
export const rollupPending = sqliteTable('rollup_pending', { day: text('day').primaryKey() })

/** Each held activity with its present members (newest record on time or late), as of the build. */
export const rollupActivities = sqliteTable(
  'rollup_activities',
  {
    activityId: integer('activity_id').primaryKey(),
    unitId: integer('unit_id').notNull(),
    type: text('type').notNull(),
    opensAt: integer('opens_at').notNull(),
    present: integer('present').notNull(),
  },
  // Covering: a period's activities of some units, with what attendance adds up.
  (t) => [index('rollup_activities_unit').on(t.unitId, t.opensAt, t.type, t.present, t.activityId)],
)

/**
 * Daily quiz answers and correct ones per unit (of the answer), day and question category, with the sums from the
 * first of the month through the day: a span that ends inside a month (the stretch of last month a card compares
 * with) reads one row per unit and category, the last one on or before its end, instead of every day.
 */
export const rollupQuizDays = sqliteTable(
  'rollup_quiz_days',
  {
    day: text('day').notNull(),
    unitId: integer('unit_id').notNull(),
    category: text('category').notNull(),
    answers: integer('answers').notNull(),
    correct: integer('correct').notNull(),
    monthAnswers: integer('month_answers').notNull(),
    monthCorrect: integer('month_correct').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.day, t.unitId, t.category] }),
    index('rollup_quiz_days_unit').on(t.unitId, t.day, t.category, t.answers, t.correct),
    index('rollup_quiz_days_running').on(t.unitId, t.category, t.day, t.monthAnswers, t.monthCorrect),
  ],
)

/** rollup_quiz_days added up per calendar month (YYYY-MM): a year is read as months plus the days of a partial one. */
export const rollupQuizMonths = sqliteTable(
  'rollup_quiz_months',
  {
    month: text('month').notNull(),
    unitId: integer('unit_id').notNull(),
    category: text('category').notNull(),
    answers: integer('answers').notNull(),
    correct: integer('correct').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.month, t.unitId, t.category] }),
    index('rollup_quiz_months_unit').on(t.unitId, t.month, t.category, t.answers, t.correct),
  ],
)

/**
 * Who answered a daily quiz, per unit and day: participation over a span counts distinct members, which daily counts
 * cannot give, so the rollup keeps the members (one row per member and day, a fifth of the answers).
 */
export const rollupQuizMemberDays = sqliteTable(
  'rollup_quiz_member_days',
  {
    day: text('day').notNull(),
    unitId: integer('unit_id').notNull(),
    memberId: integer('member_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.day, t.unitId, t.memberId] }),
    index('rollup_quiz_member_days_unit').on(t.unitId, t.day, t.memberId),
  ],
)

/**
 * Who answered a daily quiz per unit and calendar month, and their first day in it: a year's participation reads at
 * most 12 rows a member, and a span from the first of a month to some day counts the members whose first day is by then.
 */
export const rollupQuizMemberMonths = sqliteTable(
  'rollup_quiz_member_months',
  {
    month: text('month').notNull(),
    unitId: integer('unit_id').notNull(),
    memberId: integer('member_id').notNull(),
    firstDay: text('first_day').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.month, t.unitId, t.memberId] }),
    index('rollup_quiz_member_months_unit').on(t.unitId, t.month, t.firstDay, t.memberId),
  ],
)

/**
 * Points per member and day, and from the first of the month through the day: per member, not per branch, because
 * the card counts a member under today's branch.
 */
export const rollupPointsDays = sqliteTable(
  'rollup_points_days',
  {
    day: text('day').notNull(),
    memberId: integer('member_id').notNull(),
    points: integer('points').notNull(),
    monthPoints: integer('month_points').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.day, t.memberId] }),
    index('rollup_points_days_member').on(t.memberId, t.day, t.points, t.monthPoints),
  ],
)

/** rollup_points_days added up per member and calendar month. */
export const rollupPointsMonths = sqliteTable(
  'rollup_points_months',
  {
    month: text('month').notNull(),
    memberId: integer('member_id').notNull(),
    points: integer('points').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.month, t.memberId] }),
    index('rollup_points_months_member').on(t.memberId, t.month, t.points),
  ],
)

/**
 * rollup_points_months added up per member and calendar year (YYYY), the year of `through` so far: the organisation's
 * year reads one row a member instead of twelve.
 */
export const rollupPointsYears = sqliteTable(
  'rollup_points_years',
  {
    year: text('year').notNull(),
    memberId: integer('member_id').notNull(),
    points: integer('points').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.year, t.memberId] }),
    index('rollup_points_years_member').on(t.memberId, t.year, t.points),
  ],
)

/** Who answered a daily quiz per unit and calendar year: a year's participation reads one row a member. */
export const rollupQuizMemberYears = sqliteTable(
  'rollup_quiz_member_years',
  {
    year: text('year').notNull(),
    unitId: integer('unit_id').notNull(),
    memberId: integer('member_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.year, t.unitId, t.memberId] }),
    index('rollup_quiz_member_years_unit').on(t.unitId, t.year, t.memberId),
  ],
)

/**
 * Each team's production figures (production_current) summed from the first of the month through each day up to the
 * rollup's `through`: the stretch of a past month a card compares with (10-01 … 10-25) reads one row per team and
 * metric instead of every day.
 */
export const rollupProductionDays = sqliteTable(
  'rollup_production_days',
  {
    unitId: integer('unit_id').notNull(),
    metric: text('metric').notNull(),
    day: text('day').notNull(),
    monthTotal: real('month_total').notNull(),
    monthN: integer('month_n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.metric, t.day] })],
)
