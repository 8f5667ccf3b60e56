CREATE TABLE "employee_prefix_counts" (
	"tenant_id" integer NOT NULL,
	"prefix" text NOT NULL,
	"employees" integer NOT NULL,
	CONSTRAINT "employee_prefix_counts_tenant_id_prefix_pk" PRIMARY KEY("tenant_id","prefix")
);
--> statement-breakpoint
DROP INDEX "employees_first_name_lower";--> statement-breakpoint
DROP INDEX "employees_last_name_lower";--> statement-breakpoint
DROP INDEX "employees_email_lower";--> statement-breakpoint
CREATE INDEX "delegates_delegate" ON "delegates" USING btree ("delegate_id");--> statement-breakpoint
CREATE INDEX "device_assets_updated" ON "device_assets" USING btree ("tenant_id","updated_at");--> statement-breakpoint
CREATE INDEX "employees_department" ON "employees" USING btree ("tenant_id","department_id",lower("last_name"),lower("first_name"));--> statement-breakpoint
CREATE INDEX "employees_updated" ON "employees" USING btree ("tenant_id","updated_at");--> statement-breakpoint
CREATE INDEX "employees_first_name_prefix1" ON "employees" USING btree ("tenant_id",substr(lower("first_name"), 1, 1),lower("last_name"),lower("first_name"));--> statement-breakpoint
CREATE INDEX "employees_email_prefix1" ON "employees" USING btree ("tenant_id",substr(lower("email"), 1, 1),lower("last_name"),lower("first_name"));--> statement-breakpoint
CREATE INDEX "employees_first_name_prefix2" ON "employees" USING btree ("tenant_id",substr(lower("first_name"), 1, 2),lower("last_name"),lower("first_name"));--> statement-breakpoint
CREATE INDEX "employees_email_prefix2" ON "employees" USING btree ("tenant_id",substr(lower("email"), 1, 2),lower("last_name"),lower("first_name"));--> statement-breakpoint
CREATE INDEX "employees_service_accounts" ON "employees" USING btree ("tenant_id") WHERE "employees"."is_service_account" = true;--> statement-breakpoint
CREATE INDEX "orders_type" ON "orders" USING btree ("tenant_id","transaction_type","updated_at");--> statement-breakpoint
CREATE INDEX "services_number_prefix1" ON "services" USING btree ("tenant_id",substr("service_number", 1, 1),"updated_at");--> statement-breakpoint
CREATE INDEX "services_digits_prefix1" ON "services" USING btree ("tenant_id",substr(replace(replace(replace(replace(replace(replace("service_number", ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', ''), 1, 1),"updated_at");--> statement-breakpoint
CREATE INDEX "services_number_prefix2" ON "services" USING btree ("tenant_id",substr("service_number", 1, 2),"updated_at");--> statement-breakpoint
CREATE INDEX "services_digits_prefix2" ON "services" USING btree ("tenant_id",substr(replace(replace(replace(replace(replace(replace("service_number", ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', ''), 1, 2),"updated_at");--> statement-breakpoint
-- Written by hand (drizzle-kit does not write triggers): employee_prefix_counts kept exact, as
-- SQLite's migration 0010 does. Each employee counts once under '' and once under each distinct
-- one- and two-character prefix of its lower-cased last name, first name and e-mail.
CREATE FUNCTION "employee_prefix_counts_keep"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR TG_OP = 'UPDATE' THEN
    UPDATE "employee_prefix_counts" SET "employees" = "employees" - 1
    WHERE "tenant_id" = OLD."tenant_id" AND "prefix" IN (
      '', substr(lower(OLD."last_name"), 1, 1), substr(lower(OLD."last_name"), 1, 2),
      substr(lower(OLD."first_name"), 1, 1), substr(lower(OLD."first_name"), 1, 2),
      substr(lower(OLD."email"), 1, 1), substr(lower(OLD."email"), 1, 2));
  END IF;
  IF TG_OP = 'INSERT' OR TG_OP = 'UPDATE' THEN
    INSERT INTO "employee_prefix_counts" ("tenant_id", "prefix", "employees")
    SELECT DISTINCT NEW."tenant_id", "prefix", 1 FROM unnest(ARRAY[
      '', substr(lower(NEW."last_name"), 1, 1), substr(lower(NEW."last_name"), 1, 2),
      substr(lower(NEW."first_name"), 1, 1), substr(lower(NEW."first_name"), 1, 2),
      substr(lower(NEW."email"), 1, 1), substr(lower(NEW."email"), 1, 2)]) AS "prefix"
    ON CONFLICT ("tenant_id", "prefix") DO UPDATE SET "employees" = "employee_prefix_counts"."employees" + 1;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "employee_prefix_counts_insert" AFTER INSERT ON "employees"
  FOR EACH ROW EXECUTE FUNCTION "employee_prefix_counts_keep"();
--> statement-breakpoint
CREATE TRIGGER "employee_prefix_counts_delete" AFTER DELETE ON "employees"
  FOR EACH ROW EXECUTE FUNCTION "employee_prefix_counts_keep"();
--> statement-breakpoint
CREATE TRIGGER "employee_prefix_counts_update" AFTER UPDATE OF "tenant_id", "last_name", "first_name", "email" ON "employees"
  FOR EACH ROW EXECUTE FUNCTION "employee_prefix_counts_keep"();
