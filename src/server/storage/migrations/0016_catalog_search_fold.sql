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
