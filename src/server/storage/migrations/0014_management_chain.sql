CREATE TABLE `employee_chain` (
	`employee_id` integer NOT NULL,
	`ancestor_id` integer NOT NULL,
	PRIMARY KEY(`employee_id`, `ancestor_id`)
);
--> statement-breakpoint
CREATE INDEX `employee_chain_ancestor` ON `employee_chain` (`ancestor_id`,`employee_id`);--> statement-breakpoint
CREATE TABLE `subtree_order_counts` (
	`employee_id` integer PRIMARY KEY NOT NULL,
	`orders` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `subtree_people_counts` (
	`employee_id` integer PRIMARY KEY NOT NULL,
	`people` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `subtree_service_counts` (
	`employee_id` integer PRIMARY KEY NOT NULL,
	`services` integer NOT NULL
);
--> statement-breakpoint
-- The flattened management chain and each subtree's order, service and people counts (schema.ts
-- `employeeChain`, `subtreeOrderCounts`, `subtreeServiceCounts`, `subtreePeopleCounts`), kept exact
-- by triggers. SQLite allows no recursive query inside a trigger,
-- so each change reads the chain rows it needs instead of walking the hierarchy.
-- A new person joins below their manager. People who named them manager before they existed (a seed
-- may add reports first) come along below them, with their orders, as in a move.
CREATE TRIGGER `employee_chain_insert` AFTER INSERT ON `employees` BEGIN
  INSERT INTO `employee_chain` (`employee_id`, `ancestor_id`) VALUES (new.`id`, new.`id`);
  INSERT INTO `employee_chain` (`employee_id`, `ancestor_id`)
    SELECT `employee_id`, new.`id` FROM `employee_chain`
    WHERE `ancestor_id` IN (SELECT `id` FROM `employees` WHERE `manager_id` = new.`id` AND `id` <> new.`id`);
  INSERT INTO `employee_chain` (`employee_id`, `ancestor_id`)
    SELECT below.`employee_id`, above.`ancestor_id` FROM `employee_chain` below, `employee_chain` above
    WHERE below.`ancestor_id` = new.`id` AND above.`employee_id` = new.`manager_id`;
  INSERT INTO `subtree_order_counts` (`employee_id`, `orders`)
    SELECT above.`ancestor_id`, reports.`orders`
    FROM (SELECT coalesce(sum(`orders`), 0) AS `orders` FROM `subtree_order_counts`
          WHERE `employee_id` IN (SELECT `id` FROM `employees` WHERE `manager_id` = new.`id` AND `id` <> new.`id`)) reports,
      `employee_chain` above
    WHERE above.`employee_id` = new.`id` AND reports.`orders` <> 0
    ON CONFLICT (`employee_id`) DO UPDATE SET `orders` = `orders` + excluded.`orders`;
  INSERT INTO `subtree_service_counts` (`employee_id`, `services`)
    SELECT above.`ancestor_id`, reports.`services`
    FROM (SELECT coalesce(sum(`services`), 0) AS `services` FROM `subtree_service_counts`
          WHERE `employee_id` IN (SELECT `id` FROM `employees` WHERE `manager_id` = new.`id` AND `id` <> new.`id`)) reports,
      `employee_chain` above
    WHERE above.`employee_id` = new.`id` AND reports.`services` <> 0
    ON CONFLICT (`employee_id`) DO UPDATE SET `services` = `services` + excluded.`services`;
END;
--> statement-breakpoint
-- A person moving to another manager takes everyone below them along: the subtree's orders leave
-- the counts of the managers above it and join those of the new ones, and the subtree's links to
-- the old managers are replaced by links to the new. Moving someone below themselves fails on the
-- key (their own row would be inserted again).
CREATE TRIGGER `employee_chain_move` AFTER UPDATE OF `manager_id` ON `employees` WHEN old.`manager_id` IS NOT new.`manager_id` BEGIN
  UPDATE `subtree_order_counts`
    SET `orders` = `orders` - coalesce((SELECT `orders` FROM `subtree_order_counts` WHERE `employee_id` = new.`id`), 0)
    WHERE `employee_id` IN (SELECT `ancestor_id` FROM `employee_chain` WHERE `employee_id` = new.`id` AND `ancestor_id` <> new.`id`);
  UPDATE `subtree_service_counts`
    SET `services` = `services` - coalesce((SELECT `services` FROM `subtree_service_counts` WHERE `employee_id` = new.`id`), 0)
    WHERE `employee_id` IN (SELECT `ancestor_id` FROM `employee_chain` WHERE `employee_id` = new.`id` AND `ancestor_id` <> new.`id`);
  DELETE FROM `employee_chain`
    WHERE `employee_id` IN (SELECT `employee_id` FROM `employee_chain` WHERE `ancestor_id` = new.`id`)
      AND `ancestor_id` IN (SELECT `ancestor_id` FROM `employee_chain` WHERE `employee_id` = new.`id` AND `ancestor_id` <> new.`id`);
  INSERT INTO `employee_chain` (`employee_id`, `ancestor_id`)
    SELECT below.`employee_id`, above.`ancestor_id` FROM `employee_chain` below, `employee_chain` above
    WHERE below.`ancestor_id` = new.`id` AND above.`employee_id` = new.`manager_id`;
  INSERT INTO `subtree_order_counts` (`employee_id`, `orders`)
    SELECT `ancestor_id`, coalesce((SELECT `orders` FROM `subtree_order_counts` WHERE `employee_id` = new.`id`), 0)
    FROM `employee_chain` WHERE `employee_id` = new.`id` AND `ancestor_id` <> new.`id`
    ON CONFLICT (`employee_id`) DO UPDATE SET `orders` = `orders` + excluded.`orders`;
  INSERT INTO `subtree_service_counts` (`employee_id`, `services`)
    SELECT `ancestor_id`, coalesce((SELECT `services` FROM `subtree_service_counts` WHERE `employee_id` = new.`id`), 0)
    FROM `employee_chain` WHERE `employee_id` = new.`id` AND `ancestor_id` <> new.`id`
    ON CONFLICT (`employee_id`) DO UPDATE SET `services` = `services` + excluded.`services`;
END;
--> statement-breakpoint
CREATE TRIGGER `employee_chain_delete` AFTER DELETE ON `employees` BEGIN
  DELETE FROM `employee_chain` WHERE `employee_id` = old.`id` OR `ancestor_id` = old.`id`;
  DELETE FROM `subtree_order_counts` WHERE `employee_id` = old.`id`;
  DELETE FROM `subtree_service_counts` WHERE `employee_id` = old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `subtree_order_counts_insert` AFTER INSERT ON `orders` BEGIN
  INSERT INTO `subtree_order_counts` (`employee_id`, `orders`)
    SELECT `ancestor_id`, 1 FROM `employee_chain` WHERE `employee_id` = new.`account_holder_id`
    ON CONFLICT (`employee_id`) DO UPDATE SET `orders` = `orders` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `subtree_order_counts_delete` AFTER DELETE ON `orders` BEGIN
  UPDATE `subtree_order_counts` SET `orders` = `orders` - 1
    WHERE `employee_id` IN (SELECT `ancestor_id` FROM `employee_chain` WHERE `employee_id` = old.`account_holder_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `subtree_order_counts_update` AFTER UPDATE OF `account_holder_id` ON `orders` WHEN old.`account_holder_id` IS NOT new.`account_holder_id` BEGIN
  UPDATE `subtree_order_counts` SET `orders` = `orders` - 1
    WHERE `employee_id` IN (SELECT `ancestor_id` FROM `employee_chain` WHERE `employee_id` = old.`account_holder_id`);
  INSERT INTO `subtree_order_counts` (`employee_id`, `orders`)
    SELECT `ancestor_id`, 1 FROM `employee_chain` WHERE `employee_id` = new.`account_holder_id`
    ON CONFLICT (`employee_id`) DO UPDATE SET `orders` = `orders` + 1;
END;
--> statement-breakpoint
-- A person counts for everyone at or above them: one count per chain row, whatever wrote it.
CREATE TRIGGER `subtree_people_counts_insert` AFTER INSERT ON `employee_chain` BEGIN
  INSERT INTO `subtree_people_counts` (`employee_id`, `people`) VALUES (new.`ancestor_id`, 1)
  ON CONFLICT (`employee_id`) DO UPDATE SET `people` = `people` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `subtree_people_counts_delete` AFTER DELETE ON `employee_chain` BEGIN
  UPDATE `subtree_people_counts` SET `people` = `people` - 1 WHERE `employee_id` = old.`ancestor_id`;
END;
--> statement-breakpoint
-- A line counts for its owner and everyone above them; a line moving to another owner (or to
-- none, transferred out) moves its count.
CREATE TRIGGER `subtree_service_counts_insert` AFTER INSERT ON `services` WHEN new.`employee_id` IS NOT NULL BEGIN
  INSERT INTO `subtree_service_counts` (`employee_id`, `services`)
    SELECT `ancestor_id`, 1 FROM `employee_chain` WHERE `employee_id` = new.`employee_id`
    ON CONFLICT (`employee_id`) DO UPDATE SET `services` = `services` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `subtree_service_counts_delete` AFTER DELETE ON `services` WHEN old.`employee_id` IS NOT NULL BEGIN
  UPDATE `subtree_service_counts` SET `services` = `services` - 1
    WHERE `employee_id` IN (SELECT `ancestor_id` FROM `employee_chain` WHERE `employee_id` = old.`employee_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `subtree_service_counts_update` AFTER UPDATE OF `employee_id` ON `services` WHEN old.`employee_id` IS NOT new.`employee_id` BEGIN
  UPDATE `subtree_service_counts` SET `services` = `services` - 1
    WHERE `employee_id` IN (SELECT `ancestor_id` FROM `employee_chain` WHERE `employee_id` = old.`employee_id`);
  INSERT INTO `subtree_service_counts` (`employee_id`, `services`)
    SELECT `ancestor_id`, 1 FROM `employee_chain` WHERE `employee_id` = new.`employee_id`
    ON CONFLICT (`employee_id`) DO UPDATE SET `services` = `services` + 1;
END;
--> statement-breakpoint
-- Data update: the chain of everyone already there (as the management-chain queries walk it, at
-- most 64 levels), then each subtree's orders and services (the people are counted by
-- their trigger as the chain is written).
WITH RECURSIVE `up`(`employee_id`, `ancestor_id`, `depth`) AS (
  SELECT `id`, `id`, 0 FROM `employees`
  UNION ALL
  SELECT `up`.`employee_id`, e.`manager_id`, `up`.`depth` + 1 FROM `up` JOIN `employees` e ON e.`id` = `up`.`ancestor_id`
  WHERE e.`manager_id` IS NOT NULL AND `up`.`depth` < 64
)
INSERT INTO `employee_chain` (`employee_id`, `ancestor_id`) SELECT DISTINCT `employee_id`, `ancestor_id` FROM `up`;
--> statement-breakpoint
INSERT INTO `subtree_order_counts` (`employee_id`, `orders`)
  SELECT c.`ancestor_id`, count(*) FROM `orders` o JOIN `employee_chain` c ON c.`employee_id` = o.`account_holder_id` GROUP BY c.`ancestor_id`;
--> statement-breakpoint
INSERT INTO `subtree_service_counts` (`employee_id`, `services`)
  SELECT c.`ancestor_id`, count(*) FROM `services` s JOIN `employee_chain` c ON c.`employee_id` = s.`employee_id` GROUP BY c.`ancestor_id`;
