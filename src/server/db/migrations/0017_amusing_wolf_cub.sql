ALTER TABLE "energy_bills" ALTER COLUMN "amount" SET DATA TYPE numeric(16, 2) USING "amount"::numeric(16, 2);--> statement-breakpoint
ALTER TABLE "general_requests" ALTER COLUMN "amount" SET DATA TYPE numeric(16, 2) USING "amount"::numeric(16, 2);--> statement-breakpoint
ALTER TABLE "office_repairs" ALTER COLUMN "budget" SET DATA TYPE numeric(16, 2) USING "budget"::numeric(16, 2);--> statement-breakpoint
ALTER TABLE "office_repairs" ALTER COLUMN "actual_cost" SET DATA TYPE numeric(16, 2) USING "actual_cost"::numeric(16, 2);--> statement-breakpoint
ALTER TABLE "vehicle_cost_records" ALTER COLUMN "amount" SET DATA TYPE numeric(16, 2) USING "amount"::numeric(16, 2);--> statement-breakpoint
ALTER TABLE "vehicle_events" ALTER COLUMN "amount" SET DATA TYPE numeric(16, 2) USING "amount"::numeric(16, 2);--> statement-breakpoint
ALTER TABLE "vehicle_purchase_requests" ALTER COLUMN "price" SET DATA TYPE numeric(16, 2) USING "price"::numeric(16, 2);--> statement-breakpoint
ALTER TABLE "vehicles" ALTER COLUMN "price" SET DATA TYPE numeric(16, 2) USING "price"::numeric(16, 2);