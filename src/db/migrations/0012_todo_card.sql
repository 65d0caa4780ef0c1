CREATE INDEX `makeup_requests_status` ON `makeup_requests` (`status`,`member_id`);--> statement-breakpoint
CREATE INDEX `members_roster` ON `members` (`branch_id`,`active`,`employee_no`,`name`);