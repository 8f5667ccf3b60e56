ALTER TABLE `orders` ADD `new_device_asset_id` integer REFERENCES device_assets(id);--> statement-breakpoint
ALTER TABLE `orders` ADD `incoming_number` text;--> statement-breakpoint
CREATE UNIQUE INDEX `orders_open_per_service` ON `orders` (`service_id`) WHERE "orders"."status" IN ('AWAITING_APPROVAL', 'INFO_REQUESTED', 'ORDER_SUBMITTED', 'IN_PROGRESS', 'SHIPPED');--> statement-breakpoint
CREATE UNIQUE INDEX `orders_open_new_device` ON `orders` (`new_device_asset_id`) WHERE "orders"."status" IN ('AWAITING_APPROVAL', 'INFO_REQUESTED', 'ORDER_SUBMITTED', 'IN_PROGRESS', 'SHIPPED');--> statement-breakpoint
CREATE UNIQUE INDEX `orders_open_incoming_number` ON `orders` (`incoming_number`) WHERE "orders"."status" IN ('AWAITING_APPROVAL', 'INFO_REQUESTED', 'ORDER_SUBMITTED', 'IN_PROGRESS', 'SHIPPED');--> statement-breakpoint
-- Data update (hand-written): orders stored before this migration get the spare device and the
-- incoming number from `effects`, where completion reads them. An open order whose device or
-- number an earlier open order already holds keeps none, so the unique indexes above hold.
UPDATE `orders` SET `new_device_asset_id` = json_extract(`effects`, '$.newDeviceAssetId')
WHERE `transaction_type` = 'SWAP_DEVICES' AND json_extract(`effects`, '$.newDeviceAssetId') IS NOT NULL
  AND NOT (`status` IN ('AWAITING_APPROVAL', 'INFO_REQUESTED', 'ORDER_SUBMITTED', 'IN_PROGRESS', 'SHIPPED') AND EXISTS (
    SELECT 1 FROM `orders` AS `earlier` WHERE `earlier`.`id` < `orders`.`id`
      AND `earlier`.`status` IN ('AWAITING_APPROVAL', 'INFO_REQUESTED', 'ORDER_SUBMITTED', 'IN_PROGRESS', 'SHIPPED')
      AND json_extract(`earlier`.`effects`, '$.newDeviceAssetId') = json_extract(`orders`.`effects`, '$.newDeviceAssetId')));--> statement-breakpoint
CREATE TEMP TABLE `incoming_numbers` AS
  SELECT `id`, `status`, CASE WHEN length(`digits`) = 11 AND substr(`digits`, 1, 1) = '1' THEN substr(`digits`, 2) ELSE `digits` END AS `national`
  FROM (SELECT `id`, `status`, replace(replace(replace(replace(replace(replace(json_extract(`effects`, '$.serviceNumber'), ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', '') AS `digits`
        FROM `orders` WHERE `transaction_type` IN ('XFER_SERVICE_IN', 'XFER_SERVICE_IN_AND_PORT') AND json_extract(`effects`, '$.serviceNumber') IS NOT NULL);--> statement-breakpoint
UPDATE `orders` SET `incoming_number` = (SELECT `national` FROM `incoming_numbers` WHERE `incoming_numbers`.`id` = `orders`.`id`)
WHERE `id` IN (SELECT `id` FROM `incoming_numbers` AS `mine` WHERE `national` <> '' AND NOT (
  `status` IN ('AWAITING_APPROVAL', 'INFO_REQUESTED', 'ORDER_SUBMITTED', 'IN_PROGRESS', 'SHIPPED') AND EXISTS (
    SELECT 1 FROM `incoming_numbers` AS `earlier` WHERE `earlier`.`id` < `mine`.`id` AND `earlier`.`national` = `mine`.`national`
      AND `earlier`.`status` IN ('AWAITING_APPROVAL', 'INFO_REQUESTED', 'ORDER_SUBMITTED', 'IN_PROGRESS', 'SHIPPED'))));--> statement-breakpoint
DROP TABLE `incoming_numbers`;
