CREATE TABLE `accessory_models` (
	`accessory_id` integer NOT NULL,
	`model_id` integer NOT NULL,
	PRIMARY KEY(`accessory_id`, `model_id`),
	FOREIGN KEY (`accessory_id`) REFERENCES `catalog_accessories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`model_id`) REFERENCES `models`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `acknowledgement_sets` (
	`id` integer PRIMARY KEY NOT NULL,
	`tenant_id` integer NOT NULL,
	`vendor_id` integer NOT NULL,
	`transaction_type` text NOT NULL,
	`infoblocks` text NOT NULL,
	`acknowledgements` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`vendor_id`) REFERENCES `vendors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `acknowledgement_sets_lookup` ON `acknowledgement_sets` (`tenant_id`,`vendor_id`,`transaction_type`);--> statement-breakpoint
CREATE TABLE `auth_tokens` (
	`id` integer PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`kind` text NOT NULL,
	`grant_id` text NOT NULL,
	`tenant_id` integer NOT NULL,
	`client_id` text NOT NULL,
	`employee_id` integer NOT NULL,
	`scope` text NOT NULL,
	`issued_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `auth_tokens_token_hash_unique` ON `auth_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `auth_tokens_grant` ON `auth_tokens` (`grant_id`);--> statement-breakpoint
CREATE TABLE `catalog_accessories` (
	`id` integer PRIMARY KEY NOT NULL,
	`tenant_id` integer NOT NULL,
	`name` text NOT NULL,
	`manufacturer_id` integer NOT NULL,
	`vendor_id` integer NOT NULL,
	`price_cents` integer NOT NULL,
	`currency_code` text NOT NULL,
	`image_url` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`manufacturer_id`) REFERENCES `manufacturers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`vendor_id`) REFERENCES `vendors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `catalog_accessories_tenant` ON `catalog_accessories` (`tenant_id`,`name`);--> statement-breakpoint
CREATE TABLE `catalog_devices` (
	`id` integer PRIMARY KEY NOT NULL,
	`tenant_id` integer NOT NULL,
	`name` text NOT NULL,
	`manufacturer_id` integer NOT NULL,
	`model_id` integer NOT NULL,
	`vendor_id` integer NOT NULL,
	`region_id` integer NOT NULL,
	`price_cents` integer NOT NULL,
	`currency_code` text NOT NULL,
	`image_url` text,
	`access_method` text NOT NULL,
	`description` text NOT NULL,
	`specifications` text NOT NULL,
	`device_features` text NOT NULL,
	`eligible_department_ids` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`manufacturer_id`) REFERENCES `manufacturers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`model_id`) REFERENCES `models`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`vendor_id`) REFERENCES `vendors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `catalog_devices_tenant` ON `catalog_devices` (`tenant_id`,`name`);--> statement-breakpoint
CREATE TABLE `catalog_plans` (
	`id` integer PRIMARY KEY NOT NULL,
	`tenant_id` integer NOT NULL,
	`name` text NOT NULL,
	`vendor_id` integer NOT NULL,
	`region_id` integer NOT NULL,
	`price_cents` integer NOT NULL,
	`currency_code` text NOT NULL,
	`included_features` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`vendor_id`) REFERENCES `vendors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `catalog_plans_tenant` ON `catalog_plans` (`tenant_id`,`name`);--> statement-breakpoint
CREATE TABLE `clients` (
	`client_id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`secret_hash` text
);
--> statement-breakpoint
CREATE TABLE `delegates` (
	`tenant_id` integer NOT NULL,
	`principal_id` integer NOT NULL,
	`delegate_id` integer NOT NULL,
	PRIMARY KEY(`principal_id`, `delegate_id`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`principal_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`delegate_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `departments` (
	`id` integer PRIMARY KEY NOT NULL,
	`tenant_id` integer NOT NULL,
	`name` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `departments_tenant` ON `departments` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `device_assets` (
	`id` integer PRIMARY KEY NOT NULL,
	`tenant_id` integer NOT NULL,
	`employee_id` integer,
	`manufacturer_id` integer NOT NULL,
	`model_id` integer NOT NULL,
	`serial_type` text NOT NULL,
	`serial_value` text NOT NULL,
	`sim_id` text,
	`access_method` text NOT NULL,
	`mac_address` text,
	`company_asset_id` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`manufacturer_id`) REFERENCES `manufacturers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`model_id`) REFERENCES `models`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `device_assets_employee` ON `device_assets` (`tenant_id`,`employee_id`);--> statement-breakpoint
CREATE TABLE `employees` (
	`id` integer PRIMARY KEY NOT NULL,
	`tenant_id` integer NOT NULL,
	`company_employee_id` text NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`email` text NOT NULL,
	`office_phone` text,
	`status` text NOT NULL,
	`department_id` integer,
	`manager_id` integer,
	`is_approver` integer DEFAULT false NOT NULL,
	`can_move_service` integer DEFAULT false NOT NULL,
	`is_service_account` integer DEFAULT false NOT NULL,
	`region_id` integer,
	`address` text,
	`custom_attributes` text NOT NULL,
	`username` text,
	`password_hash` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `employees_tenant` ON `employees` (`tenant_id`);--> statement-breakpoint
CREATE INDEX `employees_manager` ON `employees` (`manager_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `employees_company_id` ON `employees` (`tenant_id`,`company_employee_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `employees_username` ON `employees` (`tenant_id`,`username`);--> statement-breakpoint
CREATE TABLE `features` (
	`id` integer PRIMARY KEY NOT NULL,
	`tenant_id` integer NOT NULL,
	`vendor_id` integer NOT NULL,
	`description` text NOT NULL,
	`price_cents` integer NOT NULL,
	`currency_code` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`vendor_id`) REFERENCES `vendors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `fulfillment_jobs` (
	`id` integer PRIMARY KEY NOT NULL,
	`order_id` integer NOT NULL,
	`next_status` text NOT NULL,
	`due_at` text NOT NULL,
	`done_at` text,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `fulfillment_jobs_due` ON `fulfillment_jobs` (`done_at`,`due_at`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`tenant_id` integer NOT NULL,
	`employee_id` integer NOT NULL,
	`key` text NOT NULL,
	`body_hash` text NOT NULL,
	`http_status` integer NOT NULL,
	`response` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `employee_id`, `key`)
);
--> statement-breakpoint
CREATE TABLE `login_failures` (
	`id` integer PRIMARY KEY NOT NULL,
	`account` text NOT NULL,
	`address` text NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_failures_account` ON `login_failures` (`account`,`at`);--> statement-breakpoint
CREATE INDEX `login_failures_address` ON `login_failures` (`address`,`at`);--> statement-breakpoint
CREATE TABLE `manufacturers` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`logo_url` text
);
--> statement-breakpoint
CREATE TABLE `models` (
	`id` integer PRIMARY KEY NOT NULL,
	`manufacturer_id` integer NOT NULL,
	`name` text NOT NULL,
	`image_url` text,
	FOREIGN KEY (`manufacturer_id`) REFERENCES `manufacturers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `models_manufacturer` ON `models` (`manufacturer_id`);--> statement-breakpoint
CREATE TABLE `order_approvals` (
	`id` integer PRIMARY KEY NOT NULL,
	`order_id` integer NOT NULL,
	`level` integer NOT NULL,
	`approver_id` integer NOT NULL,
	`decision` text NOT NULL,
	`reason` text,
	`decided_by_id` integer,
	`date_time` text,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approver_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `order_approvals_order` ON `order_approvals` (`order_id`);--> statement-breakpoint
CREATE TABLE `order_history` (
	`id` integer PRIMARY KEY NOT NULL,
	`order_id` integer NOT NULL,
	`segment_id` integer,
	`date_time` text NOT NULL,
	`status` text NOT NULL,
	`description` text NOT NULL,
	`actor_id` integer,
	`requested_by_id` integer,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `order_history_order` ON `order_history` (`order_id`);--> statement-breakpoint
CREATE TABLE `order_property_definitions` (
	`id` integer PRIMARY KEY NOT NULL,
	`tenant_id` integer NOT NULL,
	`vendor_id` integer NOT NULL,
	`transaction_type` text NOT NULL,
	`group_id` text NOT NULL,
	`position` integer NOT NULL,
	`definition` text NOT NULL,
	`applies_when` text DEFAULT 'ALWAYS' NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`vendor_id`) REFERENCES `vendors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `order_property_definitions_lookup` ON `order_property_definitions` (`tenant_id`,`vendor_id`,`transaction_type`);--> statement-breakpoint
CREATE TABLE `order_segments` (
	`id` integer PRIMARY KEY NOT NULL,
	`order_id` integer NOT NULL,
	`position` integer NOT NULL,
	`status` text NOT NULL,
	`body` text NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `order_segments_order` ON `order_segments` (`order_id`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` integer PRIMARY KEY NOT NULL,
	`tenant_id` integer NOT NULL,
	`transaction_type` text NOT NULL,
	`status` text NOT NULL,
	`external_order_number` text,
	`account_holder_id` integer NOT NULL,
	`requested_by_id` integer NOT NULL,
	`service_id` integer,
	`service_number` text,
	`request` text NOT NULL,
	`confirmation` text NOT NULL,
	`properties` text NOT NULL,
	`ship_to` text NOT NULL,
	`approver_id` integer,
	`date_submitted` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_holder_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approver_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `orders_tenant_updated` ON `orders` (`tenant_id`,`updated_at`);--> statement-breakpoint
CREATE INDEX `orders_account_holder` ON `orders` (`tenant_id`,`account_holder_id`);--> statement-breakpoint
CREATE INDEX `orders_service` ON `orders` (`service_id`,`status`);--> statement-breakpoint
CREATE INDEX `orders_approver` ON `orders` (`tenant_id`,`approver_id`,`status`);--> statement-breakpoint
CREATE TABLE `plan_features` (
	`plan_id` integer NOT NULL,
	`feature_id` integer NOT NULL,
	PRIMARY KEY(`plan_id`, `feature_id`),
	FOREIGN KEY (`plan_id`) REFERENCES `catalog_plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`feature_id`) REFERENCES `features`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `regions` (
	`id` integer PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`name` text NOT NULL,
	`abbreviation` text,
	`parent_id` integer,
	`country_code` text,
	`currency_code` text,
	`currency_name` text,
	`currency_symbol` text,
	`postal_code_pattern` text,
	`postal_code_regex` text,
	`address_format` text
);
--> statement-breakpoint
CREATE INDEX `regions_parent` ON `regions` (`parent_id`);--> statement-breakpoint
CREATE TABLE `service_features` (
	`service_id` integer NOT NULL,
	`feature_id` integer NOT NULL,
	PRIMARY KEY(`service_id`, `feature_id`),
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`feature_id`) REFERENCES `features`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `services` (
	`id` integer PRIMARY KEY NOT NULL,
	`tenant_id` integer NOT NULL,
	`service_number` text NOT NULL,
	`status` text NOT NULL,
	`plan_id` integer,
	`billing_vendor_id` integer NOT NULL,
	`current_vendor_id` integer NOT NULL,
	`employee_id` integer,
	`device_asset_id` integer,
	`region_id` integer NOT NULL,
	`upgrade_eligibility_date` text,
	`contract_start` text,
	`contract_end` text,
	`activated` text,
	`last_device_upgrade` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`plan_id`) REFERENCES `catalog_plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`billing_vendor_id`) REFERENCES `vendors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`current_vendor_id`) REFERENCES `vendors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`device_asset_id`) REFERENCES `device_assets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `services_employee` ON `services` (`tenant_id`,`employee_id`);--> statement-breakpoint
CREATE INDEX `services_updated` ON `services` (`tenant_id`,`updated_at`);--> statement-breakpoint
CREATE TABLE `shipments` (
	`id` integer PRIMARY KEY NOT NULL,
	`order_id` integer NOT NULL,
	`segment_id` integer,
	`carrier` text NOT NULL,
	`tracking_number` text NOT NULL,
	`tracking_url` text,
	`date_shipped` text NOT NULL,
	`items` text NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `shipments_order` ON `shipments` (`order_id`);--> statement-breakpoint
CREATE TABLE `tenants` (
	`id` integer PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`approval_policy` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tenants_code_unique` ON `tenants` (`code`);--> statement-breakpoint
CREATE TABLE `transaction_type_restrictions` (
	`id` integer PRIMARY KEY NOT NULL,
	`tenant_id` integer NOT NULL,
	`employee_id` integer,
	`department_id` integer,
	`transaction_type` text NOT NULL,
	`reason` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `vendors` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`logo_url` text,
	`type` text NOT NULL,
	`region_id` integer,
	`access_method` text NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
