CREATE TABLE `activities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`type` text NOT NULL,
	`title` text NOT NULL,
	`code` text,
	`opens_at` integer NOT NULL,
	`closes_at` integer NOT NULL,
	`late_until` integer NOT NULL,
	`scheduled_for` text,
	`created_by` integer,
	`platform` text,
	`chat_id` text,
	`settings_version` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `activities_unit_opens` ON `activities` (`unit_id`,`opens_at`);--> statement-breakpoint
CREATE INDEX `activities_closes` ON `activities` (`closes_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `activities_scheduled` ON `activities` (`unit_id`,`scheduled_for`) WHERE scheduled_for IS NOT NULL;--> statement-breakpoint
CREATE TABLE `checkins` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`activity_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`status` text NOT NULL,
	`kind` text NOT NULL,
	`reason` text,
	`recorded_by` integer NOT NULL,
	`platform` text NOT NULL,
	`chat_id` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `checkins_self_once` ON `checkins` (`activity_id`,`member_id`,`kind`) WHERE kind IN ('checkin', 'leave');--> statement-breakpoint
CREATE INDEX `checkins_member` ON `checkins` (`member_id`,`at`);