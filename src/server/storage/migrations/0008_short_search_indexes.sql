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
CREATE INDEX `services_digits_prefix2` ON `services` (`tenant_id`,substr(replace(replace(replace(replace(replace(replace("service_number", ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', ''), 1, 2),`updated_at`);