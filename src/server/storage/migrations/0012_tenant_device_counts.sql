CREATE TABLE `tenant_device_counts` (
	`tenant_id` integer PRIMARY KEY NOT NULL,
	`devices` integer NOT NULL
);
--> statement-breakpoint
-- The per-tenant device count (schema.ts `tenantDeviceCounts`), kept exact by triggers.
CREATE TRIGGER `tenant_device_counts_insert` AFTER INSERT ON `device_assets` BEGIN
  INSERT INTO `tenant_device_counts` (`tenant_id`, `devices`) VALUES (new.`tenant_id`, 1)
  ON CONFLICT (`tenant_id`) DO UPDATE SET `devices` = `devices` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `tenant_device_counts_delete` AFTER DELETE ON `device_assets` BEGIN
  UPDATE `tenant_device_counts` SET `devices` = `devices` - 1 WHERE `tenant_id` = old.`tenant_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `tenant_device_counts_update` AFTER UPDATE OF `tenant_id` ON `device_assets` WHEN old.`tenant_id` <> new.`tenant_id` BEGIN
  UPDATE `tenant_device_counts` SET `devices` = `devices` - 1 WHERE `tenant_id` = old.`tenant_id`;
  INSERT INTO `tenant_device_counts` (`tenant_id`, `devices`) VALUES (new.`tenant_id`, 1)
  ON CONFLICT (`tenant_id`) DO UPDATE SET `devices` = `devices` + 1;
END;
--> statement-breakpoint
-- Data update: count the devices that exist already.
INSERT INTO `tenant_device_counts` (`tenant_id`, `devices`) SELECT `tenant_id`, count(*) FROM `device_assets` GROUP BY `tenant_id`;
