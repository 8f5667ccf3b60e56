CREATE TABLE `search_fold` (
	`version` integer PRIMARY KEY NOT NULL
);
--> statement-breakpoint
DROP INDEX `employees_first_name_prefix1`;--> statement-breakpoint
DROP INDEX `employees_email_prefix1`;--> statement-breakpoint
DROP INDEX `employees_first_name_prefix2`;--> statement-breakpoint
DROP INDEX `employees_email_prefix2`;--> statement-breakpoint
-- SQLite adds a NOT NULL column only with a default; the schema has none, so every insert through
-- Drizzle must give the folded names (storage/search-fold.ts `employeeSearchColumns`).
ALTER TABLE `employees` ADD `first_name_folded` text NOT NULL DEFAULT '';--> statement-breakpoint
ALTER TABLE `employees` ADD `last_name_folded` text NOT NULL DEFAULT '';--> statement-breakpoint
ALTER TABLE `employees` ADD `email_folded` text NOT NULL DEFAULT '';--> statement-breakpoint
-- drizzle-kit writes expression indexes split at their commas; these are written from the snapshot, which holds them whole.
CREATE INDEX `employees_last_name_prefix1` ON `employees` (`tenant_id`,substr("last_name_folded", 1, 1),"last_name" COLLATE NOCASE,"first_name" COLLATE NOCASE);--> statement-breakpoint
CREATE INDEX `employees_last_name_prefix2` ON `employees` (`tenant_id`,substr("last_name_folded", 1, 2),"last_name" COLLATE NOCASE,"first_name" COLLATE NOCASE);--> statement-breakpoint
CREATE INDEX `employees_first_name_prefix1` ON `employees` (`tenant_id`,substr("first_name_folded", 1, 1),"last_name" COLLATE NOCASE,"first_name" COLLATE NOCASE);--> statement-breakpoint
CREATE INDEX `employees_email_prefix1` ON `employees` (`tenant_id`,substr("email_folded", 1, 1),"last_name" COLLATE NOCASE,"first_name" COLLATE NOCASE);--> statement-breakpoint
CREATE INDEX `employees_first_name_prefix2` ON `employees` (`tenant_id`,substr("first_name_folded", 1, 2),"last_name" COLLATE NOCASE,"first_name" COLLATE NOCASE);--> statement-breakpoint
CREATE INDEX `employees_email_prefix2` ON `employees` (`tenant_id`,substr("email_folded", 1, 2),"last_name" COLLATE NOCASE,"first_name" COLLATE NOCASE);--> statement-breakpoint
-- Hand-written below (decision 19). The search matches the folded columns only, so no engine folds
-- case on its own: the trigram index is rebuilt case-sensitive over them, and the prefix counts
-- count their prefixes.
DROP TRIGGER `employees_search_insert`;--> statement-breakpoint
DROP TRIGGER `employees_search_update`;--> statement-breakpoint
DROP TRIGGER `employees_search_delete`;--> statement-breakpoint
DROP TABLE `employees_search`;--> statement-breakpoint
CREATE VIRTUAL TABLE `employees_search` USING fts5(`name`, `email`, tokenize = 'trigram case_sensitive 1');
--> statement-breakpoint
CREATE TRIGGER `employees_search_insert` AFTER INSERT ON `employees` BEGIN
  INSERT INTO `employees_search` (rowid, `name`, `email`) VALUES (new.`id`, new.`first_name_folded` || ' ' || new.`last_name_folded`, new.`email_folded`);
END;
--> statement-breakpoint
CREATE TRIGGER `employees_search_update` AFTER UPDATE OF `first_name_folded`, `last_name_folded`, `email_folded` ON `employees` BEGIN
  UPDATE `employees_search` SET `name` = new.`first_name_folded` || ' ' || new.`last_name_folded`, `email` = new.`email_folded` WHERE rowid = old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `employees_search_delete` AFTER DELETE ON `employees` BEGIN
  DELETE FROM `employees_search` WHERE rowid = old.`id`;
END;
--> statement-breakpoint
DROP TRIGGER `employee_prefix_counts_insert`;--> statement-breakpoint
DROP TRIGGER `employee_prefix_counts_delete`;--> statement-breakpoint
DROP TRIGGER `employee_prefix_counts_update`;--> statement-breakpoint
CREATE TRIGGER `employee_prefix_counts_insert` AFTER INSERT ON `employees` BEGIN
  INSERT INTO `employee_prefix_counts` (`tenant_id`, `prefix`, `employees`)
  SELECT new.`tenant_id`, `prefix`, 1 FROM (SELECT '' AS `prefix` UNION SELECT substr(new.`last_name_folded`, 1, 1) UNION SELECT substr(new.`last_name_folded`, 1, 2) UNION SELECT substr(new.`first_name_folded`, 1, 1) UNION SELECT substr(new.`first_name_folded`, 1, 2) UNION SELECT substr(new.`email_folded`, 1, 1) UNION SELECT substr(new.`email_folded`, 1, 2)) WHERE true
  ON CONFLICT (`tenant_id`, `prefix`) DO UPDATE SET `employees` = `employees` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `employee_prefix_counts_delete` AFTER DELETE ON `employees` BEGIN
  UPDATE `employee_prefix_counts` SET `employees` = `employees` - 1
  WHERE `tenant_id` = old.`tenant_id` AND `prefix` IN (SELECT '' AS `prefix` UNION SELECT substr(old.`last_name_folded`, 1, 1) UNION SELECT substr(old.`last_name_folded`, 1, 2) UNION SELECT substr(old.`first_name_folded`, 1, 1) UNION SELECT substr(old.`first_name_folded`, 1, 2) UNION SELECT substr(old.`email_folded`, 1, 1) UNION SELECT substr(old.`email_folded`, 1, 2));
END;
--> statement-breakpoint
CREATE TRIGGER `employee_prefix_counts_update` AFTER UPDATE OF `tenant_id`, `last_name_folded`, `first_name_folded`, `email_folded` ON `employees` BEGIN
  UPDATE `employee_prefix_counts` SET `employees` = `employees` - 1
  WHERE `tenant_id` = old.`tenant_id` AND `prefix` IN (SELECT '' AS `prefix` UNION SELECT substr(old.`last_name_folded`, 1, 1) UNION SELECT substr(old.`last_name_folded`, 1, 2) UNION SELECT substr(old.`first_name_folded`, 1, 1) UNION SELECT substr(old.`first_name_folded`, 1, 2) UNION SELECT substr(old.`email_folded`, 1, 1) UNION SELECT substr(old.`email_folded`, 1, 2));
  INSERT INTO `employee_prefix_counts` (`tenant_id`, `prefix`, `employees`)
  SELECT new.`tenant_id`, `prefix`, 1 FROM (SELECT '' AS `prefix` UNION SELECT substr(new.`last_name_folded`, 1, 1) UNION SELECT substr(new.`last_name_folded`, 1, 2) UNION SELECT substr(new.`first_name_folded`, 1, 1) UNION SELECT substr(new.`first_name_folded`, 1, 2) UNION SELECT substr(new.`email_folded`, 1, 1) UNION SELECT substr(new.`email_folded`, 1, 2)) WHERE true
  ON CONFLICT (`tenant_id`, `prefix`) DO UPDATE SET `employees` = `employees` + 1;
END;
--> statement-breakpoint
-- Data update: fold the existing rows as far as SQL can (ASCII), rebuild the trigram index and the
-- prefix counts from them, and record version 0. The server refolds every row with JavaScript's
-- fold at its next start (storage/db.ts `refoldSearchText`), which the triggers above follow.
UPDATE `employees` SET `first_name_folded` = lower(`first_name`), `last_name_folded` = lower(`last_name`), `email_folded` = lower(`email`);
--> statement-breakpoint
INSERT INTO `employees_search` (rowid, `name`, `email`) SELECT `id`, `first_name_folded` || ' ' || `last_name_folded`, `email_folded` FROM `employees`;
--> statement-breakpoint
DELETE FROM `employee_prefix_counts`;
--> statement-breakpoint
INSERT INTO `employee_prefix_counts` (`tenant_id`, `prefix`, `employees`)
SELECT `tenant_id`, `prefix`, count(*) FROM (
  SELECT `tenant_id`, `id`, '' AS `prefix` FROM `employees`
  UNION SELECT `tenant_id`, `id`, substr(`last_name_folded`, 1, 1) FROM `employees`
  UNION SELECT `tenant_id`, `id`, substr(`last_name_folded`, 1, 2) FROM `employees`
  UNION SELECT `tenant_id`, `id`, substr(`first_name_folded`, 1, 1) FROM `employees`
  UNION SELECT `tenant_id`, `id`, substr(`first_name_folded`, 1, 2) FROM `employees`
  UNION SELECT `tenant_id`, `id`, substr(`email_folded`, 1, 1) FROM `employees`
  UNION SELECT `tenant_id`, `id`, substr(`email_folded`, 1, 2) FROM `employees`
) GROUP BY `tenant_id`, `prefix`;
--> statement-breakpoint
INSERT INTO `search_fold` (`version`) VALUES (0);
--> statement-breakpoint
-- PostgreSQL refuses a new employee without folded names (NOT NULL, no default); SQLite, which had
-- to be given a default above, refuses one whose folded names were left at it.
CREATE TRIGGER `employees_folded_written` BEFORE INSERT ON `employees`
WHEN (new.`first_name_folded` = '' AND new.`first_name` <> '') OR (new.`last_name_folded` = '' AND new.`last_name` <> '') OR (new.`email_folded` = '' AND new.`email` <> '') BEGIN
  SELECT RAISE(ABORT, 'employees: first_name_folded, last_name_folded and email_folded must be written (storage/search-fold.ts)');
END;
