CREATE TABLE "asset_allocation_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"allocation_id" integer NOT NULL,
	"asset_id" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"value" numeric(16, 2) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "asset_allocations" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"code" text NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"item_count" integer NOT NULL,
	"total_value" numeric(16, 2) NOT NULL,
	"instance_id" integer,
	"created_by" integer,
	"delivered_at" timestamp with time zone,
	"received_at" timestamp with time zone,
	"received_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "asset_allocations_status_ck" CHECK ("asset_allocations"."status" in ('pending','returned','approved','rejected','withdrawn','delivered','received'))
);
--> statement-breakpoint
CREATE TABLE "asset_disposal_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"disposal_id" integer NOT NULL,
	"asset_id" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"prior_status" text NOT NULL,
	"value" numeric(16, 2) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "asset_disposals" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"code" text NOT NULL,
	"method" text NOT NULL,
	"reason" text NOT NULL,
	"early_reason" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"item_count" integer NOT NULL,
	"total_value" numeric(16, 2) NOT NULL,
	"tier" smallint NOT NULL,
	"proceeds" numeric(16, 2),
	"instance_id" integer,
	"created_by" integer,
	"applied_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "asset_disposals_method_ck" CHECK ("asset_disposals"."method" in ('scrap','auction','donation','transfer')),
	CONSTRAINT "asset_disposals_status_ck" CHECK ("asset_disposals"."status" in ('pending','returned','approved','rejected','withdrawn')),
	CONSTRAINT "asset_disposals_proceeds_ck" CHECK ("asset_disposals"."proceeds" is null or "asset_disposals"."proceeds" >= 0)
);
--> statement-breakpoint
CREATE TABLE "asset_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"asset_id" integer NOT NULL,
	"kind" text NOT NULL,
	"summary" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ref_type" text,
	"ref_id" integer,
	"created_by" integer,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "asset_hand_in_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"hand_in_id" integer NOT NULL,
	"asset_id" integer NOT NULL,
	"open" boolean DEFAULT true NOT NULL,
	"condition" text,
	"slot" text,
	"value" numeric(16, 2) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "asset_hand_ins" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"code" text NOT NULL,
	"reason" text NOT NULL,
	"note" text,
	"status" text DEFAULT 'submitted' NOT NULL,
	"warehouse_id" integer,
	"item_count" integer NOT NULL,
	"total_value" numeric(16, 2) NOT NULL,
	"created_by" integer,
	"accepted_by" integer,
	"accepted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "asset_hand_ins_status_ck" CHECK ("asset_hand_ins"."status" in ('submitted','accepted','rejected','withdrawn')),
	CONSTRAINT "asset_hand_ins_accepted_ck" CHECK ("asset_hand_ins"."status" <> 'accepted' or "asset_hand_ins"."warehouse_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "asset_loan_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"loan_id" integer NOT NULL,
	"asset_id" integer NOT NULL,
	"returned" boolean DEFAULT false NOT NULL,
	"return_condition" text
);
--> statement-breakpoint
CREATE TABLE "asset_loans" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"borrower_org_id" integer,
	"borrower_name" text NOT NULL,
	"contact" text,
	"purpose" text NOT NULL,
	"lent_on" date NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'out' NOT NULL,
	"returned_on" date,
	"reminder_sent_on" date,
	"overdue_notified_on" date,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "asset_loans_due_ck" CHECK ("asset_loans"."due_on" >= "asset_loans"."lent_on"),
	CONSTRAINT "asset_loans_status_ck" CHECK ("asset_loans"."status" in ('out','returned'))
);
--> statement-breakpoint
CREATE TABLE "asset_stocktake_scans" (
	"id" serial PRIMARY KEY NOT NULL,
	"stocktake_id" integer NOT NULL,
	"code" text NOT NULL,
	"asset_id" integer,
	"found_location" text,
	"condition" text,
	"note" text,
	"scanned_by" integer,
	"scanned_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "asset_stocktakes" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"location" text,
	"room_id" integer,
	"status" text DEFAULT 'open' NOT NULL,
	"expected_count" integer DEFAULT 0 NOT NULL,
	"result" jsonb,
	"instance_id" integer,
	"created_by" integer,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "asset_stocktakes_status_ck" CHECK ("asset_stocktakes"."status" in ('open','pending','returned','approved','rejected','withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "asset_warehouses" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'physical' NOT NULL,
	"address" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "asset_warehouses_kind_ck" CHECK ("asset_warehouses"."kind" in ('physical','virtual'))
);
--> statement-breakpoint
CREATE TABLE "assets" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"category_code" text NOT NULL,
	"spec" text,
	"quantity" integer DEFAULT 1 NOT NULL,
	"unit" text DEFAULT '台' NOT NULL,
	"original_value" numeric(16, 2) NOT NULL,
	"purchase_date" date,
	"funding_source" text,
	"custodian" text,
	"room_id" integer,
	"location" text,
	"status" text DEFAULT 'in_use' NOT NULL,
	"condition" text,
	"warehouse_id" integer,
	"slot" text,
	"reserved_by" text,
	"depreciate" boolean DEFAULT true NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"disposed_at" timestamp with time zone,
	CONSTRAINT "assets_value_ck" CHECK ("assets"."original_value" >= 0),
	CONSTRAINT "assets_quantity_ck" CHECK ("assets"."quantity" >= 1),
	CONSTRAINT "assets_status_ck" CHECK ("assets"."status" in ('in_use','idle','in_pool','reserved','on_loan','disposed')),
	CONSTRAINT "assets_reserved_ck" CHECK (("assets"."status" = 'reserved') = ("assets"."reserved_by" is not null)),
	CONSTRAINT "assets_pool_ck" CHECK ("assets"."status" <> 'in_pool' or "assets"."warehouse_id" is not null)
);
--> statement-breakpoint
CREATE INDEX "asset_allocation_items_alloc_idx" ON "asset_allocation_items" USING btree ("allocation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "asset_allocation_items_active_uq" ON "asset_allocation_items" USING btree ("asset_id") WHERE "asset_allocation_items"."active";--> statement-breakpoint
CREATE UNIQUE INDEX "asset_allocations_code_uq" ON "asset_allocations" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "asset_allocations_org_idx" ON "asset_allocations" USING btree ("tenant_id","org_id","created_at");--> statement-breakpoint
CREATE INDEX "asset_disposal_items_disposal_idx" ON "asset_disposal_items" USING btree ("disposal_id");--> statement-breakpoint
CREATE UNIQUE INDEX "asset_disposal_items_active_uq" ON "asset_disposal_items" USING btree ("asset_id") WHERE "asset_disposal_items"."active";--> statement-breakpoint
CREATE UNIQUE INDEX "asset_disposals_code_uq" ON "asset_disposals" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "asset_disposals_org_idx" ON "asset_disposals" USING btree ("tenant_id","org_id","created_at");--> statement-breakpoint
CREATE INDEX "asset_events_asset_idx" ON "asset_events" USING btree ("asset_id","id");--> statement-breakpoint
CREATE INDEX "asset_events_org_kind_idx" ON "asset_events" USING btree ("tenant_id","org_id","kind","occurred_at");--> statement-breakpoint
CREATE INDEX "asset_hand_in_items_batch_idx" ON "asset_hand_in_items" USING btree ("hand_in_id");--> statement-breakpoint
CREATE UNIQUE INDEX "asset_hand_in_items_open_uq" ON "asset_hand_in_items" USING btree ("asset_id") WHERE "asset_hand_in_items"."open";--> statement-breakpoint
CREATE UNIQUE INDEX "asset_hand_ins_code_uq" ON "asset_hand_ins" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "asset_hand_ins_org_idx" ON "asset_hand_ins" USING btree ("tenant_id","org_id","created_at");--> statement-breakpoint
CREATE INDEX "asset_loan_items_loan_idx" ON "asset_loan_items" USING btree ("loan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "asset_loan_items_out_uq" ON "asset_loan_items" USING btree ("asset_id") WHERE not "asset_loan_items"."returned";--> statement-breakpoint
CREATE INDEX "asset_loans_status_idx" ON "asset_loans" USING btree ("tenant_id","status","due_on");--> statement-breakpoint
CREATE UNIQUE INDEX "asset_stocktake_scans_code_uq" ON "asset_stocktake_scans" USING btree ("stocktake_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "asset_stocktakes_code_uq" ON "asset_stocktakes" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "asset_stocktakes_org_idx" ON "asset_stocktakes" USING btree ("tenant_id","org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "asset_warehouses_name_uq" ON "asset_warehouses" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "assets_code_uq" ON "assets" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "assets_org_status_idx" ON "assets" USING btree ("tenant_id","org_id","status","id");--> statement-breakpoint
CREATE INDEX "assets_status_category_idx" ON "assets" USING btree ("tenant_id","status","category_code");--> statement-breakpoint
CREATE INDEX "assets_name_idx" ON "assets" USING btree ("tenant_id","name");