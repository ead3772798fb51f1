CREATE TABLE "meeting_attendance" (
	"tenant_id" integer NOT NULL,
	"booking_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"signed_in_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_attendance_tenant_id_booking_id_person_id_pk" PRIMARY KEY("tenant_id","booking_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "meeting_bookings" (
	"id" serial NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"room_id" integer NOT NULL,
	"room_org_id" integer NOT NULL,
	"series_id" integer,
	"title" text NOT NULL,
	"organiser_id" integer,
	"created_by" integer NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"end_at" timestamp with time zone NOT NULL,
	"held_until" timestamp with time zone NOT NULL,
	"buffer_minutes" integer DEFAULT 0 NOT NULL,
	"attendees" integer NOT NULL,
	"level" text DEFAULT 'ordinary' NOT NULL,
	"layout" text,
	"status" text DEFAULT 'booked' NOT NULL,
	"approval_instance_id" integer,
	"pending_until" timestamp with time zone,
	"checked_in_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"sign_in_token" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_bookings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "meeting_bookings_period_ck" CHECK ("meeting_bookings"."end_at" > "meeting_bookings"."start_at"),
	CONSTRAINT "meeting_bookings_held_ck" CHECK ("meeting_bookings"."held_until" >= "meeting_bookings"."end_at"),
	CONSTRAINT "meeting_bookings_attendees_ck" CHECK ("meeting_bookings"."attendees" > 0),
	CONSTRAINT "meeting_bookings_level_ck" CHECK ("meeting_bookings"."level" in ('important','ordinary')),
	CONSTRAINT "meeting_bookings_status_ck" CHECK ("meeting_bookings"."status" in ('pending','booked','checked_in','finished','cancelled','rejected','expired','no_show'))
);
--> statement-breakpoint
CREATE TABLE "meeting_display_tokens" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"room_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"label" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "meeting_rooms" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'meeting' NOT NULL,
	"office_room_id" integer,
	"building_id" integer,
	"building_name" text,
	"floor" text,
	"capacity" integer NOT NULL,
	"layouts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"equipment" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"open_from" text DEFAULT '08:00' NOT NULL,
	"open_to" text DEFAULT '18:00' NOT NULL,
	"open_weekdays" jsonb DEFAULT '[1,2,3,4,5]'::jsonb NOT NULL,
	"buffer_minutes" integer DEFAULT 0 NOT NULL,
	"bookable_by" text DEFAULT 'district' NOT NULL,
	"requires_approval" boolean DEFAULT false NOT NULL,
	"approval_above_attendees" integer,
	"active" boolean DEFAULT true NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_rooms_capacity_ck" CHECK ("meeting_rooms"."capacity" > 0),
	CONSTRAINT "meeting_rooms_buffer_ck" CHECK ("meeting_rooms"."buffer_minutes" >= 0),
	CONSTRAINT "meeting_rooms_kind_ck" CHECK ("meeting_rooms"."kind" in ('meeting','lecture_hall','multi_function','reception')),
	CONSTRAINT "meeting_rooms_bookable_ck" CHECK ("meeting_rooms"."bookable_by" in ('district','own_unit','approval_only'))
);
--> statement-breakpoint
CREATE TABLE "meeting_series" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"room_id" integer NOT NULL,
	"title" text NOT NULL,
	"organiser_id" integer,
	"freq" text NOT NULL,
	"interval" integer DEFAULT 1 NOT NULL,
	"first_date" date NOT NULL,
	"last_date" date NOT NULL,
	"level" text DEFAULT 'ordinary' NOT NULL,
	"attendees" integer NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "meeting_bookings_start_idx" ON "meeting_bookings" USING btree ("tenant_id","start_at");--> statement-breakpoint
CREATE INDEX "meeting_bookings_room_idx" ON "meeting_bookings" USING btree ("room_id","start_at");--> statement-breakpoint
CREATE INDEX "meeting_bookings_org_idx" ON "meeting_bookings" USING btree ("tenant_id","org_id","start_at");--> statement-breakpoint
CREATE INDEX "meeting_bookings_organiser_idx" ON "meeting_bookings" USING btree ("organiser_id","start_at");--> statement-breakpoint
CREATE INDEX "meeting_bookings_series_idx" ON "meeting_bookings" USING btree ("series_id");--> statement-breakpoint
CREATE INDEX "meeting_bookings_status_idx" ON "meeting_bookings" USING btree ("status","start_at");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_bookings_token_uq" ON "meeting_bookings" USING btree ("sign_in_token");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_display_tokens_hash_uq" ON "meeting_display_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "meeting_display_tokens_room_idx" ON "meeting_display_tokens" USING btree ("room_id");--> statement-breakpoint
CREATE INDEX "meeting_rooms_org_idx" ON "meeting_rooms" USING btree ("tenant_id","org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_rooms_office_room_uq" ON "meeting_rooms" USING btree ("office_room_id") WHERE "meeting_rooms"."office_room_id" is not null;--> statement-breakpoint
-- No two bookings that hold a room (pending, booked, checked_in) may overlap, buffers included.
-- Each booking holds [start_at, held_until), held_until = end_at + the room's set-up buffer, so
-- between two meetings there is always at least one buffer: a meeting ending at 10:00 in a room
-- with a 15-minute buffer holds it until 10:15, and the next may start at 10:15, not before.
-- (Adding the buffer on both sides of both bookings would demand two buffers, 10:30.) The buffer
-- before the first meeting of a day is the closing time's business, not the constraint's.
-- PGlite ships without btree_gist, so the room equality is written as overlap of the one-point
-- range [room_id, room_id], which core gist supports (as vehicle_bookings does, migration 0008;
-- on Citus: tenant_id WITH =, room_id WITH =, …). The service maps SQLSTATE 23P01 on this name
-- to 409 MEETING_ROOM_TAKEN naming the conflicting time.
ALTER TABLE "meeting_bookings" ADD CONSTRAINT "meeting_bookings_room_excl"
  EXCLUDE USING gist (int4range(room_id, room_id, '[]') WITH &&, tstzrange(start_at, held_until, '[)') WITH &&)
  WHERE (status in ('pending', 'booked', 'checked_in'));
