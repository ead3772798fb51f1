ALTER TABLE "asset_hand_in_items" ADD COLUMN "checks" jsonb;--> statement-breakpoint
ALTER TABLE "asset_hand_in_items" ADD COLUMN "check_note" text;--> statement-breakpoint
ALTER TABLE "vehicle_bookings" ADD COLUMN "flags" jsonb DEFAULT '[]'::jsonb NOT NULL;