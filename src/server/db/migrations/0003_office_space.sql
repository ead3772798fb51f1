CREATE TABLE "office_buildings" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"site_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"name" text NOT NULL,
	"gross_area" numeric(12, 2) NOT NULL,
	"year_built" integer,
	"ownership" text NOT NULL,
	"address" text,
	"floors_above" integer DEFAULT 1 NOT NULL,
	"floors_below" integer DEFAULT 0 NOT NULL,
	"high_rise" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "office_buildings_area_ck" CHECK ("office_buildings"."gross_area" > 0),
	CONSTRAINT "office_buildings_ownership_ck" CHECK ("office_buildings"."ownership" in ('owned','leased_in','allocated'))
);
--> statement-breakpoint
CREATE TABLE "office_findings" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"inspection_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"room_id" integer,
	"check_item" text,
	"description" text NOT NULL,
	"rectify_by" date NOT NULL,
	"photo_file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"evidence" text,
	"evidence_file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" integer,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "office_findings_status_ck" CHECK ("office_findings"."status" in ('open','closed'))
);
--> statement-breakpoint
CREATE TABLE "office_floors" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"building_id" integer NOT NULL,
	"level" integer NOT NULL,
	"name" text NOT NULL,
	"plan" jsonb,
	"plan_updated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "office_inspection_units" (
	"id" serial PRIMARY KEY NOT NULL,
	"inspection_id" integer NOT NULL,
	"org_id" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "office_inspections" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"checklist" jsonb NOT NULL,
	"deadline" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "office_occupancies" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"room_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"kind" text DEFAULT 'primary' NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"post_ended_on" date,
	"overdue_notified_at" timestamp with time zone,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "office_occupancies_kind_ck" CHECK ("office_occupancies"."kind" in ('primary','concurrent')),
	CONSTRAINT "office_occupancies_dates_ck" CHECK ("office_occupancies"."end_date" is null or "office_occupancies"."end_date" >= "office_occupancies"."start_date")
);
--> statement-breakpoint
CREATE TABLE "office_rectifications" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"measure" text NOT NULL,
	"reason" text NOT NULL,
	"effective_date" date NOT NULL,
	"payload" jsonb NOT NULL,
	"entitled_area" numeric(12, 2),
	"actual_area" numeric(12, 2) NOT NULL,
	"excess_area" numeric(12, 2) NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"instance_id" integer,
	"applied_at" timestamp with time zone,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "office_rectifications_measure_ck" CHECK ("office_rectifications"."measure" in ('vacate','swap','merge','partition')),
	CONSTRAINT "office_rectifications_status_ck" CHECK ("office_rectifications"."status" in ('pending','approved','rejected','returned','withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "office_room_history" (
	"id" serial PRIMARY KEY NOT NULL,
	"room_id" integer NOT NULL,
	"area" numeric(12, 2) NOT NULL,
	"use_class" text NOT NULL,
	"use_type" text NOT NULL,
	"status" text NOT NULL,
	"effective_from" date NOT NULL,
	"reason" text,
	"changed_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "office_rooms" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"floor_id" integer NOT NULL,
	"building_id" integer NOT NULL,
	"site_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"number" text NOT NULL,
	"use_class" text NOT NULL,
	"use_type" text NOT NULL,
	"area" numeric(12, 2) NOT NULL,
	"status" text DEFAULT 'in_use' NOT NULL,
	"single_occupant" boolean DEFAULT false NOT NULL,
	"suite_of_id" integer,
	"note" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "office_rooms_area_ck" CHECK ("office_rooms"."area" > 0 and "office_rooms"."area" <= 5000),
	CONSTRAINT "office_rooms_class_ck" CHECK ("office_rooms"."use_class" in ('office','service','equipment','auxiliary')),
	CONSTRAINT "office_rooms_status_ck" CHECK ("office_rooms"."status" in ('in_use','idle','repair','leased_in','rented_out','lent_out'))
);
--> statement-breakpoint
CREATE TABLE "office_sites" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"name" text NOT NULL,
	"address" text,
	"note" text,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "office_sites_status_ck" CHECK ("office_sites"."status" in ('active','inactive'))
);
--> statement-breakpoint
ALTER TABLE "office_buildings" ADD CONSTRAINT "office_buildings_site_id_office_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."office_sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_findings" ADD CONSTRAINT "office_findings_inspection_id_office_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."office_inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_floors" ADD CONSTRAINT "office_floors_building_id_office_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."office_buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_inspection_units" ADD CONSTRAINT "office_inspection_units_inspection_id_office_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."office_inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_occupancies" ADD CONSTRAINT "office_occupancies_room_id_office_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."office_rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_room_history" ADD CONSTRAINT "office_room_history_room_id_office_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."office_rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_rooms" ADD CONSTRAINT "office_rooms_floor_id_office_floors_id_fk" FOREIGN KEY ("floor_id") REFERENCES "public"."office_floors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "office_buildings_site_idx" ON "office_buildings" USING btree ("site_id");--> statement-breakpoint
CREATE INDEX "office_findings_org_idx" ON "office_findings" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "office_findings_inspection_idx" ON "office_findings" USING btree ("inspection_id");--> statement-breakpoint
CREATE UNIQUE INDEX "office_floors_level_uq" ON "office_floors" USING btree ("building_id","level");--> statement-breakpoint
CREATE UNIQUE INDEX "office_inspection_units_uq" ON "office_inspection_units" USING btree ("inspection_id","org_id");--> statement-breakpoint
CREATE INDEX "office_occupancies_person_idx" ON "office_occupancies" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "office_occupancies_room_idx" ON "office_occupancies" USING btree ("room_id");--> statement-breakpoint
CREATE INDEX "office_occupancies_org_idx" ON "office_occupancies" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "office_rectifications_org_idx" ON "office_rectifications" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "office_room_history_room_idx" ON "office_room_history" USING btree ("room_id","effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "office_rooms_number_uq" ON "office_rooms" USING btree ("floor_id","number") WHERE "office_rooms"."active";--> statement-breakpoint
CREATE INDEX "office_rooms_org_idx" ON "office_rooms" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "office_rooms_building_idx" ON "office_rooms" USING btree ("building_id");--> statement-breakpoint
CREATE INDEX "office_sites_org_idx" ON "office_sites" USING btree ("org_id");