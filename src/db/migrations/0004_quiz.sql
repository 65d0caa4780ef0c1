CREATE TABLE `challenge_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` integer NOT NULL,
	`day` text NOT NULL,
	`status` text NOT NULL,
	`asked` text NOT NULL,
	`asked_at` integer NOT NULL,
	`streak` integer NOT NULL,
	`ended_reason` text,
	`started_at` integer NOT NULL,
	`ended_at` integer,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `challenge_one_active` ON `challenge_runs` (`member_id`) WHERE status = 'active';--> statement-breakpoint
CREATE INDEX `challenge_member_streak` ON `challenge_runs` (`member_id`,`streak`);--> statement-breakpoint
CREATE TABLE `questions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`kind` text NOT NULL,
	`stem` text NOT NULL,
	`options` text NOT NULL,
	`answer` text NOT NULL,
	`explanation` text NOT NULL,
	`category` text NOT NULL,
	`difficulty` integer DEFAULT 1 NOT NULL,
	`source` text NOT NULL,
	`quote` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `questions_code_unique` ON `questions` (`code`);--> statement-breakpoint
CREATE INDEX `questions_status_category` ON `questions` (`status`,`category`);--> statement-breakpoint
CREATE TABLE `quiz_answers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`question_id` integer NOT NULL,
	`day` text NOT NULL,
	`mode` text NOT NULL,
	`given` text NOT NULL,
	`correct` integer NOT NULL,
	`at` integer NOT NULL,
	`platform` text NOT NULL,
	`chat_id` text NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quiz_answers_daily_once` ON `quiz_answers` (`member_id`,`question_id`,`day`) WHERE mode = 'daily';--> statement-breakpoint
CREATE INDEX `quiz_answers_unit_day` ON `quiz_answers` (`unit_id`,`day`);--> statement-breakpoint
CREATE INDEX `quiz_answers_member` ON `quiz_answers` (`member_id`,`correct`,`at`);--> statement-breakpoint
CREATE TABLE `quiz_sets` (
	`unit_id` integer NOT NULL,
	`day` text NOT NULL,
	`question_ids` text NOT NULL,
	`settings_version` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`unit_id`, `day`),
	FOREIGN KEY (`unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action
);
