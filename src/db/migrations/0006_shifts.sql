CREATE TABLE `makeup_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`activity_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`reason` text NOT NULL,
	`status` text NOT NULL,
	`requested_by` integer NOT NULL,
	`requested_at` integer NOT NULL,
	`decided_by` integer,
	`decided_at` integer,
	`platform` text NOT NULL,
	`chat_id` text NOT NULL,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `makeup_requests_once` ON `makeup_requests` (`activity_id`,`member_id`);--> statement-breakpoint
CREATE TABLE `shift_exceptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` integer NOT NULL,
	`day` text NOT NULL,
	`shift` text NOT NULL,
	`set_by` integer NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `shift_exceptions_member_day` ON `shift_exceptions` (`member_id`,`day`);--> statement-breakpoint
CREATE TABLE `shift_rotations` (
	`unit_id` integer PRIMARY KEY NOT NULL,
	`cycle` text NOT NULL,
	`anchor_day` text NOT NULL,
	`set_by` integer NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action
);
