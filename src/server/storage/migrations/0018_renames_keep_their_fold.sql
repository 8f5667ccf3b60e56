-- Hand-written (decision 19): a name, e-mail or catalog name changed by SQL that leaves its folded
-- column as it was (an HR sync, an administrator: no API renames anyone) gets SQL's fold at once —
-- lower(), exact for ASCII — and marks the search fold stale (version 0), so the server rewrites it
-- with JavaScript's fold (storage/search-fold.ts) within seconds, or at its next start. The folded
-- columns are written by a second UPDATE, so the trigram index and prefix counts follow them.
CREATE TRIGGER `employees_renamed_fold` AFTER UPDATE OF `first_name`, `last_name`, `email` ON `employees`
WHEN (new.`first_name` IS NOT old.`first_name` AND new.`first_name_folded` IS old.`first_name_folded`)
  OR (new.`last_name` IS NOT old.`last_name` AND new.`last_name_folded` IS old.`last_name_folded`)
  OR (new.`email` IS NOT old.`email` AND new.`email_folded` IS old.`email_folded`) BEGIN
  UPDATE `employees` SET
    `first_name_folded` = CASE WHEN new.`first_name` IS NOT old.`first_name` AND new.`first_name_folded` IS old.`first_name_folded` THEN lower(new.`first_name`) ELSE new.`first_name_folded` END,
    `last_name_folded` = CASE WHEN new.`last_name` IS NOT old.`last_name` AND new.`last_name_folded` IS old.`last_name_folded` THEN lower(new.`last_name`) ELSE new.`last_name_folded` END,
    `email_folded` = CASE WHEN new.`email` IS NOT old.`email` AND new.`email_folded` IS old.`email_folded` THEN lower(new.`email`) ELSE new.`email_folded` END
  WHERE `id` = new.`id`;
  UPDATE `search_fold` SET `version` = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_devices_renamed_fold` AFTER UPDATE OF `name` ON `catalog_devices`
WHEN new.`name` IS NOT old.`name` AND new.`name_folded` IS old.`name_folded` BEGIN
  UPDATE `catalog_devices` SET `name_folded` = lower(new.`name`) WHERE `id` = new.`id`;
  UPDATE `search_fold` SET `version` = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_plans_renamed_fold` AFTER UPDATE OF `name` ON `catalog_plans`
WHEN new.`name` IS NOT old.`name` AND new.`name_folded` IS old.`name_folded` BEGIN
  UPDATE `catalog_plans` SET `name_folded` = lower(new.`name`) WHERE `id` = new.`id`;
  UPDATE `search_fold` SET `version` = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_accessories_renamed_fold` AFTER UPDATE OF `name` ON `catalog_accessories`
WHEN new.`name` IS NOT old.`name` AND new.`name_folded` IS old.`name_folded` BEGIN
  UPDATE `catalog_accessories` SET `name_folded` = lower(new.`name`) WHERE `id` = new.`id`;
  UPDATE `search_fold` SET `version` = 0;
END;
