ALTER TABLE "orders" ADD COLUMN "new_device_asset_id" integer;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "incoming_number" text;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_new_device_asset_id_device_assets_id_fk" FOREIGN KEY ("new_device_asset_id") REFERENCES "public"."device_assets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "orders_open_per_service" ON "orders" USING btree ("service_id") WHERE "orders"."status" IN ('AWAITING_APPROVAL', 'INFO_REQUESTED', 'ORDER_SUBMITTED', 'IN_PROGRESS', 'SHIPPED');--> statement-breakpoint
CREATE UNIQUE INDEX "orders_open_new_device" ON "orders" USING btree ("new_device_asset_id") WHERE "orders"."status" IN ('AWAITING_APPROVAL', 'INFO_REQUESTED', 'ORDER_SUBMITTED', 'IN_PROGRESS', 'SHIPPED');--> statement-breakpoint
CREATE UNIQUE INDEX "orders_open_incoming_number" ON "orders" USING btree ("incoming_number") WHERE "orders"."status" IN ('AWAITING_APPROVAL', 'INFO_REQUESTED', 'ORDER_SUBMITTED', 'IN_PROGRESS', 'SHIPPED');--> statement-breakpoint
-- Data update (hand-written): orders stored before this migration get the spare device and the
-- incoming number from `effects`, where completion reads them. An open order whose device or
-- number an earlier open order already holds keeps none, so the unique indexes above hold.
UPDATE "orders" SET "new_device_asset_id" = ("effects"->>'newDeviceAssetId')::integer
WHERE "transaction_type" = 'SWAP_DEVICES' AND "effects"->>'newDeviceAssetId' IS NOT NULL
  AND NOT ("status" IN ('AWAITING_APPROVAL', 'INFO_REQUESTED', 'ORDER_SUBMITTED', 'IN_PROGRESS', 'SHIPPED') AND EXISTS (
    SELECT 1 FROM "orders" AS "earlier" WHERE "earlier"."id" < "orders"."id"
      AND "earlier"."status" IN ('AWAITING_APPROVAL', 'INFO_REQUESTED', 'ORDER_SUBMITTED', 'IN_PROGRESS', 'SHIPPED')
      AND "earlier"."effects"->>'newDeviceAssetId' = "orders"."effects"->>'newDeviceAssetId'));--> statement-breakpoint
WITH "digits" AS (
  SELECT "id", "status", regexp_replace("effects"->>'serviceNumber', '[ ()+.-]', '', 'g') AS "digits"
  FROM "orders" WHERE "transaction_type" IN ('XFER_SERVICE_IN', 'XFER_SERVICE_IN_AND_PORT') AND "effects"->>'serviceNumber' IS NOT NULL
), "incoming" AS (
  SELECT "id", "status", CASE WHEN length("digits") = 11 AND left("digits", 1) = '1' THEN substr("digits", 2) ELSE "digits" END AS "national" FROM "digits"
)
UPDATE "orders" SET "incoming_number" = "mine"."national" FROM "incoming" AS "mine"
WHERE "orders"."id" = "mine"."id" AND "mine"."national" <> '' AND NOT (
  "mine"."status" IN ('AWAITING_APPROVAL', 'INFO_REQUESTED', 'ORDER_SUBMITTED', 'IN_PROGRESS', 'SHIPPED') AND EXISTS (
    SELECT 1 FROM "incoming" AS "earlier" WHERE "earlier"."id" < "mine"."id" AND "earlier"."national" = "mine"."national"
      AND "earlier"."status" IN ('AWAITING_APPROVAL', 'INFO_REQUESTED', 'ORDER_SUBMITTED', 'IN_PROGRESS', 'SHIPPED')));
