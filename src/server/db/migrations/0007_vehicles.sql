CREATE TABLE "vehicle_bookings" (
	"id" serial NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"vehicle_id" integer NOT NULL,
	"driver_id" integer NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"end_at" timestamp with time zone NOT NULL,
	"purpose" text NOT NULL,
	"status" text DEFAULT 'booked' NOT NULL,
	"trip_request_id" integer,
	"start_odometer_km" integer,
	"end_odometer_km" integer,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vehicle_bookings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "vehicle_bookings_period_ck" CHECK ("vehicle_bookings"."end_at" > "vehicle_bookings"."start_at"),
	CONSTRAINT "vehicle_bookings_status_ck" CHECK ("vehicle_bookings"."status" in ('booked','in_progress','completed','cancelled')),
	CONSTRAINT "vehicle_bookings_odometer_ck" CHECK ("vehicle_bookings"."end_odometer_km" is null or ("vehicle_bookings"."start_odometer_km" is not null and "vehicle_bookings"."end_odometer_km" >= "vehicle_bookings"."start_odometer_km"))
);
--> statement-breakpoint
CREATE TABLE "vehicle_disposals" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"vehicle_id" integer NOT NULL,
	"method" text NOT NULL,
	"to_org_id" integer,
	"reason" text NOT NULL,
	"checks" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"instance_id" integer,
	"applied_at" timestamp with time zone,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vehicle_disposals_method_ck" CHECK ("vehicle_disposals"."method" in ('scrap','auction','transfer')),
	CONSTRAINT "vehicle_disposals_transfer_ck" CHECK (("vehicle_disposals"."method" = 'transfer') = ("vehicle_disposals"."to_org_id" is not null)),
	CONSTRAINT "vehicle_disposals_status_ck" CHECK ("vehicle_disposals"."status" in ('pending','approved','rejected','returned','withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "vehicle_drivers" (
	"person_id" integer PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"licence_class" text NOT NULL,
	"licence_expiry" date NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vehicle_drivers_status_ck" CHECK ("vehicle_drivers"."status" in ('active','inactive'))
);
--> statement-breakpoint
CREATE TABLE "vehicle_events" (
	"id" bigserial NOT NULL,
	"tenant_id" integer NOT NULL,
	"vehicle_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"kind" text NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"amount" numeric(14, 2),
	"quantity" numeric(12, 2),
	"odometer_km" integer,
	"ref_type" text,
	"ref_id" integer,
	"summary" text NOT NULL,
	"data" jsonb,
	"created_by" integer,
	CONSTRAINT "vehicle_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "vehicle_events_kind_ck" CHECK ("vehicle_events"."kind" in ('purchase','register','update','status','assign','trip','refuel','repair','replaced','transfer_out','transfer_in','disposal'))
);
--> statement-breakpoint
CREATE TABLE "vehicle_purchase_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"type" text NOT NULL,
	"body_type" text NOT NULL,
	"energy" text NOT NULL,
	"displacement" numeric(4, 2),
	"domestic" boolean NOT NULL,
	"price" numeric(14, 2) NOT NULL,
	"seats" integer,
	"model" text,
	"leader_fixed" boolean DEFAULT false NOT NULL,
	"replaces_vehicle_id" integer,
	"adds_vehicle" boolean DEFAULT true NOT NULL,
	"fuel_reason" text,
	"reason" text NOT NULL,
	"checks" jsonb NOT NULL,
	"checks_passed" boolean NOT NULL,
	"rule_version" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"instance_id" integer,
	"vehicle_id" integer,
	"delivered_at" timestamp with time zone,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vehicle_purchase_requests_status_ck" CHECK ("vehicle_purchase_requests"."status" in ('pending','approved','rejected','returned','withdrawn','delivered'))
);
--> statement-breakpoint
CREATE TABLE "vehicle_quotas" (
	"org_id" integer PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"quota" integer NOT NULL,
	"note" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vehicle_trip_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"applicant_id" integer NOT NULL,
	"purpose" text NOT NULL,
	"origin" text NOT NULL,
	"destination" text NOT NULL,
	"passengers" integer NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"end_at" timestamp with time zone NOT NULL,
	"round_trip" boolean DEFAULT true NOT NULL,
	"rest_day" boolean NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"instance_id" integer,
	"booking_id" integer,
	"confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vehicle_trip_requests_period_ck" CHECK ("vehicle_trip_requests"."end_at" > "vehicle_trip_requests"."start_at"),
	CONSTRAINT "vehicle_trip_requests_status_ck" CHECK ("vehicle_trip_requests"."status" in ('pending','approved','rejected','returned','withdrawn','assigned','in_progress','completed','confirmed','cancelled'))
);
--> statement-breakpoint
CREATE TABLE "vehicles" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"plate" text NOT NULL,
	"type" text NOT NULL,
	"leader_fixed" boolean DEFAULT false NOT NULL,
	"brand" text NOT NULL,
	"model" text NOT NULL,
	"domestic" boolean NOT NULL,
	"body_type" text NOT NULL,
	"energy" text NOT NULL,
	"displacement" numeric(4, 2),
	"seats" integer NOT NULL,
	"price" numeric(14, 2) NOT NULL,
	"purchase_date" date NOT NULL,
	"odometer_km" integer DEFAULT 0 NOT NULL,
	"tank_capacity_l" numeric(8, 2),
	"battery_capacity_kwh" numeric(8, 2),
	"marking" text DEFAULT 'official' NOT NULL,
	"supervision_phone" text,
	"marking_exempt_reason" text,
	"status" text DEFAULT 'in_service' NOT NULL,
	"purchase_request_id" integer,
	"replaced_by_id" integer,
	"disposed_at" timestamp with time zone,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vehicles_status_ck" CHECK ("vehicles"."status" in ('in_service','in_repair','sealed','disposed')),
	CONSTRAINT "vehicles_type_ck" CHECK ("vehicles"."type" in ('confidential_comm','emergency','law_enforcement','special_technical','other')),
	CONSTRAINT "vehicles_marking_ck" CHECK ("vehicles"."marking" in ('official','law_enforcement','exempt')),
	CONSTRAINT "vehicles_numbers_ck" CHECK ("vehicles"."price" >= 0 and "vehicles"."odometer_km" >= 0 and "vehicles"."seats" between 1 and 80 and ("vehicles"."displacement" is null or "vehicles"."displacement" > 0))
);
--> statement-breakpoint
CREATE INDEX "vehicle_bookings_window_idx" ON "vehicle_bookings" USING btree ("tenant_id","start_at");--> statement-breakpoint
CREATE INDEX "vehicle_bookings_trip_idx" ON "vehicle_bookings" USING btree ("trip_request_id");--> statement-breakpoint
CREATE INDEX "vehicle_disposals_org_idx" ON "vehicle_disposals" USING btree ("org_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "vehicle_disposals_open_uq" ON "vehicle_disposals" USING btree ("vehicle_id") WHERE "vehicle_disposals"."status" in ('pending','returned');--> statement-breakpoint
CREATE INDEX "vehicle_drivers_org_idx" ON "vehicle_drivers" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "vehicle_events_vehicle_idx" ON "vehicle_events" USING btree ("tenant_id","vehicle_id","occurred_at");--> statement-breakpoint
CREATE INDEX "vehicle_purchase_requests_org_idx" ON "vehicle_purchase_requests" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "vehicle_trip_requests_org_idx" ON "vehicle_trip_requests" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "vehicle_trip_requests_applicant_idx" ON "vehicle_trip_requests" USING btree ("applicant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vehicles_plate_uq" ON "vehicles" USING btree ("tenant_id","plate") WHERE "vehicles"."status" <> 'disposed';--> statement-breakpoint
CREATE INDEX "vehicles_org_idx" ON "vehicles" USING btree ("org_id","status");