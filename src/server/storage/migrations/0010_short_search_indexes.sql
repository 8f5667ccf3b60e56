-- drizzle-kit writes expression indexes split at their commas; these are written from the snapshot, which holds them whole.
DROP INDEX `employees_first_name_lower`;--> statement-breakpoint
DROP INDEX `employees_last_name_lower`;--> statement-breakpoint
DROP INDEX `employees_email_lower`;--> statement-breakpoint
CREATE INDEX `employees_department` ON `employees` (`tenant_id`,`department_id`,"last_name" COLLATE NOCASE,"first_name" COLLATE NOCASE);--> statement-breakpoint
CREATE INDEX `employees_updated` ON `employees` (`tenant_id`,`updated_at`);--> statement-breakpoint
CREATE INDEX `employees_first_name_prefix1` ON `employees` (`tenant_id`,substr(lower("first_name"), 1, 1),"last_name" COLLATE NOCASE,"first_name" COLLATE NOCASE);--> statement-breakpoint
CREATE INDEX `employees_email_prefix1` ON `employees` (`tenant_id`,substr(lower("email"), 1, 1),"last_name" COLLATE NOCASE,"first_name" COLLATE NOCASE);--> statement-breakpoint
CREATE INDEX `employees_first_name_prefix2` ON `employees` (`tenant_id`,substr(lower("first_name"), 1, 2),"last_name" COLLATE NOCASE,"first_name" COLLATE NOCASE);--> statement-breakpoint
CREATE INDEX `employees_email_prefix2` ON `employees` (`tenant_id`,substr(lower("email"), 1, 2),"last_name" COLLATE NOCASE,"first_name" COLLATE NOCASE);--> statement-breakpoint
CREATE INDEX `device_assets_updated` ON `device_assets` (`tenant_id`,`updated_at`);--> statement-breakpoint
CREATE INDEX `services_number_prefix1` ON `services` (`tenant_id`,substr("service_number", 1, 1),`updated_at`);--> statement-breakpoint
CREATE INDEX `services_digits_prefix1` ON `services` (`tenant_id`,substr(replace(replace(replace(replace(replace(replace("service_number", ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', ''), 1, 1),`updated_at`);--> statement-breakpoint
CREATE INDEX `services_number_prefix2` ON `services` (`tenant_id`,substr("service_number", 1, 2),`updated_at`);--> statement-breakpoint
CREATE INDEX `services_digits_prefix2` ON `services` (`tenant_id`,substr(replace(replace(replace(replace(replace(replace("service_number", ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', ''), 1, 2),`updated_at`);--> statement-breakpoint
CREATE INDEX `orders_type` ON `orders` (`tenant_id`,`transaction_type`,`updated_at`);--> statement-breakpoint
CREATE TABLE `employee_prefix_counts` (
	`tenant_id` integer NOT NULL,
	`prefix` text NOT NULL,
	`employees` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `prefix`)
);
--> statement-breakpoint
-- Each employee counts once under '' and once under each distinct one- and two-character prefix of
-- its last name, first name and e-mail (lower-cased as SQLite's lower() does, as the searches are).
CREATE TRIGGER `employee_prefix_counts_insert` AFTER INSERT ON `employees` BEGIN
  INSERT INTO `employee_prefix_counts` (`tenant_id`, `prefix`, `employees`)
  SELECT new.`tenant_id`, `prefix`, 1 FROM (SELECT '' AS `prefix` UNION SELECT substr(lower(new.`last_name`), 1, 1) UNION SELECT substr(lower(new.`last_name`), 1, 2) UNION SELECT substr(lower(new.`first_name`), 1, 1) UNION SELECT substr(lower(new.`first_name`), 1, 2) UNION SELECT substr(lower(new.`email`), 1, 1) UNION SELECT substr(lower(new.`email`), 1, 2)) WHERE true
  ON CONFLICT (`tenant_id`, `prefix`) DO UPDATE SET `employees` = `employees` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `employee_prefix_counts_delete` AFTER DELETE ON `employees` BEGIN
  UPDATE `employee_prefix_counts` SET `employees` = `employees` - 1
  WHERE `tenant_id` = old.`tenant_id` AND `prefix` IN (SELECT '' AS `prefix` UNION SELECT substr(lower(old.`last_name`), 1, 1) UNION SELECT substr(lower(old.`last_name`), 1, 2) UNION SELECT substr(lower(old.`first_name`), 1, 1) UNION SELECT substr(lower(old.`first_name`), 1, 2) UNION SELECT substr(lower(old.`email`), 1, 1) UNION SELECT substr(lower(old.`email`), 1, 2));
END;
--> statement-breakpoint
CREATE TRIGGER `employee_prefix_counts_update` AFTER UPDATE OF `tenant_id`, `last_name`, `first_name`, `email` ON `employees` BEGIN
  UPDATE `employee_prefix_counts` SET `employees` = `employees` - 1
  WHERE `tenant_id` = old.`tenant_id` AND `prefix` IN (SELECT '' AS `prefix` UNION SELECT substr(lower(old.`last_name`), 1, 1) UNION SELECT substr(lower(old.`last_name`), 1, 2) UNION SELECT substr(lower(old.`first_name`), 1, 1) UNION SELECT substr(lower(old.`first_name`), 1, 2) UNION SELECT substr(lower(old.`email`), 1, 1) UNION SELECT substr(lower(old.`email`), 1, 2));
  INSERT INTO `employee_prefix_counts` (`tenant_id`, `prefix`, `employees`)
  SELECT new.`tenant_id`, `prefix`, 1 FROM (SELECT '' AS `prefix` UNION SELECT substr(lower(new.`last_name`), 1, 1) UNION SELECT substr(lower(new.`last_name`), 1, 2) UNION SELECT substr(lower(new.`first_name`), 1, 1) UNION SELECT substr(lower(new.`first_name`), 1, 2) UNION SELECT substr(lower(new.`email`), 1, 1) UNION SELECT substr(lower(new.`email`), 1, 2)) WHERE true
  ON CONFLICT (`tenant_id`, `prefix`) DO UPDATE SET `employees` = `employees` + 1;
END;
--> statement-breakpoint
-- Data update: count the employees that exist already.
INSERT INTO `employee_prefix_counts` (`tenant_id`, `prefix`, `employees`)
SELECT `tenant_id`, `prefix`, count(*) FROM (
  SELECT `tenant_id`, `id`, '' AS `prefix` FROM `employees`
  UNION SELECT `tenant_id`, `id`, substr(lower(`last_name`), 1, 1) FROM `employees`
  UNION SELECT `tenant_id`, `id`, substr(lower(`last_name`), 1, 2) FROM `employees`
  UNION SELECT `tenant_id`, `id`, substr(lower(`first_name`), 1, 1) FROM `employees`
  UNION SELECT `tenant_id`, `id`, substr(lower(`first_name`), 1, 2) FROM `employees`
  UNION SELECT `tenant_id`, `id`, substr(lower(`email`), 1, 1) FROM `employees`
  UNION SELECT `tenant_id`, `id`, substr(lower(`email`), 1, 2) FROM `employees`
) GROUP BY `tenant_id`, `prefix`;
