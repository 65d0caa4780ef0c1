CREATE TABLE `production_current` (
	`unit_id` integer NOT NULL,
	`metric` text NOT NULL,
	`day` text NOT NULL,
	`value` real NOT NULL,
	`seq` integer NOT NULL,
	PRIMARY KEY(`unit_id`, `metric`, `day`)
);
--> statement-breakpoint
CREATE INDEX `production_current_day` ON `production_current` (`day`,`unit_id`,`metric`,`value`,`seq`);--> statement-breakpoint
CREATE INDEX `production_current_unit_day` ON `production_current` (`unit_id`,`day`,`metric`,`value`);--> statement-breakpoint
CREATE TABLE `production_months` (
	`unit_id` integer NOT NULL,
	`metric` text NOT NULL,
	`month` text NOT NULL,
	`total` real NOT NULL,
	`n` integer NOT NULL,
	`last_day` text NOT NULL,
	`last_value` real NOT NULL,
	`positive_day` text,
	PRIMARY KEY(`month`, `unit_id`, `metric`)
);
--> statement-breakpoint
CREATE INDEX `production_months_unit` ON `production_months` (`unit_id`,`metric`,`month`);--> statement-breakpoint
CREATE TABLE `rollup_activities` (
	`activity_id` integer PRIMARY KEY NOT NULL,
	`unit_id` integer NOT NULL,
	`type` text NOT NULL,
	`opens_at` integer NOT NULL,
	`present` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `rollup_activities_unit` ON `rollup_activities` (`unit_id`,`opens_at`,`type`,`present`,`activity_id`);--> statement-breakpoint
CREATE TABLE `rollup_pending` (
	`day` text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE `rollup_points_days` (
	`day` text NOT NULL,
	`member_id` integer NOT NULL,
	`points` integer NOT NULL,
	`month_points` integer NOT NULL,
	PRIMARY KEY(`day`, `member_id`)
);
--> statement-breakpoint
CREATE INDEX `rollup_points_days_member` ON `rollup_points_days` (`member_id`,`day`,`points`,`month_points`);--> statement-breakpoint
CREATE TABLE `rollup_points_months` (
	`month` text NOT NULL,
	`member_id` integer NOT NULL,
	`points` integer NOT NULL,
	PRIMARY KEY(`month`, `member_id`)
);
--> statement-breakpoint
CREATE INDEX `rollup_points_months_member` ON `rollup_points_months` (`member_id`,`month`,`points`);--> statement-breakpoint
CREATE TABLE `rollup_quiz_days` (
	`day` text NOT NULL,
	`unit_id` integer NOT NULL,
	`category` text NOT NULL,
	`answers` integer NOT NULL,
	`correct` integer NOT NULL,
	`month_answers` integer NOT NULL,
	`month_correct` integer NOT NULL,
	PRIMARY KEY(`day`, `unit_id`, `category`)
);
--> statement-breakpoint
CREATE INDEX `rollup_quiz_days_unit` ON `rollup_quiz_days` (`unit_id`,`day`,`category`,`answers`,`correct`);--> statement-breakpoint
CREATE INDEX `rollup_quiz_days_running` ON `rollup_quiz_days` (`unit_id`,`category`,`day`,`month_answers`,`month_correct`);--> statement-breakpoint
CREATE TABLE `rollup_quiz_member_days` (
	`day` text NOT NULL,
	`unit_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	PRIMARY KEY(`day`, `unit_id`, `member_id`)
);
--> statement-breakpoint
CREATE INDEX `rollup_quiz_member_days_unit` ON `rollup_quiz_member_days` (`unit_id`,`day`,`member_id`);--> statement-breakpoint
CREATE TABLE `rollup_quiz_member_months` (
	`month` text NOT NULL,
	`unit_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`first_day` text NOT NULL,
	PRIMARY KEY(`month`, `unit_id`, `member_id`)
);
--> statement-breakpoint
CREATE INDEX `rollup_quiz_member_months_unit` ON `rollup_quiz_member_months` (`unit_id`,`month`,`first_day`,`member_id`);--> statement-breakpoint
CREATE TABLE `rollup_quiz_months` (
	`month` text NOT NULL,
	`unit_id` integer NOT NULL,
	`category` text NOT NULL,
	`answers` integer NOT NULL,
	`correct` integer NOT NULL,
	PRIMARY KEY(`month`, `unit_id`, `category`)
);
--> statement-breakpoint
CREATE INDEX `rollup_quiz_months_unit` ON `rollup_quiz_months` (`unit_id`,`month`,`category`,`answers`,`correct`);--> statement-breakpoint
CREATE TABLE `rollup_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`through` text NOT NULL,
	`through_end_ms` integer NOT NULL,
	`activity_max` integer NOT NULL,
	`checkin_max` integer NOT NULL,
	`quiz_max` integer NOT NULL,
	`points_max` integer NOT NULL,
	`built_at` integer NOT NULL
);
--> statement-breakpoint
DROP INDEX `study_records_member`;--> statement-breakpoint
CREATE INDEX `study_records_member` ON `study_records` (`member_id`,`item_id`);--> statement-breakpoint
CREATE INDEX `tasks_branch_due_cover` ON `tasks` (`branch_id`,`due_day`,`status`,`type`,`submitted_day`,`created_at`,`metric_target`,`metric_current`,`percent`);
-- Backfill the production rollups from the figures already stored (the newest report of each unit, metric, day).
--> statement-breakpoint
INSERT INTO `production_current` (`unit_id`, `metric`, `day`, `value`, `seq`)
SELECT f.`unit_id`, f.`metric`, f.`day`, f.`value`, f.`seq` FROM `production_figures` f
WHERE NOT EXISTS (SELECT 1 FROM `production_figures` n WHERE n.`unit_id` = f.`unit_id` AND n.`metric` = f.`metric` AND n.`day` = f.`day` AND n.`seq` > f.`seq`);
--> statement-breakpoint
INSERT INTO `production_months` (`unit_id`, `metric`, `month`, `total`, `n`, `last_day`, `last_value`, `positive_day`)
SELECT g.`unit_id`, g.`metric`, g.`month`, g.`total`, g.`n`, g.`last_day`, c.`value`, g.`positive_day`
FROM (SELECT `unit_id`, `metric`, substr(`day`, 1, 7) AS `month`, sum(`value`) AS `total`, count(*) AS `n`, max(`day`) AS `last_day`,
        max(CASE WHEN `value` > 0 THEN `day` END) AS `positive_day`
      FROM `production_current` GROUP BY `unit_id`, `metric`, substr(`day`, 1, 7)) g
JOIN `production_current` c ON c.`unit_id` = g.`unit_id` AND c.`metric` = g.`metric` AND c.`day` = g.`last_day`;
