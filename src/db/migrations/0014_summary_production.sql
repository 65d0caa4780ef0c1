CREATE TABLE `rollup_production_days` (
	`unit_id` integer NOT NULL,
	`metric` text NOT NULL,
	`day` text NOT NULL,
	`month_total` real NOT NULL,
	`month_n` integer NOT NULL,
	PRIMARY KEY(`unit_id`, `metric`, `day`)
);
--> statement-breakpoint
ALTER TABLE `rollup_state` ADD `production_max` integer;
-- Backfill: where a summary-rollup build exists, the running month sums of every day it holds, and the figures'
-- watermark they were read at (production_current follows production_figures in every commit).
--> statement-breakpoint
INSERT INTO `rollup_production_days` (`unit_id`, `metric`, `day`, `month_total`, `month_n`)
SELECT `unit_id`, `metric`, `day`, round(sum(`value`) OVER w, 6), count(*) OVER w FROM `production_current`
WHERE `day` <= (SELECT `through` FROM `rollup_state` WHERE `id` = 1)
WINDOW w AS (PARTITION BY `unit_id`, `metric`, substr(`day`, 1, 7) ORDER BY `day`);
--> statement-breakpoint
UPDATE `rollup_state` SET `production_max` = (SELECT coalesce(max(`id`), 0) FROM `production_figures`);
