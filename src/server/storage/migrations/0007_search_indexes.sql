CREATE TABLE `tenant_order_counts` (
	`tenant_id` integer PRIMARY KEY NOT NULL,
	`orders` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `device_assets_serial_lower` ON `device_assets` (`tenant_id`,lower("serial_value"));--> statement-breakpoint
CREATE INDEX `employees_name` ON `employees` (`tenant_id`,"last_name" COLLATE NOCASE,"first_name" COLLATE NOCASE);--> statement-breakpoint
CREATE INDEX `employees_first_name_lower` ON `employees` (`tenant_id`,lower("first_name"));--> statement-breakpoint
CREATE INDEX `employees_last_name_lower` ON `employees` (`tenant_id`,lower("last_name"));--> statement-breakpoint
CREATE INDEX `employees_email_lower` ON `employees` (`tenant_id`,lower("email"));--> statement-breakpoint
CREATE INDEX `services_device` ON `services` (`device_asset_id`);--> statement-breakpoint
CREATE INDEX `services_number` ON `services` (`tenant_id`,`service_number`);--> statement-breakpoint
CREATE INDEX `services_number_digits` ON `services` (`tenant_id`,replace(replace(replace(replace(replace(replace("service_number", ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', ''));--> statement-breakpoint
-- Hand-written below (drizzle-kit does not model virtual tables): case-insensitive substring search
-- of three characters or more through FTS5's trigram tokenizer, one index per searched table, kept
-- in step with its table by triggers. Rows are the table's own IDs (rowid). Existing rows are
-- indexed at the end. See src/server/storage/search.ts and decision 16.
CREATE VIRTUAL TABLE `employees_search` USING fts5(`name`, `email`, tokenize = 'trigram');
--> statement-breakpoint
CREATE TRIGGER `employees_search_insert` AFTER INSERT ON `employees` BEGIN
  INSERT INTO `employees_search` (rowid, `name`, `email`) VALUES (new.`id`, new.`first_name` || ' ' || new.`last_name`, new.`email`);
END;
--> statement-breakpoint
CREATE TRIGGER `employees_search_update` AFTER UPDATE OF `first_name`, `last_name`, `email` ON `employees` BEGIN
  UPDATE `employees_search` SET `name` = new.`first_name` || ' ' || new.`last_name`, `email` = new.`email` WHERE rowid = old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `employees_search_delete` AFTER DELETE ON `employees` BEGIN
  DELETE FROM `employees_search` WHERE rowid = old.`id`;
END;
--> statement-breakpoint
-- A service is found by its number as written and by its digits alone ("2065550142" finds "(206) 555-0142").
CREATE VIRTUAL TABLE `services_search` USING fts5(`number`, `digits`, tokenize = 'trigram');
--> statement-breakpoint
CREATE TRIGGER `services_search_insert` AFTER INSERT ON `services` BEGIN
  INSERT INTO `services_search` (rowid, `number`, `digits`)
  VALUES (new.`id`, new.`service_number`, replace(replace(replace(replace(replace(replace(new.`service_number`, ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', ''));
END;
--> statement-breakpoint
CREATE TRIGGER `services_search_update` AFTER UPDATE OF `service_number` ON `services` BEGIN
  UPDATE `services_search`
  SET `number` = new.`service_number`,
      `digits` = replace(replace(replace(replace(replace(replace(new.`service_number`, ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', '')
  WHERE rowid = old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `services_search_delete` AFTER DELETE ON `services` BEGIN
  DELETE FROM `services_search` WHERE rowid = old.`id`;
END;
--> statement-breakpoint
CREATE VIRTUAL TABLE `device_assets_search` USING fts5(`serial`, tokenize = 'trigram');
--> statement-breakpoint
CREATE TRIGGER `device_assets_search_insert` AFTER INSERT ON `device_assets` BEGIN
  INSERT INTO `device_assets_search` (rowid, `serial`) VALUES (new.`id`, new.`serial_value`);
END;
--> statement-breakpoint
CREATE TRIGGER `device_assets_search_update` AFTER UPDATE OF `serial_value` ON `device_assets` BEGIN
  UPDATE `device_assets_search` SET `serial` = new.`serial_value` WHERE rowid = old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `device_assets_search_delete` AFTER DELETE ON `device_assets` BEGIN
  DELETE FROM `device_assets_search` WHERE rowid = old.`id`;
END;
--> statement-breakpoint
-- Data update: index the rows that exist already.
INSERT INTO `employees_search` (rowid, `name`, `email`) SELECT `id`, `first_name` || ' ' || `last_name`, `email` FROM `employees`;
--> statement-breakpoint
INSERT INTO `services_search` (rowid, `number`, `digits`)
SELECT `id`, `service_number`, replace(replace(replace(replace(replace(replace(`service_number`, ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', '') FROM `services`;
--> statement-breakpoint
INSERT INTO `device_assets_search` (rowid, `serial`) SELECT `id`, `serial_value` FROM `device_assets`;
--> statement-breakpoint
-- The per-tenant order count (schema.ts `tenantOrderCounts`), kept exact by triggers.
CREATE TRIGGER `tenant_order_counts_insert` AFTER INSERT ON `orders` BEGIN
  INSERT INTO `tenant_order_counts` (`tenant_id`, `orders`) VALUES (new.`tenant_id`, 1)
  ON CONFLICT (`tenant_id`) DO UPDATE SET `orders` = `orders` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `tenant_order_counts_delete` AFTER DELETE ON `orders` BEGIN
  UPDATE `tenant_order_counts` SET `orders` = `orders` - 1 WHERE `tenant_id` = old.`tenant_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `tenant_order_counts_update` AFTER UPDATE OF `tenant_id` ON `orders` WHEN old.`tenant_id` <> new.`tenant_id` BEGIN
  UPDATE `tenant_order_counts` SET `orders` = `orders` - 1 WHERE `tenant_id` = old.`tenant_id`;
  INSERT INTO `tenant_order_counts` (`tenant_id`, `orders`) VALUES (new.`tenant_id`, 1)
  ON CONFLICT (`tenant_id`) DO UPDATE SET `orders` = `orders` + 1;
END;
--> statement-breakpoint
-- Data update: count the orders that exist already.
INSERT INTO `tenant_order_counts` (`tenant_id`, `orders`) SELECT `tenant_id`, count(*) FROM `orders` GROUP BY `tenant_id`;
