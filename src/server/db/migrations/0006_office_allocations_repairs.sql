CREATE TABLE "office_allocations" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"use_class" text NOT NULL,
	"requested_area" numeric(12, 2) NOT NULL,
	"headcount" integer DEFAULT 0 NOT NULL,
	"reason" text NOT NULL,
	"needed_by" date,
	"rooms" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"assigned_area" numeric(12, 2) DEFAULT 0 NOT NULL,
	"assigned_by" integer,
	"status" text DEFAULT 'pending' NOT NULL,
	"instance_id" integer,
	"applied_at" timestamp with time zone,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "office_allocations_status_ck" CHECK ("office_allocations"."status" in ('pending','approved','rejected','returned','withdrawn')),
	CONSTRAINT "office_allocations_area_ck" CHECK ("office_allocations"."requested_area" > 0 and "office_allocations"."headcount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "office_repairs" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"building_id" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"assessment" text NOT NULL,
	"scope" text,
	"budget" numeric(14, 2) NOT NULL,
	"added_area" numeric(12, 2) DEFAULT 0 NOT NULL,
	"planned_start" date NOT NULL,
	"planned_end" date NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"instance_id" integer,
	"started_on" date,
	"completed_on" date,
	"actual_cost" numeric(14, 2),
	"acceptance_note" text,
	"filing_before" jsonb,
	"filing_after" jsonb,
	"filed_at" timestamp with time zone,
	"filed_by" integer,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "office_repairs_kind_ck" CHECK ("office_repairs"."kind" in ('major','medium','routine')),
	CONSTRAINT "office_repairs_status_ck" CHECK ("office_repairs"."status" in ('pending','approved','in_progress','completed','filed','rejected','returned','withdrawn')),
	CONSTRAINT "office_repairs_money_ck" CHECK ("office_repairs"."budget" >= 0 and "office_repairs"."added_area" >= 0 and coalesce("office_repairs"."actual_cost", 0) >= 0),
	CONSTRAINT "office_repairs_dates_ck" CHECK ("office_repairs"."planned_end" >= "office_repairs"."planned_start")
);
--> statement-breakpoint
CREATE INDEX "office_allocations_org_idx" ON "office_allocations" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "office_repairs_org_idx" ON "office_repairs" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "office_repairs_building_idx" ON "office_repairs" USING btree ("building_id");