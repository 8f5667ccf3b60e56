CREATE TABLE "employee_chain" (
	"employee_id" integer NOT NULL,
	"ancestor_id" integer NOT NULL,
	CONSTRAINT "employee_chain_employee_id_ancestor_id_pk" PRIMARY KEY("employee_id","ancestor_id")
);
--> statement-breakpoint
CREATE TABLE "subtree_order_counts" (
	"employee_id" integer PRIMARY KEY NOT NULL,
	"orders" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subtree_people_counts" (
	"employee_id" integer PRIMARY KEY NOT NULL,
	"people" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subtree_service_counts" (
	"employee_id" integer PRIMARY KEY NOT NULL,
	"services" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "employee_chain_ancestor" ON "employee_chain" USING btree ("ancestor_id","employee_id");
--> statement-breakpoint
-- The flattened management chain and each subtree's order, service and people counts (schema.pg.ts
-- `employeeChain`, `subtreeOrderCounts`, `subtreeServiceCounts`, `subtreePeopleCounts`), kept exact by
-- triggers that do what SQLite's do. With several instances
-- (READ COMMITTED), a move of people and the counting of an order of the same tenant must not
-- interleave, or an order counted along the old chain while the move reads the subtree's count is
-- lost or counted twice: an order's or a line's trigger takes the tenant's row FOR SHARE (they count
-- side by side), a move FOR NO KEY UPDATE (one at a time, alone). Each later statement of the function sees
-- what the other committed. Each change upserts its count rows in one statement, in `ancestor_id`
-- order, so two such statements take the rows they share in the same order and wait, not deadlock.
CREATE FUNCTION "employee_chain_keep"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  moved integer;
  moved_services integer;
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- Below their manager; reports added before them come along (see the SQLite migration).
    INSERT INTO "employee_chain" ("employee_id", "ancestor_id") VALUES (NEW."id", NEW."id");
    INSERT INTO "employee_chain" ("employee_id", "ancestor_id")
      SELECT "employee_id", NEW."id" FROM "employee_chain"
      WHERE "ancestor_id" IN (SELECT "id" FROM "employees" WHERE "manager_id" = NEW."id" AND "id" <> NEW."id");
    INSERT INTO "employee_chain" ("employee_id", "ancestor_id")
      SELECT below."employee_id", above."ancestor_id" FROM "employee_chain" below, "employee_chain" above
      WHERE below."ancestor_id" = NEW."id" AND above."employee_id" = NEW."manager_id";
    moved := coalesce((SELECT sum("orders") FROM "subtree_order_counts"
      WHERE "employee_id" IN (SELECT "id" FROM "employees" WHERE "manager_id" = NEW."id" AND "id" <> NEW."id")), 0);
    IF moved <> 0 THEN
      INSERT INTO "subtree_order_counts" ("employee_id", "orders")
        SELECT "ancestor_id", moved FROM "employee_chain" WHERE "employee_id" = NEW."id" ORDER BY "ancestor_id"
        ON CONFLICT ("employee_id") DO UPDATE SET "orders" = "subtree_order_counts"."orders" + EXCLUDED."orders";
    END IF;
    moved_services := coalesce((SELECT sum("services") FROM "subtree_service_counts"
      WHERE "employee_id" IN (SELECT "id" FROM "employees" WHERE "manager_id" = NEW."id" AND "id" <> NEW."id")), 0);
    IF moved_services <> 0 THEN
      INSERT INTO "subtree_service_counts" ("employee_id", "services")
        SELECT "ancestor_id", moved_services FROM "employee_chain" WHERE "employee_id" = NEW."id" ORDER BY "ancestor_id"
        ON CONFLICT ("employee_id") DO UPDATE SET "services" = "subtree_service_counts"."services" + EXCLUDED."services";
    END IF;
    RETURN NULL;
  END IF;
  IF TG_OP = 'DELETE' THEN
    DELETE FROM "employee_chain" WHERE "employee_id" = OLD."id" OR "ancestor_id" = OLD."id";
    DELETE FROM "subtree_order_counts" WHERE "employee_id" = OLD."id";
    DELETE FROM "subtree_service_counts" WHERE "employee_id" = OLD."id";
    RETURN NULL;
  END IF;
  -- A move takes everyone below the person along (see the SQLite migration).
  PERFORM 1 FROM "tenants" WHERE "id" = NEW."tenant_id" FOR NO KEY UPDATE;
  moved := coalesce((SELECT "orders" FROM "subtree_order_counts" WHERE "employee_id" = NEW."id"), 0);
  moved_services := coalesce((SELECT "services" FROM "subtree_service_counts" WHERE "employee_id" = NEW."id"), 0);
  UPDATE "subtree_order_counts" SET "orders" = "orders" - moved
    WHERE "employee_id" IN (SELECT "ancestor_id" FROM "employee_chain" WHERE "employee_id" = NEW."id" AND "ancestor_id" <> NEW."id");
  UPDATE "subtree_service_counts" SET "services" = "services" - moved_services
    WHERE "employee_id" IN (SELECT "ancestor_id" FROM "employee_chain" WHERE "employee_id" = NEW."id" AND "ancestor_id" <> NEW."id");
  DELETE FROM "employee_chain"
    WHERE "employee_id" IN (SELECT "employee_id" FROM "employee_chain" WHERE "ancestor_id" = NEW."id")
      AND "ancestor_id" IN (SELECT "ancestor_id" FROM "employee_chain" WHERE "employee_id" = NEW."id" AND "ancestor_id" <> NEW."id");
  INSERT INTO "employee_chain" ("employee_id", "ancestor_id")
    SELECT below."employee_id", above."ancestor_id" FROM "employee_chain" below, "employee_chain" above
    WHERE below."ancestor_id" = NEW."id" AND above."employee_id" = NEW."manager_id";
  INSERT INTO "subtree_order_counts" ("employee_id", "orders")
    SELECT "ancestor_id", moved FROM "employee_chain" WHERE "employee_id" = NEW."id" AND "ancestor_id" <> NEW."id" ORDER BY "ancestor_id"
    ON CONFLICT ("employee_id") DO UPDATE SET "orders" = "subtree_order_counts"."orders" + EXCLUDED."orders";
  INSERT INTO "subtree_service_counts" ("employee_id", "services")
    SELECT "ancestor_id", moved_services FROM "employee_chain" WHERE "employee_id" = NEW."id" AND "ancestor_id" <> NEW."id" ORDER BY "ancestor_id"
    ON CONFLICT ("employee_id") DO UPDATE SET "services" = "subtree_service_counts"."services" + EXCLUDED."services";
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "employee_chain_insert" AFTER INSERT ON "employees"
  FOR EACH ROW EXECUTE FUNCTION "employee_chain_keep"();
--> statement-breakpoint
CREATE TRIGGER "employee_chain_move" AFTER UPDATE OF "manager_id" ON "employees"
  FOR EACH ROW WHEN (OLD."manager_id" IS DISTINCT FROM NEW."manager_id") EXECUTE FUNCTION "employee_chain_keep"();
--> statement-breakpoint
CREATE TRIGGER "employee_chain_delete" AFTER DELETE ON "employees"
  FOR EACH ROW EXECUTE FUNCTION "employee_chain_keep"();
--> statement-breakpoint
-- A person counts for everyone at or above them: one count per chain row, whatever wrote it (the
-- chain changes only inside employee_chain_keep, under its locks).
CREATE FUNCTION "subtree_people_counts_keep"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE "subtree_people_counts" SET "people" = "people" - 1 WHERE "employee_id" = OLD."ancestor_id";
  ELSE
    INSERT INTO "subtree_people_counts" ("employee_id", "people") VALUES (NEW."ancestor_id", 1)
    ON CONFLICT ("employee_id") DO UPDATE SET "people" = "subtree_people_counts"."people" + 1;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "subtree_people_counts_insert" AFTER INSERT ON "employee_chain"
  FOR EACH ROW EXECUTE FUNCTION "subtree_people_counts_keep"();
--> statement-breakpoint
CREATE TRIGGER "subtree_people_counts_delete" AFTER DELETE ON "employee_chain"
  FOR EACH ROW EXECUTE FUNCTION "subtree_people_counts_keep"();
--> statement-breakpoint
CREATE FUNCTION "subtree_order_counts_keep"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR TG_OP = 'UPDATE' THEN
    PERFORM 1 FROM "tenants" WHERE "id" = OLD."tenant_id" FOR SHARE;
    UPDATE "subtree_order_counts" SET "orders" = "orders" - 1
      WHERE "employee_id" IN (SELECT "ancestor_id" FROM "employee_chain" WHERE "employee_id" = OLD."account_holder_id");
  END IF;
  IF TG_OP = 'INSERT' OR TG_OP = 'UPDATE' THEN
    PERFORM 1 FROM "tenants" WHERE "id" = NEW."tenant_id" FOR SHARE;
    INSERT INTO "subtree_order_counts" ("employee_id", "orders")
      SELECT "ancestor_id", 1 FROM "employee_chain" WHERE "employee_id" = NEW."account_holder_id" ORDER BY "ancestor_id"
      ON CONFLICT ("employee_id") DO UPDATE SET "orders" = "subtree_order_counts"."orders" + 1;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "subtree_order_counts_insert" AFTER INSERT ON "orders"
  FOR EACH ROW EXECUTE FUNCTION "subtree_order_counts_keep"();
--> statement-breakpoint
CREATE TRIGGER "subtree_order_counts_delete" AFTER DELETE ON "orders"
  FOR EACH ROW EXECUTE FUNCTION "subtree_order_counts_keep"();
--> statement-breakpoint
CREATE TRIGGER "subtree_order_counts_update" AFTER UPDATE OF "account_holder_id" ON "orders"
  FOR EACH ROW WHEN (OLD."account_holder_id" IS DISTINCT FROM NEW."account_holder_id") EXECUTE FUNCTION "subtree_order_counts_keep"();
--> statement-breakpoint
CREATE FUNCTION "subtree_service_counts_keep"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (TG_OP = 'DELETE' OR TG_OP = 'UPDATE') AND OLD."employee_id" IS NOT NULL THEN
    PERFORM 1 FROM "tenants" WHERE "id" = OLD."tenant_id" FOR SHARE;
    UPDATE "subtree_service_counts" SET "services" = "services" - 1
      WHERE "employee_id" IN (SELECT "ancestor_id" FROM "employee_chain" WHERE "employee_id" = OLD."employee_id");
  END IF;
  IF (TG_OP = 'INSERT' OR TG_OP = 'UPDATE') AND NEW."employee_id" IS NOT NULL THEN
    PERFORM 1 FROM "tenants" WHERE "id" = NEW."tenant_id" FOR SHARE;
    INSERT INTO "subtree_service_counts" ("employee_id", "services")
      SELECT "ancestor_id", 1 FROM "employee_chain" WHERE "employee_id" = NEW."employee_id" ORDER BY "ancestor_id"
      ON CONFLICT ("employee_id") DO UPDATE SET "services" = "subtree_service_counts"."services" + 1;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "subtree_service_counts_insert" AFTER INSERT ON "services"
  FOR EACH ROW EXECUTE FUNCTION "subtree_service_counts_keep"();
--> statement-breakpoint
CREATE TRIGGER "subtree_service_counts_delete" AFTER DELETE ON "services"
  FOR EACH ROW EXECUTE FUNCTION "subtree_service_counts_keep"();
--> statement-breakpoint
CREATE TRIGGER "subtree_service_counts_update" AFTER UPDATE OF "employee_id" ON "services"
  FOR EACH ROW WHEN (OLD."employee_id" IS DISTINCT FROM NEW."employee_id") EXECUTE FUNCTION "subtree_service_counts_keep"();
--> statement-breakpoint
-- Data update: the chain of everyone already there (at most 64 levels, as the management-chain
-- queries walk it), then each subtree's orders and services (the people are counted by
-- their trigger as the chain is written).
WITH RECURSIVE "up"("employee_id", "ancestor_id", "depth") AS (
  SELECT "id", "id", 0 FROM "employees"
  UNION ALL
  SELECT "up"."employee_id", e."manager_id", "up"."depth" + 1 FROM "up" JOIN "employees" e ON e."id" = "up"."ancestor_id"
  WHERE e."manager_id" IS NOT NULL AND "up"."depth" < 64
)
INSERT INTO "employee_chain" ("employee_id", "ancestor_id") SELECT DISTINCT "employee_id", "ancestor_id" FROM "up";
--> statement-breakpoint
INSERT INTO "subtree_order_counts" ("employee_id", "orders")
  SELECT c."ancestor_id", count(*) FROM "orders" o JOIN "employee_chain" c ON c."employee_id" = o."account_holder_id" GROUP BY c."ancestor_id";
--> statement-breakpoint
INSERT INTO "subtree_service_counts" ("employee_id", "services")
  SELECT c."ancestor_id", count(*) FROM "services" s JOIN "employee_chain" c ON c."employee_id" = s."employee_id" GROUP BY c."ancestor_id";
