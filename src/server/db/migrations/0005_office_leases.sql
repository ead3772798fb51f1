CREATE TABLE "office_leases" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"landlord" text NOT NULL,
	"address" text NOT NULL,
	"area" numeric(12, 2) NOT NULL,
	"contract_no" text,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"rent_per_year" numeric(12, 2) NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"renews_id" integer,
	"terminated_on" date,
	"note" text,
	"reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "office_leases_dates_ck" CHECK ("office_leases"."end_date" > "office_leases"."start_date"),
	CONSTRAINT "office_leases_status_ck" CHECK ("office_leases"."status" in ('active','renewed','terminated')),
	CONSTRAINT "office_leases_area_ck" CHECK ("office_leases"."area" > 0 and "office_leases"."rent_per_year" >= 0)
);
--> statement-breakpoint
CREATE INDEX "office_leases_org_idx" ON "office_leases" USING btree ("org_id","status");