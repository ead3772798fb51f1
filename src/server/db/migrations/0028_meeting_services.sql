CREATE TABLE "meeting_service_orders" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"booking_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"room_org_id" integer NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"tea_count" integer DEFAULT 0 NOT NULL,
	"water_count" integer DEFAULT 0 NOT NULL,
	"nameplates" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"rostrum" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"av" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"printed_materials" text,
	"printed_copies" integer DEFAULT 0 NOT NULL,
	"staff_on_duty" integer DEFAULT 0 NOT NULL,
	"items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text,
	"assignee_id" integer,
	"frugality_version" integer,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone,
	"done_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	CONSTRAINT "meeting_service_orders_status_ck" CHECK ("meeting_service_orders"."status" in ('submitted','accepted','in_progress','done','cancelled')),
	CONSTRAINT "meeting_service_orders_counts_ck" CHECK ("meeting_service_orders"."tea_count" >= 0 and "meeting_service_orders"."water_count" >= 0 and "meeting_service_orders"."printed_copies" >= 0 and "meeting_service_orders"."staff_on_duty" >= 0)
);
--> statement-breakpoint
CREATE TABLE "meeting_service_tasks" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"order_id" integer NOT NULL,
	"phase" text NOT NULL,
	"assignee_id" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"checklist" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_service_tasks_phase_ck" CHECK ("meeting_service_tasks"."phase" in ('before','during','after')),
	CONSTRAINT "meeting_service_tasks_status_ck" CHECK ("meeting_service_tasks"."status" in ('open','done'))
);
--> statement-breakpoint
ALTER TABLE "meeting_service_tasks" ADD CONSTRAINT "meeting_service_tasks_order_id_meeting_service_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."meeting_service_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "meeting_service_orders_booking_idx" ON "meeting_service_orders" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "meeting_service_orders_scope_idx" ON "meeting_service_orders" USING btree ("tenant_id","room_org_id","status");--> statement-breakpoint
CREATE INDEX "meeting_service_tasks_assignee_idx" ON "meeting_service_tasks" USING btree ("assignee_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_service_tasks_phase_uq" ON "meeting_service_tasks" USING btree ("order_id","phase");