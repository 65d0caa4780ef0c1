CREATE TABLE `bind_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`platform_user_id` text NOT NULL,
	`user_name` text,
	`member_id` integer NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`decided_at` integer,
	`decided_by` integer,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bind_requests_one_pending` ON `bind_requests` (`platform`,`platform_user_id`) WHERE status = 'pending';--> statement-breakpoint
CREATE TABLE `chats` (
	`platform` text NOT NULL,
	`chat_id` text NOT NULL,
	`unit_id` integer NOT NULL,
	`title` text,
	`bound_by` integer,
	`bound_at` integer NOT NULL,
	PRIMARY KEY(`platform`, `chat_id`),
	FOREIGN KEY (`unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `chats_unit` ON `chats` (`unit_id`);--> statement-breakpoint
CREATE TABLE `identities` (
	`platform` text NOT NULL,
	`platform_user_id` text NOT NULL,
	`member_id` integer NOT NULL,
	`bound_at` integer NOT NULL,
	PRIMARY KEY(`platform`, `platform_user_id`),
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `identities_member` ON `identities` (`platform`,`member_id`);--> statement-breakpoint
CREATE TABLE `inbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`event_id` text NOT NULL,
	`message_id` text,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`received_at` integer NOT NULL,
	`processed_at` integer,
	`outcome` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inbox_event` ON `inbox` (`platform`,`event_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `inbox_message` ON `inbox` (`platform`,`message_id`) WHERE message_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `inbox_unprocessed` ON `inbox` (`id`) WHERE processed_at IS NULL;--> statement-breakpoint
CREATE TABLE `job_runs` (
	`job` text NOT NULL,
	`slot` text NOT NULL,
	`ran_at` integer NOT NULL,
	`outcome` text NOT NULL,
	PRIMARY KEY(`job`, `slot`)
);
--> statement-breakpoint
CREATE TABLE `members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`employee_no` text NOT NULL,
	`name` text NOT NULL,
	`branch_id` integer NOT NULL,
	`group_id` integer,
	`active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`branch_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `members_employee_no_unique` ON `members` (`employee_no`);--> statement-breakpoint
CREATE INDEX `members_branch` ON `members` (`branch_id`);--> statement-breakpoint
CREATE TABLE `org_units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`parent_id` integer,
	`production_team` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `org_units_code_unique` ON `org_units` (`code`);--> statement-breakpoint
CREATE INDEX `org_units_parent` ON `org_units` (`parent_id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`platform` text NOT NULL,
	`target_kind` text NOT NULL,
	`target_id` text NOT NULL,
	`reply` text NOT NULL,
	`locale` text NOT NULL,
	`source` text NOT NULL,
	`seq` integer NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_source_seq` ON `outbox` (`source`,`seq`);--> statement-breakpoint
CREATE INDEX `outbox_due` ON `outbox` (`next_attempt_at`) WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX `outbox_target` ON `outbox` (`platform`,`target_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `points_ledger` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` integer NOT NULL,
	`points` integer NOT NULL,
	`rule` text NOT NULL,
	`reason` text NOT NULL,
	`source` text NOT NULL,
	`day` text NOT NULL,
	`settings_version` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `points_once` ON `points_ledger` (`member_id`,`rule`,`source`);--> statement-breakpoint
CREATE INDEX `points_member_day` ON `points_ledger` (`member_id`,`day`);--> statement-breakpoint
CREATE INDEX `points_day` ON `points_ledger` (`day`);--> statement-breakpoint
CREATE TABLE `role_assignments` (
	`member_id` integer NOT NULL,
	`role` text NOT NULL,
	`unit_id` integer NOT NULL,
	PRIMARY KEY(`member_id`, `role`, `unit_id`),
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `roster_ids` (
	`member_id` integer NOT NULL,
	`platform` text NOT NULL,
	`platform_user_id` text NOT NULL,
	PRIMARY KEY(`member_id`, `platform`),
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `roster_ids_account` ON `roster_ids` (`platform`,`platform_user_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`version` integer PRIMARY KEY NOT NULL,
	`doc` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `user_prefs` (
	`platform` text NOT NULL,
	`platform_user_id` text NOT NULL,
	`locale` text NOT NULL,
	PRIMARY KEY(`platform`, `platform_user_id`)
);
--> statement-breakpoint
CREATE TRIGGER `inbox_processed_once` BEFORE UPDATE OF `processed_at` ON `inbox` WHEN OLD.`processed_at` IS NOT NULL BEGIN SELECT RAISE(ABORT, 'inbox row already processed'); END;
