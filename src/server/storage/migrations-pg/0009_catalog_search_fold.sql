-- Edited by hand: the columns are added empty, filled (the data update) and only then made NOT NULL.
ALTER TABLE "catalog_accessories" ADD COLUMN "name_folded" text;--> statement-breakpoint
ALTER TABLE "catalog_devices" ADD COLUMN "name_folded" text;--> statement-breakpoint
ALTER TABLE "catalog_plans" ADD COLUMN "name_folded" text;--> statement-breakpoint
-- Data update: fold the existing names as far as SQL can (ASCII under the C collation), and have the
-- server refold every searched text with JavaScript's fold at its next start (storage/search-fold.ts).
UPDATE "catalog_accessories" SET "name_folded" = lower("name");--> statement-breakpoint
UPDATE "catalog_devices" SET "name_folded" = lower("name");--> statement-breakpoint
UPDATE "catalog_plans" SET "name_folded" = lower("name");--> statement-breakpoint
UPDATE "search_fold" SET "version" = 0;--> statement-breakpoint
ALTER TABLE "catalog_accessories" ALTER COLUMN "name_folded" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "catalog_devices" ALTER COLUMN "name_folded" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "catalog_plans" ALTER COLUMN "name_folded" SET NOT NULL;
