-- Edited by hand: SQLite adds a NOT NULL column only with a default; the schema has none, so every
-- insert through Drizzle must give the folded name (decision 19).
ALTER TABLE `catalog_accessories` ADD `name_folded` text NOT NULL DEFAULT '';--> statement-breakpoint
ALTER TABLE `catalog_devices` ADD `name_folded` text NOT NULL DEFAULT '';--> statement-breakpoint
ALTER TABLE `catalog_plans` ADD `name_folded` text NOT NULL DEFAULT '';--> statement-breakpoint
-- Data update: fold the existing names as far as SQL can (ASCII), and have the server refold every
-- searched text with JavaScript's fold at its next start (storage/search-fold.ts).
UPDATE `catalog_accessories` SET `name_folded` = lower(`name`);--> statement-breakpoint
UPDATE `catalog_devices` SET `name_folded` = lower(`name`);--> statement-breakpoint
UPDATE `catalog_plans` SET `name_folded` = lower(`name`);--> statement-breakpoint
UPDATE `search_fold` SET `version` = 0;
--> statement-breakpoint
-- As for employees (migration 0015): a new catalog item without its folded name is refused.
CREATE TRIGGER `catalog_accessories_folded_written` BEFORE INSERT ON `catalog_accessories` WHEN new.`name_folded` = '' AND new.`name` <> '' BEGIN
  SELECT RAISE(ABORT, 'catalog_accessories: name_folded must be written (storage/search-fold.ts)');
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_devices_folded_written` BEFORE INSERT ON `catalog_devices` WHEN new.`name_folded` = '' AND new.`name` <> '' BEGIN
  SELECT RAISE(ABORT, 'catalog_devices: name_folded must be written (storage/search-fold.ts)');
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_plans_folded_written` BEFORE INSERT ON `catalog_plans` WHEN new.`name_folded` = '' AND new.`name` <> '' BEGIN
  SELECT RAISE(ABORT, 'catalog_plans: name_folded must be written (storage/search-fold.ts)');
END;
