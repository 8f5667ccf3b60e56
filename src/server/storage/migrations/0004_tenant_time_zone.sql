ALTER TABLE `tenants` ADD `time_zone` text DEFAULT 'America/Los_Angeles' NOT NULL;--> statement-breakpoint
-- Data update: XFER_SERVICE_OUT's preferred date is now the day the change takes effect (the line
-- leaves the company when that day begins), so its label says so instead of "last day".
UPDATE `order_property_definitions`
SET `definition` = json_set(`definition`, '$.label', 'Day the line leaves the company account')
WHERE `transaction_type` = 'XFER_SERVICE_OUT'
  AND json_extract(`definition`, '$.id') = 'PREFERRED_DEACTIVATION_DATE'
  AND json_extract(`definition`, '$.label') = 'Last day on the company account';
