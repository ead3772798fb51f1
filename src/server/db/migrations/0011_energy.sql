CREATE TABLE "energy_anomalies" (
	"id" bigserial NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"meter_id" integer NOT NULL,
	"rule" text NOT NULL,
	"evidence_key" text NOT NULL,
	"occurred_on" date NOT NULL,
	"evidence" jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"dismiss_reason" text,
	"dismissed_by" integer,
	"detected_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "energy_anomalies_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "energy_anomalies_rule_ck" CHECK ("energy_anomalies"."rule" in ('water_loss','submeter_gap','baseload','jump','negative','stopped')),
	CONSTRAINT "energy_anomalies_status_ck" CHECK ("energy_anomalies"."status" in ('open','dismissed','resolved'))
);
--> statement-breakpoint
CREATE TABLE "energy_assessments" (
	"tenant_id" integer NOT NULL,
	"year" integer NOT NULL,
	"org_id" integer NOT NULL,
	"score" double precision NOT NULL,
	"rank" integer NOT NULL,
	"grade" text NOT NULL,
	"breakdown" jsonb NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" integer,
	CONSTRAINT "energy_assessments_tenant_id_year_org_id_pk" PRIMARY KEY("tenant_id","year","org_id")
);
--> statement-breakpoint
CREATE TABLE "energy_bills" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"meter_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"month" date NOT NULL,
	"quantity" double precision NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"invoice_no" text,
	"note" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "energy_bills_quantity_ck" CHECK ("energy_bills"."quantity" >= 0),
	CONSTRAINT "energy_bills_amount_ck" CHECK ("energy_bills"."amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "energy_daily" (
	"tenant_id" integer NOT NULL,
	"meter_id" integer NOT NULL,
	"day" date NOT NULL,
	"consumption" double precision DEFAULT 0 NOT NULL,
	"readings" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "energy_daily_tenant_id_meter_id_day_pk" PRIMARY KEY("tenant_id","meter_id","day")
);
--> statement-breakpoint
CREATE TABLE "energy_hourly" (
	"tenant_id" integer NOT NULL,
	"meter_id" integer NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"consumption" double precision DEFAULT 0 NOT NULL,
	"readings" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "energy_hourly_tenant_id_meter_id_hour_pk" PRIMARY KEY("tenant_id","meter_id","hour")
);
--> statement-breakpoint
CREATE TABLE "energy_meters" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"site_id" integer,
	"building_id" integer,
	"parent_id" integer,
	"code" text,
	"name" text NOT NULL,
	"energy_type" text NOT NULL,
	"unit" text NOT NULL,
	"kind" text DEFAULT 'register' NOT NULL,
	"end_use" text,
	"multiplier" double precision DEFAULT 1 NOT NULL,
	"rollover_value" double precision,
	"in_total" boolean NOT NULL,
	"interval_minutes" integer,
	"installed_on" date,
	"status" text DEFAULT 'active' NOT NULL,
	"note" text,
	"last_reading_at" timestamp with time zone,
	"chain_ts" timestamp with time zone,
	"last_value" double precision,
	"rate_ewma" double precision,
	"rate_samples" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "energy_meters_type_ck" CHECK ("energy_meters"."energy_type" in ('electricity','water','natural_gas','heat','gasoline','diesel','lpg','coal','coke','kerosene','fuel_oil','pv_generation')),
	CONSTRAINT "energy_meters_kind_ck" CHECK ("energy_meters"."kind" in ('register','bill')),
	CONSTRAINT "energy_meters_end_use_ck" CHECK ("energy_meters"."end_use" is null or "energy_meters"."end_use" in ('lighting_socket','hvac','power','special')),
	CONSTRAINT "energy_meters_status_ck" CHECK ("energy_meters"."status" in ('active','retired')),
	CONSTRAINT "energy_meters_multiplier_ck" CHECK ("energy_meters"."multiplier" > 0),
	CONSTRAINT "energy_meters_interval_ck" CHECK ("energy_meters"."interval_minutes" is null or "energy_meters"."interval_minutes" in (15,30,60)),
	CONSTRAINT "energy_meters_parent_ck" CHECK ("energy_meters"."parent_id" is null or "energy_meters"."parent_id" <> "energy_meters"."id")
);
--> statement-breakpoint
CREATE TABLE "energy_monthly" (
	"tenant_id" integer NOT NULL,
	"meter_id" integer NOT NULL,
	"month" date NOT NULL,
	"consumption" double precision DEFAULT 0 NOT NULL,
	"readings" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "energy_monthly_tenant_id_meter_id_month_pk" PRIMARY KEY("tenant_id","meter_id","month")
);
--> statement-breakpoint
CREATE TABLE "energy_notices" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"place_key" text NOT NULL,
	"period" text NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"deduction" double precision NOT NULL,
	"findings" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "energy_patrol_findings" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"room_id" integer,
	"location" text,
	"kind" text NOT NULL,
	"observed_at" timestamp with time zone NOT NULL,
	"period" text NOT NULL,
	"setpoint_c" double precision,
	"note" text,
	"inspector_id" integer,
	"inspector_name" text,
	"count_in_period" integer NOT NULL,
	"notice_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "energy_patrol_kind_ck" CHECK ("energy_patrol_findings"."kind" in ('lights_on','ac_summer_low','ac_winter_high','tap_running','equipment_idle','other'))
);
--> statement-breakpoint
CREATE TABLE "energy_quota_explanations" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"year" integer NOT NULL,
	"kgce_quota" double precision NOT NULL,
	"actual_kgce" double precision NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"explanation" text,
	"measures" text,
	"instance_id" integer,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	CONSTRAINT "energy_quota_explanations_status_ck" CHECK ("energy_quota_explanations"."status" in ('open','pending','approved','returned','rejected','withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "energy_quotas" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"year" integer NOT NULL,
	"kgce_quota" double precision NOT NULL,
	"water_quota" double precision,
	"note" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "energy_quotas_positive_ck" CHECK ("energy_quotas"."kgce_quota" > 0 and ("energy_quotas"."water_quota" is null or "energy_quotas"."water_quota" > 0))
);
--> statement-breakpoint
CREATE TABLE "energy_readings" (
	"tenant_id" integer NOT NULL,
	"meter_id" integer NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"value" double precision NOT NULL,
	"delta" double precision,
	"flag" text,
	"source" text NOT NULL,
	"original_value" double precision,
	"correction_reason" text,
	"corrected_at" timestamp with time zone,
	CONSTRAINT "energy_readings_tenant_id_meter_id_ts_pk" PRIMARY KEY("tenant_id","meter_id","ts"),
	CONSTRAINT "energy_readings_flag_ck" CHECK ("energy_readings"."flag" is null or "energy_readings"."flag" in ('rollover','negative','spike')),
	CONSTRAINT "energy_readings_source_ck" CHECK ("energy_readings"."source" in ('manual','import','api'))
);
--> statement-breakpoint
CREATE TABLE "energy_reports" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"year" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"values" jsonb NOT NULL,
	"prefill" jsonb NOT NULL,
	"reasons" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"instance_id" integer,
	"submitted_at" timestamp with time zone,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "energy_reports_status_ck" CHECK ("energy_reports"."status" in ('draft','pending','approved','returned','rejected','withdrawn'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "energy_anomalies_key_uq" ON "energy_anomalies" USING btree ("tenant_id","rule","meter_id","evidence_key");--> statement-breakpoint
CREATE INDEX "energy_anomalies_org_idx" ON "energy_anomalies" USING btree ("tenant_id","org_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "energy_bills_meter_month_uq" ON "energy_bills" USING btree ("tenant_id","meter_id","month");--> statement-breakpoint
CREATE INDEX "energy_bills_org_idx" ON "energy_bills" USING btree ("tenant_id","org_id","month");--> statement-breakpoint
CREATE INDEX "energy_meters_org_idx" ON "energy_meters" USING btree ("tenant_id","org_id");--> statement-breakpoint
CREATE INDEX "energy_meters_parent_idx" ON "energy_meters" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "energy_meters_code_uq" ON "energy_meters" USING btree ("tenant_id","code") WHERE "energy_meters"."code" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "energy_notices_place_uq" ON "energy_notices" USING btree ("tenant_id","org_id","place_key","period");--> statement-breakpoint
CREATE INDEX "energy_notices_year_idx" ON "energy_notices" USING btree ("tenant_id","year");--> statement-breakpoint
CREATE INDEX "energy_patrol_org_idx" ON "energy_patrol_findings" USING btree ("tenant_id","org_id","observed_at");--> statement-breakpoint
CREATE INDEX "energy_patrol_room_idx" ON "energy_patrol_findings" USING btree ("tenant_id","room_id","period");--> statement-breakpoint
CREATE UNIQUE INDEX "energy_quota_explanations_uq" ON "energy_quota_explanations" USING btree ("tenant_id","org_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "energy_quotas_org_year_uq" ON "energy_quotas" USING btree ("tenant_id","org_id","year");--> statement-breakpoint
CREATE INDEX "energy_readings_flag_idx" ON "energy_readings" USING btree ("tenant_id","meter_id","ts") WHERE "energy_readings"."flag" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "energy_reports_org_year_uq" ON "energy_reports" USING btree ("tenant_id","org_id","year");