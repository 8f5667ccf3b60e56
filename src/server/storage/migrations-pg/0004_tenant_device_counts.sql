CREATE TABLE "tenant_device_counts" (
	"tenant_id" integer PRIMARY KEY NOT NULL,
	"devices" integer NOT NULL
);
--> statement-breakpoint
-- The per-tenant device count (schema.pg.ts `tenantDeviceCounts`), kept exact by triggers, as on SQLite.
CREATE FUNCTION "tenant_device_counts_keep"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR TG_OP = 'UPDATE' THEN
    UPDATE "tenant_device_counts" SET "devices" = "devices" - 1 WHERE "tenant_id" = OLD."tenant_id";
  END IF;
  IF TG_OP = 'INSERT' OR TG_OP = 'UPDATE' THEN
    INSERT INTO "tenant_device_counts" ("tenant_id", "devices") VALUES (NEW."tenant_id", 1)
    ON CONFLICT ("tenant_id") DO UPDATE SET "devices" = "tenant_device_counts"."devices" + 1;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "tenant_device_counts_insert" AFTER INSERT ON "device_assets"
  FOR EACH ROW EXECUTE FUNCTION "tenant_device_counts_keep"();
--> statement-breakpoint
CREATE TRIGGER "tenant_device_counts_delete" AFTER DELETE ON "device_assets"
  FOR EACH ROW EXECUTE FUNCTION "tenant_device_counts_keep"();
--> statement-breakpoint
CREATE TRIGGER "tenant_device_counts_update" AFTER UPDATE OF "tenant_id" ON "device_assets"
  FOR EACH ROW WHEN (OLD."tenant_id" IS DISTINCT FROM NEW."tenant_id") EXECUTE FUNCTION "tenant_device_counts_keep"();
--> statement-breakpoint
-- Data update: count the devices that exist already.
INSERT INTO "tenant_device_counts" ("tenant_id", "devices") SELECT "tenant_id", count(*) FROM "device_assets" GROUP BY "tenant_id";
