CREATE TABLE `activity_windows` (
	`activity_id` integer NOT NULL,
	`shift` text NOT NULL,
	`opens_at` integer NOT NULL,
	`closes_at` integer NOT NULL,
	`late_until` integer NOT NULL,
	`created_by` integer NOT NULL,
	PRIMARY KEY(`activity_id`, `shift`),
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `branch_assessments` (
	`branch_id` integer NOT NULL,
	`year` integer NOT NULL,
	`review` text NOT NULL,
	`business` text NOT NULL,
	`party_kpi` real,
	`business_kpi` real,
	`recorded_by` integer,
	`at` integer NOT NULL,
	PRIMARY KEY(`branch_id`, `year`),
	FOREIGN KEY (`branch_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `branch_inspections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`branch_id` integer NOT NULL,
	`inspector_id` integer NOT NULL,
	`day` text NOT NULL,
	`party_score` integer NOT NULL,
	`production_score` integer NOT NULL,
	`findings` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`branch_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`inspector_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `branch_inspections_branch_day` ON `branch_inspections` (`branch_id`,`day`);--> statement-breakpoint
CREATE TABLE `chat_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`table` text,
	`summary` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `chat_imports_user` ON `chat_imports` (`platform`,`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `chat_imports_applied` (
	`import_id` integer PRIMARY KEY NOT NULL,
	`applied_at` integer NOT NULL,
	FOREIGN KEY (`import_id`) REFERENCES `chat_imports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `dev_uploads` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`size` integer NOT NULL,
	`data` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `dual_report_edits` (
	`branch_id` integer NOT NULL,
	`year` integer NOT NULL,
	`section` text NOT NULL,
	`text` text NOT NULL,
	`edited_by` integer,
	`at` integer NOT NULL,
	PRIMARY KEY(`branch_id`, `year`, `section`),
	FOREIGN KEY (`branch_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`edited_by`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `dual_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`branch_id` integer NOT NULL,
	`year` integer NOT NULL,
	`promote` text NOT NULL,
	`support` text NOT NULL,
	`facts` text NOT NULL,
	`submitted_by` integer,
	`at` integer NOT NULL,
	FOREIGN KEY (`branch_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dual_reports_branch_year` ON `dual_reports` (`branch_id`,`year`);--> statement-breakpoint
CREATE TABLE `escalation_steps` (
	`kind` text NOT NULL,
	`item_key` text NOT NULL,
	`step` integer NOT NULL,
	`action` text NOT NULL,
	`day` text NOT NULL,
	`fired_at` integer NOT NULL,
	`status` text NOT NULL,
	`nudge_source` text,
	`not_before` integer,
	`recipients` integer DEFAULT 0 NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`detail` text,
	PRIMARY KEY(`kind`, `item_key`, `step`)
);
--> statement-breakpoint
CREATE INDEX `escalation_pending` ON `escalation_steps` (`not_before`) WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX `escalation_paid_day` ON `escalation_steps` (`day`,`action`);--> statement-breakpoint
CREATE TABLE `feedback_quota` (
	`key_hash` text NOT NULL,
	`day` text NOT NULL,
	`seq` integer NOT NULL,
	PRIMARY KEY(`key_hash`, `day`, `seq`)
);
--> statement-breakpoint
CREATE TABLE `ledger_history` (
	`item_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`kind` text NOT NULL,
	`actor_id` integer,
	`note` text,
	`attachments` text,
	`at` integer NOT NULL,
	PRIMARY KEY(`item_id`, `seq`),
	FOREIGN KEY (`item_id`) REFERENCES `ledger_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `ledger_items` (
	`id` integer PRIMARY KEY NOT NULL,
	`source` text NOT NULL,
	`branch_id` integer NOT NULL,
	`category` text NOT NULL,
	`text` text NOT NULL,
	`anonymous` integer NOT NULL,
	`reporter_id` integer,
	`source_ref` text,
	`status` text NOT NULL,
	`owner_id` integer,
	`leader_id` integer,
	`due_day` text,
	`task_id` integer,
	`rev` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`branch_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reporter_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`leader_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ledger_items_branch_status` ON `ledger_items` (`branch_id`,`status`,`due_day`);--> statement-breakpoint
CREATE INDEX `ledger_items_status_due` ON `ledger_items` (`status`,`due_day`);--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_items_source_ref` ON `ledger_items` (`source_ref`);--> statement-breakpoint
CREATE TABLE `letter_confirmations` (
	`letter_id` integer NOT NULL,
	`version` integer NOT NULL,
	`member_id` integer NOT NULL,
	`platform` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`letter_id`, `version`),
	FOREIGN KEY (`letter_id`) REFERENCES `letters`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `letter_targets` (
	`letter_id` integer NOT NULL,
	`version` integer NOT NULL,
	`seq` integer NOT NULL,
	`side` text NOT NULL,
	`text` text NOT NULL,
	`metric` text,
	`task_type` text,
	`target` real,
	PRIMARY KEY(`letter_id`, `version`, `seq`),
	FOREIGN KEY (`letter_id`) REFERENCES `letters`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `letters` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`signer_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`level` text NOT NULL,
	`profession` text NOT NULL,
	`period_from` text NOT NULL,
	`period_to` text NOT NULL,
	`version` integer NOT NULL,
	`content` text NOT NULL,
	`version_at` integer NOT NULL,
	FOREIGN KEY (`signer_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `letters_code_unique` ON `letters` (`code`);--> statement-breakpoint
CREATE INDEX `letters_signer` ON `letters` (`signer_id`);--> statement-breakpoint
CREATE TABLE `member_posts` (
	`employee_no` text PRIMARY KEY NOT NULL,
	`post` text NOT NULL,
	FOREIGN KEY (`employee_no`) REFERENCES `members`(`employee_no`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `points_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` integer NOT NULL,
	`points` integer NOT NULL,
	`reason` text NOT NULL,
	`requested_by` integer NOT NULL,
	`requested_at` integer NOT NULL,
	`day` text NOT NULL,
	`nth` integer NOT NULL,
	`status` text NOT NULL,
	`decided_by` integer,
	`decided_at` integer,
	`settings_version` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `points_requests_nth` ON `points_requests` (`member_id`,`day`,`nth`);--> statement-breakpoint
CREATE INDEX `points_requests_status` ON `points_requests` (`status`,`member_id`);--> statement-breakpoint
CREATE TABLE `question_posts` (
	`code` text PRIMARY KEY NOT NULL,
	`post` text NOT NULL,
	FOREIGN KEY (`code`) REFERENCES `questions`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `quiz_reviews` (
	`member_id` integer NOT NULL,
	`question_id` integer NOT NULL,
	`stage` integer NOT NULL,
	`rights` integer NOT NULL,
	`due_day` text NOT NULL,
	`wrong_day` text NOT NULL,
	`last_day` text NOT NULL,
	`done_day` text,
	PRIMARY KEY(`member_id`, `question_id`),
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `quiz_reviews_due` ON `quiz_reviews` (`member_id`,`due_day`);--> statement-breakpoint
CREATE INDEX `checkins_activity_member` ON `checkins` (`activity_id`,`member_id`,`id`);