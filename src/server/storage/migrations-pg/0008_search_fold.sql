CREATE TABLE "search_fold" (
	"version" integer PRIMARY KEY NOT NULL
);
--> statement-breakpoint
DROP INDEX "employees_first_name_prefix1";--> statement-breakpoint
DROP INDEX "employees_email_prefix1";--> statement-breakpoint
DROP INDEX "employees_first_name_prefix2";--> statement-breakpoint
DROP INDEX "employees_email_prefix2";--> statement-breakpoint
-- Edited by hand: the columns are added empty, filled (the data update below) and only then made NOT
-- NULL, as a NOT NULL column cannot be added to a table with rows and no default.
ALTER TABLE "employees" ADD COLUMN "first_name_folded" text;--> statement-breakpoint
ALTER TABLE "employees" ADD COLUMN "last_name_folded" text;--> statement-breakpoint
ALTER TABLE "employees" ADD COLUMN "email_folded" text;--> statement-breakpoint
-- Data update: fold the existing rows as far as SQL can (ASCII under the C collation); the server
-- refolds every row with JavaScript's fold at its next start (storage/db.ts `refoldSearchText`),
-- as version 0 below tells it.
UPDATE "employees" SET "first_name_folded" = lower("first_name"), "last_name_folded" = lower("last_name"), "email_folded" = lower("email");--> statement-breakpoint
ALTER TABLE "employees" ALTER COLUMN "first_name_folded" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "employees" ALTER COLUMN "last_name_folded" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "employees" ALTER COLUMN "email_folded" SET NOT NULL;--> statement-breakpoint
INSERT INTO "search_fold" ("version") VALUES (0);--> statement-breakpoint
CREATE INDEX "employees_last_name_prefix1" ON "employees" USING btree ("tenant_id",substr("last_name_folded", 1, 1),lower("last_name"),lower("first_name"));--> statement-breakpoint
CREATE INDEX "employees_last_name_prefix2" ON "employees" USING btree ("tenant_id",substr("last_name_folded", 1, 2),lower("last_name"),lower("first_name"));--> statement-breakpoint
CREATE INDEX "employees_first_name_prefix1" ON "employees" USING btree ("tenant_id",substr("first_name_folded", 1, 1),lower("last_name"),lower("first_name"));--> statement-breakpoint
CREATE INDEX "employees_email_prefix1" ON "employees" USING btree ("tenant_id",substr("email_folded", 1, 1),lower("last_name"),lower("first_name"));--> statement-breakpoint
CREATE INDEX "employees_first_name_prefix2" ON "employees" USING btree ("tenant_id",substr("first_name_folded", 1, 2),lower("last_name"),lower("first_name"));--> statement-breakpoint
CREATE INDEX "employees_email_prefix2" ON "employees" USING btree ("tenant_id",substr("email_folded", 1, 2),lower("last_name"),lower("first_name"));--> statement-breakpoint
-- Hand-written below (decision 19). The search matches the folded columns only, with LIKE, so no
-- engine folds case on its own: the trigram indexes move to the folded expressions, and the prefix
-- counts count the folded prefixes.
DROP INDEX "employees_search_name";--> statement-breakpoint
DROP INDEX "employees_search_email";--> statement-breakpoint
CREATE INDEX "employees_search_name" ON "employees" USING gin (("first_name_folded" || ' ' || "last_name_folded") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "employees_search_email" ON "employees" USING gin ("email_folded" gin_trgm_ops);--> statement-breakpoint
CREATE OR REPLACE FUNCTION "employee_prefix_counts_keep"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR TG_OP = 'UPDATE' THEN
    UPDATE "employee_prefix_counts" SET "employees" = "employees" - 1
    WHERE "tenant_id" = OLD."tenant_id" AND "prefix" IN (
      '', substr(OLD."last_name_folded", 1, 1), substr(OLD."last_name_folded", 1, 2),
      substr(OLD."first_name_folded", 1, 1), substr(OLD."first_name_folded", 1, 2),
      substr(OLD."email_folded", 1, 1), substr(OLD."email_folded", 1, 2));
  END IF;
  IF TG_OP = 'INSERT' OR TG_OP = 'UPDATE' THEN
    INSERT INTO "employee_prefix_counts" ("tenant_id", "prefix", "employees")
    SELECT DISTINCT NEW."tenant_id", "prefix", 1 FROM unnest(ARRAY[
      '', substr(NEW."last_name_folded", 1, 1), substr(NEW."last_name_folded", 1, 2),
      substr(NEW."first_name_folded", 1, 1), substr(NEW."first_name_folded", 1, 2),
      substr(NEW."email_folded", 1, 1), substr(NEW."email_folded", 1, 2)]) AS "prefix"
    ON CONFLICT ("tenant_id", "prefix") DO UPDATE SET "employees" = "employee_prefix_counts"."employees" + 1;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
DROP TRIGGER "employee_prefix_counts_update" ON "employees";--> statement-breakpoint
CREATE TRIGGER "employee_prefix_counts_update" AFTER UPDATE OF "tenant_id", "last_name_folded", "first_name_folded", "email_folded" ON "employees"
  FOR EACH ROW EXECUTE FUNCTION "employee_prefix_counts_keep"();
--> statement-breakpoint
-- Data update: the prefix counts, from the folded columns.
DELETE FROM "employee_prefix_counts";--> statement-breakpoint
INSERT INTO "employee_prefix_counts" ("tenant_id", "prefix", "employees")
SELECT e."tenant_id", p."prefix", count(*) FROM "employees" e CROSS JOIN LATERAL (SELECT DISTINCT "prefix" FROM unnest(ARRAY[
  '', substr(e."last_name_folded", 1, 1), substr(e."last_name_folded", 1, 2),
  substr(e."first_name_folded", 1, 1), substr(e."first_name_folded", 1, 2),
  substr(e."email_folded", 1, 1), substr(e."email_folded", 1, 2)]) AS "prefix") p
GROUP BY e."tenant_id", p."prefix";
