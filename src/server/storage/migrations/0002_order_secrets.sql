CREATE TABLE `order_secrets` (
	`order_id` integer NOT NULL,
	`group_id` text NOT NULL,
	`field_id` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`order_id`, `group_id`, `field_id`),
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
