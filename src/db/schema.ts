import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

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
  (t) => [index('members_branch').on(t.branchId)],
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
  ],
)
