CREATE TABLE `calendar_entries` (
	`key` text NOT NULL,
	`scope` text DEFAULT '' NOT NULL,
	`kind` text NOT NULL,
	`type` text NOT NULL,
	`title` text NOT NULL,
	`starts_on` text,
	`ends_on` text,
	`rule` text,
	`at` text NOT NULL,
	`lead_days` text DEFAULT '' NOT NULL,
	`nudge_days` integer,
	`move` text DEFAULT 'next' NOT NULL,
	`message` text,
	`enabled` integer DEFAULT true NOT NULL,
	`source` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`key`, `scope`)
);
--> statement-breakpoint
CREATE TABLE `holidays` (
	`day` text PRIMARY KEY NOT NULL,
	`year` integer NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`imported_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `holidays_year` ON `holidays` (`year`);