CREATE TABLE `task_assignees` (
	`task_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	PRIMARY KEY(`task_id`, `member_id`),
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `task_assignees_member` ON `task_assignees` (`member_id`);--> statement-breakpoint
CREATE TABLE `task_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`kind` text NOT NULL,
	`actor_id` integer NOT NULL,
	`percent` integer,
	`note` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `task_history_seq` ON `task_history` (`task_id`,`seq`);--> statement-breakpoint
CREATE TABLE `task_proposals` (
	`task_id` integer NOT NULL,
	`no` integer NOT NULL,
	`member_id` integer NOT NULL,
	`text` text NOT NULL,
	`at` integer NOT NULL,
	`adopted_by` integer,
	`adopted_at` integer,
	PRIMARY KEY(`task_id`, `no`),
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` integer PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`title` text NOT NULL,
	`description` text,
	`branch_id` integer NOT NULL,
	`created_by` integer NOT NULL,
	`due_day` text NOT NULL,
	`status` text NOT NULL,
	`percent` integer DEFAULT 0 NOT NULL,
	`submitted_day` text,
	`metric_name` text,
	`metric_unit` text,
	`metric_target` real,
	`metric_current` real,
	`fix_source` text,
	`fix_measure` text,
	`rev` integer NOT NULL,
	`platform` text NOT NULL,
	`settings_version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`branch_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tasks_status_due` ON `tasks` (`status`,`due_day`,`branch_id`);--> statement-breakpoint
CREATE INDEX `tasks_branch_status` ON `tasks` (`branch_id`,`status`,`due_day`);