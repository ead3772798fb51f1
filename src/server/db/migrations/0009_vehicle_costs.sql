CREATE TABLE "vehicle_anomalies" (
	"id" bigserial NOT NULL,
	"tenant_id" integer NOT NULL,
	"rule" text NOT NULL,
	"vehicle_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"evidence_key" text NOT NULL,
	"occurred_on" date NOT NULL,
	"evidence" jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"reason" text,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"detected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vehicle_anomalies_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "vehicle_anomalies_status_ck" CHECK ("vehicle_anomalies"."status" in ('open','dismissed','resolved')),
	CONSTRAINT "vehicle_anomalies_dismissed_ck" CHECK ("vehicle_anomalies"."status" <> 'dismissed' or "vehicle_anomalies"."reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "vehicle_cost_records" (
	"id" bigserial NOT NULL,
	"tenant_id" integer NOT NULL,
	"vehicle_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"kind" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"occurred_on" date NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"quantity" numeric(10, 2),
	"unit" text,
	"vendor_id" integer,
	"vendor_name" text,
	"vendor_flag" text,
	"odometer_km" integer,
	"card_no" text,
	"period_start" date,
	"period_end" date,
	"reference" text,
	"status" text DEFAULT 'recorded' NOT NULL,
	"instance_id" integer,
	"source" text DEFAULT 'manual' NOT NULL,
	"external_id" text,
	"details" jsonb,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vehicle_cost_records_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "vehicle_cost_records_kind_ck" CHECK ("vehicle_cost_records"."kind" in ('fuel','charging','repair','insurance','inspection','toll','parking','other')),
	CONSTRAINT "vehicle_cost_records_status_ck" CHECK ("vehicle_cost_records"."status" in ('recorded','pending','approved','rejected','returned','withdrawn')),
	CONSTRAINT "vehicle_cost_records_source_ck" CHECK ("vehicle_cost_records"."source" in ('manual','import')),
	CONSTRAINT "vehicle_cost_records_flag_ck" CHECK ("vehicle_cost_records"."vendor_flag" is null or "vehicle_cost_records"."vendor_flag" in ('not_listed','not_designated','outside_contract')),
	CONSTRAINT "vehicle_cost_records_numbers_ck" CHECK ("vehicle_cost_records"."amount" >= 0 and ("vehicle_cost_records"."quantity" is null or "vehicle_cost_records"."quantity" > 0) and ("vehicle_cost_records"."odometer_km" is null or "vehicle_cost_records"."odometer_km" >= 0)
          and ("vehicle_cost_records"."period_end" is null or "vehicle_cost_records"."period_start" is null or "vehicle_cost_records"."period_end" >= "vehicle_cost_records"."period_start"))
);
--> statement-breakpoint
CREATE TABLE "vehicle_fuel_cards" (
	"tenant_id" integer NOT NULL,
	"card_no" text NOT NULL,
	"vehicle_id" integer,
	"org_id" integer NOT NULL,
	"note" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vehicle_fuel_cards_tenant_id_card_no_pk" PRIMARY KEY("tenant_id","card_no")
);
--> statement-breakpoint
CREATE TABLE "vehicle_vendors" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"designated" boolean DEFAULT true NOT NULL,
	"contract_no" text,
	"contract_start" date,
	"contract_end" date,
	"address" text,
	"phone" text,
	"status" text DEFAULT 'active' NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vehicle_vendors_kind_ck" CHECK ("vehicle_vendors"."kind" in ('fuel','charging','repair','insurance')),
	CONSTRAINT "vehicle_vendors_status_ck" CHECK ("vehicle_vendors"."status" in ('active','inactive')),
	CONSTRAINT "vehicle_vendors_contract_ck" CHECK ("vehicle_vendors"."contract_end" is null or "vehicle_vendors"."contract_start" is null or "vehicle_vendors"."contract_end" >= "vehicle_vendors"."contract_start")
);
--> statement-breakpoint
ALTER TABLE "vehicle_events" DROP CONSTRAINT "vehicle_events_kind_ck";--> statement-breakpoint
CREATE UNIQUE INDEX "vehicle_anomalies_key_uq" ON "vehicle_anomalies" USING btree ("tenant_id","rule","vehicle_id","evidence_key");--> statement-breakpoint
CREATE INDEX "vehicle_anomalies_org_idx" ON "vehicle_anomalies" USING btree ("tenant_id","org_id","status");--> statement-breakpoint
CREATE INDEX "vehicle_cost_records_org_idx" ON "vehicle_cost_records" USING btree ("tenant_id","org_id","occurred_on");--> statement-breakpoint
CREATE INDEX "vehicle_cost_records_vehicle_idx" ON "vehicle_cost_records" USING btree ("tenant_id","vehicle_id","occurred_on");--> statement-breakpoint
CREATE UNIQUE INDEX "vehicle_cost_records_external_uq" ON "vehicle_cost_records" USING btree ("tenant_id","source","external_id") WHERE "vehicle_cost_records"."external_id" is not null;--> statement-breakpoint
CREATE INDEX "vehicle_fuel_cards_vehicle_idx" ON "vehicle_fuel_cards" USING btree ("vehicle_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vehicle_vendors_name_uq" ON "vehicle_vendors" USING btree ("tenant_id","kind","name");--> statement-breakpoint
ALTER TABLE "vehicle_events" ADD CONSTRAINT "vehicle_events_kind_ck" CHECK ("vehicle_events"."kind" in ('purchase','register','update','status','assign','trip','refuel','repair','replaced','transfer_out','transfer_in','disposal','insurance','inspection'));