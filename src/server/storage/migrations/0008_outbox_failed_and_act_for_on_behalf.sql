ALTER TABLE `email_outbox` ADD `failed_at` text;--> statement-breakpoint
-- Data update (hand-written): a person level decided by someone other than its approver, with no
-- on_behalf_of_id, was decided by someone acting for the approver (an approval delegate's decision
-- names the approver already). Record the approver as whose decision it was, as decisions.ts now
-- does, so "decided by me" and onBehalfOf read old decisions as they read new ones.
UPDATE `order_approvals` SET `on_behalf_of_id` = `approver_id`
  WHERE `approver_id` IS NOT NULL AND `decided_by_id` IS NOT NULL AND `decided_by_id` <> `approver_id` AND `on_behalf_of_id` IS NULL;
