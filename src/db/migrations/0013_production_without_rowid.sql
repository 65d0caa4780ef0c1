-- production_current and production_months rebuilt WITHOUT ROWID (drizzle cannot declare it; schema.ts says so):
-- every write of figures upserts a row of each by its primary key, and a table clustered on that key saves a
-- b-tree and a lookup per row. Same columns, keys and indexes.
CREATE TABLE `production_current_new` (
	`unit_id` integer NOT NULL,
	`metric` text NOT NULL,
	`day` text NOT NULL,
	`value` real NOT NULL,
	`seq` integer NOT NULL,
	PRIMARY KEY(`unit_id`, `metric`, `day`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `production_current_new` (`unit_id`, `metric`, `day`, `value`, `seq`)
SELECT `unit_id`, `metric`, `day`, `value`, `seq` FROM `production_current`;
--> statement-breakpoint
DROP TABLE `production_current`;
--> statement-breakpoint
ALTER TABLE `production_current_new` RENAME TO `production_current`;
--> statement-breakpoint
CREATE INDEX `production_current_day` ON `production_current` (`day`,`unit_id`,`metric`,`value`,`seq`);
--> statement-breakpoint
CREATE INDEX `production_current_unit_day` ON `production_current` (`unit_id`,`day`,`metric`,`value`);
--> statement-breakpoint
CREATE TABLE `production_months_new` (
	`unit_id` integer NOT NULL,
	`metric` text NOT NULL,
	`month` text NOT NULL,
	`total` real NOT NULL,
	`n` integer NOT NULL,
	`last_day` text NOT NULL,
	`last_value` real NOT NULL,
	`positive_day` text,
	PRIMARY KEY(`month`, `unit_id`, `metric`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `production_months_new` (`unit_id`, `metric`, `month`, `total`, `n`, `last_day`, `last_value`, `positive_day`)
SELECT `unit_id`, `metric`, `month`, `total`, `n`, `last_day`, `last_value`, `positive_day` FROM `production_months`;
--> statement-breakpoint
DROP TABLE `production_months`;
--> statement-breakpoint
ALTER TABLE `production_months_new` RENAME TO `production_months`;
--> statement-breakpoint
CREATE INDEX `production_months_unit` ON `production_months` (`unit_id`,`metric`,`month`);
