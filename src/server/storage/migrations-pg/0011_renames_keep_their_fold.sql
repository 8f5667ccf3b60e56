-- Hand-written (decision 19), as SQLite's migration 0018: a name, e-mail or catalog name changed by
-- SQL that leaves its folded column as it was gets lower() at once (exact for ASCII under the C
-- collation) and marks the search fold stale (version 0), so the server rewrites it with
-- JavaScript's fold within seconds, or at its next start. AFTER triggers with an UPDATE of their own:
-- a BEFORE trigger's change to NEW would not fire the prefix counts' UPDATE OF trigger.
CREATE OR REPLACE FUNCTION "employees_renamed_fold"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "employees" SET
    "first_name_folded" = CASE WHEN NEW."first_name" IS DISTINCT FROM OLD."first_name" AND NEW."first_name_folded" IS NOT DISTINCT FROM OLD."first_name_folded" THEN lower(NEW."first_name") ELSE NEW."first_name_folded" END,
    "last_name_folded" = CASE WHEN NEW."last_name" IS DISTINCT FROM OLD."last_name" AND NEW."last_name_folded" IS NOT DISTINCT FROM OLD."last_name_folded" THEN lower(NEW."last_name") ELSE NEW."last_name_folded" END,
    "email_folded" = CASE WHEN NEW."email" IS DISTINCT FROM OLD."email" AND NEW."email_folded" IS NOT DISTINCT FROM OLD."email_folded" THEN lower(NEW."email") ELSE NEW."email_folded" END
  WHERE "id" = NEW."id";
  UPDATE "search_fold" SET "version" = 0;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "employees_renamed_fold" AFTER UPDATE OF "first_name", "last_name", "email" ON "employees"
  FOR EACH ROW WHEN (
    (NEW."first_name" IS DISTINCT FROM OLD."first_name" AND NEW."first_name_folded" IS NOT DISTINCT FROM OLD."first_name_folded")
    OR (NEW."last_name" IS DISTINCT FROM OLD."last_name" AND NEW."last_name_folded" IS NOT DISTINCT FROM OLD."last_name_folded")
    OR (NEW."email" IS DISTINCT FROM OLD."email" AND NEW."email_folded" IS NOT DISTINCT FROM OLD."email_folded"))
  EXECUTE FUNCTION "employees_renamed_fold"();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "catalog_renamed_fold"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('UPDATE %I SET "name_folded" = lower($1) WHERE "id" = $2', TG_TABLE_NAME) USING NEW."name", NEW."id";
  UPDATE "search_fold" SET "version" = 0;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "catalog_devices_renamed_fold" AFTER UPDATE OF "name" ON "catalog_devices"
  FOR EACH ROW WHEN (NEW."name" IS DISTINCT FROM OLD."name" AND NEW."name_folded" IS NOT DISTINCT FROM OLD."name_folded")
  EXECUTE FUNCTION "catalog_renamed_fold"();
--> statement-breakpoint
CREATE TRIGGER "catalog_plans_renamed_fold" AFTER UPDATE OF "name" ON "catalog_plans"
  FOR EACH ROW WHEN (NEW."name" IS DISTINCT FROM OLD."name" AND NEW."name_folded" IS NOT DISTINCT FROM OLD."name_folded")
  EXECUTE FUNCTION "catalog_renamed_fold"();
--> statement-breakpoint
CREATE TRIGGER "catalog_accessories_renamed_fold" AFTER UPDATE OF "name" ON "catalog_accessories"
  FOR EACH ROW WHEN (NEW."name" IS DISTINCT FROM OLD."name" AND NEW."name_folded" IS NOT DISTINCT FROM OLD."name_folded")
  EXECUTE FUNCTION "catalog_renamed_fold"();
