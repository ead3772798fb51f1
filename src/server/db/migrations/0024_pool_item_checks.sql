ALTER TABLE "asset_hand_in_items" ADD COLUMN "checks" jsonb;--> statement-breakpoint
ALTER TABLE "asset_hand_in_items" ADD COLUMN "check_note" text;