CREATE TABLE `authorization_codes` (
	`code_hash` text PRIMARY KEY NOT NULL,
	`grant_id` text NOT NULL,
	`client_id` text NOT NULL,
	`redirect_uri` text NOT NULL,
	`code_challenge` text NOT NULL,
	`tenant_id` integer NOT NULL,
	`employee_id` integer NOT NULL,
	`scope` text NOT NULL,
	`expires_at` text NOT NULL,
	`used_at` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `employee_roles` (
	`tenant_id` integer NOT NULL,
	`employee_id` integer NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`employee_id`, `role`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `clients` ADD `redirect_uris` text;--> statement-breakpoint
-- The demo client's secret, seeded before as a slow scrypt hash with a fixed salt, becomes the fast keyed hash its seed now writes.
UPDATE `clients` SET `secret_hash` = 'hmac-sha256$bW9icHJvYy1kZW1vLWNsaWVudA$fKK4LlLcKDVTIJ-MZQwbId63a3xHdYcZJYHuZ1d4U-c' WHERE `client_id` = 'servicedesk-app' AND `secret_hash` = 'scrypt$16384$8$1$bW9icHJvYy1kZW1vLWNsaWVudA$a85JYOiOPoK83vXiDxF0KEJx6810x1-WVqmnc-2Ez0U';
--> statement-breakpoint
UPDATE `clients` SET `redirect_uris` = '["http://127.0.0.1/sign-in/callback","http://localhost/sign-in/callback","http://[::1]/sign-in/callback"]' WHERE `client_id` = 'mobproc-web' AND `redirect_uris` IS NULL;
