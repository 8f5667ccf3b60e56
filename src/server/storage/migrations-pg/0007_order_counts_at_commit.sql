-- Kept counts are updated when the transaction commits, not when its row is written (PostgreSQL only;
-- SQLite has one writer, so its triggers stay as they are). Every order of a tenant adds one to the
-- tenant's count row and to the subtree counts of everyone above its holder (the top manager's row
-- among them); a trigger that ran at the insert held those rows' locks through the rest of the
-- submit (history, approvals, outbox, a round trip each), so concurrent submits of a tenant queued
-- behind one another on the top manager's row. A deferred constraint trigger runs the same function
-- with the same OLD/NEW at COMMIT, so the hot rows are locked only while the commit finishes.
DROP TRIGGER "tenant_order_counts_insert" ON "orders";
--> statement-breakpoint
DROP TRIGGER "tenant_order_counts_delete" ON "orders";
--> statement-breakpoint
DROP TRIGGER "tenant_order_counts_update" ON "orders";
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "tenant_order_counts_insert" AFTER INSERT ON "orders" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION "tenant_order_counts_keep"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "tenant_order_counts_delete" AFTER DELETE ON "orders" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION "tenant_order_counts_keep"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "tenant_order_counts_update" AFTER UPDATE OF "tenant_id" ON "orders" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (OLD."tenant_id" IS DISTINCT FROM NEW."tenant_id") EXECUTE FUNCTION "tenant_order_counts_keep"();
--> statement-breakpoint
DROP TRIGGER "subtree_order_counts_insert" ON "orders";
--> statement-breakpoint
DROP TRIGGER "subtree_order_counts_delete" ON "orders";
--> statement-breakpoint
DROP TRIGGER "subtree_order_counts_update" ON "orders";
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "subtree_order_counts_insert" AFTER INSERT ON "orders" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION "subtree_order_counts_keep"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "subtree_order_counts_delete" AFTER DELETE ON "orders" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION "subtree_order_counts_keep"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "subtree_order_counts_update" AFTER UPDATE OF "account_holder_id" ON "orders" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (OLD."account_holder_id" IS DISTINCT FROM NEW."account_holder_id") EXECUTE FUNCTION "subtree_order_counts_keep"();
--> statement-breakpoint
DROP TRIGGER "subtree_service_counts_insert" ON "services";
--> statement-breakpoint
DROP TRIGGER "subtree_service_counts_delete" ON "services";
--> statement-breakpoint
DROP TRIGGER "subtree_service_counts_update" ON "services";
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "subtree_service_counts_insert" AFTER INSERT ON "services" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION "subtree_service_counts_keep"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "subtree_service_counts_delete" AFTER DELETE ON "services" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION "subtree_service_counts_keep"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "subtree_service_counts_update" AFTER UPDATE OF "employee_id" ON "services" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (OLD."employee_id" IS DISTINCT FROM NEW."employee_id") EXECUTE FUNCTION "subtree_service_counts_keep"();
--> statement-breakpoint
DROP TRIGGER "tenant_device_counts_insert" ON "device_assets";
--> statement-breakpoint
DROP TRIGGER "tenant_device_counts_delete" ON "device_assets";
--> statement-breakpoint
DROP TRIGGER "tenant_device_counts_update" ON "device_assets";
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "tenant_device_counts_insert" AFTER INSERT ON "device_assets" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION "tenant_device_counts_keep"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "tenant_device_counts_delete" AFTER DELETE ON "device_assets" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION "tenant_device_counts_keep"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "tenant_device_counts_update" AFTER UPDATE OF "tenant_id" ON "device_assets" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (OLD."tenant_id" IS DISTINCT FROM NEW."tenant_id") EXECUTE FUNCTION "tenant_device_counts_keep"();
