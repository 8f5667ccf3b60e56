DROP INDEX "orders_account_holder";--> statement-breakpoint
CREATE INDEX "order_approvals_approver" ON "order_approvals" USING btree ("approver_id","decision");--> statement-breakpoint
CREATE INDEX "order_approvals_group" ON "order_approvals" USING btree ("approver_group_id","decision");--> statement-breakpoint
CREATE INDEX "order_approvals_decided_by" ON "order_approvals" USING btree ("decided_by_id");--> statement-breakpoint
CREATE INDEX "order_approvals_on_behalf_of" ON "order_approvals" USING btree ("on_behalf_of_id");--> statement-breakpoint
CREATE INDEX "orders_requested_by" ON "orders" USING btree ("requested_by_id");--> statement-breakpoint
CREATE INDEX "orders_status" ON "orders" USING btree ("tenant_id","status","updated_at");--> statement-breakpoint
CREATE INDEX "orders_account_holder" ON "orders" USING btree ("tenant_id","account_holder_id","status","transaction_type","updated_at","date_submitted","requested_by_id");