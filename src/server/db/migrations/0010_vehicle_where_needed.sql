ALTER TABLE "vehicle_purchase_requests" ADD COLUMN "where_needed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "vehicle_purchase_requests" ADD COLUMN "where_needed_reason" text;