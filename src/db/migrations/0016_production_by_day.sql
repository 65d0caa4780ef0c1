-- production_current keyed by day first, WITHOUT ROWID as in 0013 (drizzle cannot declare it; schema.ts says so),
-- and without its two indexes: a batch of one day's figures then writes one stretch of the table, where a key and
-- an index ordered by team had it rewrite a page of nearly every team. The rows are copied over.
CREATE TABLE `production_current_new` (
	`unit_id` integer NOT NULL,
	`metric` text NOT NULL,
	`day` text NOT NULL,
	`value` real NOT NULL,
	`seq` integer NOT NULL,
	PRIMARY KEY(`day`, `unit_id`, `metric`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `production_current_new` (`unit_id`, `metric`, `day`, `value`, `seq`)
SELECT `unit_id`, `metric`, `day`, `value`, `seq` FROM `production_current`;
--> statement-breakpoint
DROP TABLE `production_current`;
--> statement-breakpoint
ALTER TABLE `production_current_new` RENAME TO `production_current`;
