CREATE TABLE `rollup_points_years` (
	`year` text NOT NULL,
	`member_id` integer NOT NULL,
	`points` integer NOT NULL,
	PRIMARY KEY(`year`, `member_id`)
);
--> statement-breakpoint
CREATE INDEX `rollup_points_years_member` ON `rollup_points_years` (`member_id`,`year`,`points`);--> statement-breakpoint
CREATE TABLE `rollup_quiz_member_years` (
	`year` text NOT NULL,
	`unit_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	PRIMARY KEY(`year`, `unit_id`, `member_id`)
);
--> statement-breakpoint
CREATE INDEX `rollup_quiz_member_years_unit` ON `rollup_quiz_member_years` (`unit_id`,`year`,`member_id`);
-- Backfill the year rollups from the month rollups a summary-rollup build already left (they hold the same days).
--> statement-breakpoint
INSERT INTO `rollup_points_years` (`year`, `member_id`, `points`)
SELECT substr(`month`, 1, 4), `member_id`, sum(`points`) FROM `rollup_points_months` GROUP BY 1, 2;
--> statement-breakpoint
INSERT INTO `rollup_quiz_member_years` (`year`, `unit_id`, `member_id`)
SELECT DISTINCT substr(`month`, 1, 4), `unit_id`, `member_id` FROM `rollup_quiz_member_months`;
