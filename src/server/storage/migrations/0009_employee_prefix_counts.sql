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
