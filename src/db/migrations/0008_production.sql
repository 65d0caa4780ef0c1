CREATE TABLE `production_figures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`metric` text NOT NULL,
	`day` text NOT NULL,
	`value` real NOT NULL,
	`seq` integer NOT NULL,
	`source` text NOT NULL,
	`source_id` text,
	`reported_by` integer,
	`platform` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reported_by`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `production_figures_seq` ON `production_figures` (`unit_id`,`metric`,`day`,`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `production_figures_source` ON `production_figures` (`source_id`);--> statement-breakpoint
CREATE INDEX `production_figures_day` ON `production_figures` (`day`,`unit_id`);