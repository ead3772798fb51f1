CREATE TABLE "general_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"applicant_id" integer NOT NULL,
	"title" text NOT NULL,
	"category" text NOT NULL,
	"content" text NOT NULL,
	"amount" numeric(14, 2),
	"status" text DEFAULT 'pending' NOT NULL,
	"instance_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "general_requests_status_ck" CHECK ("general_requests"."status" in ('pending','approved','rejected','returned','withdrawn'))
);
--> statement-breakpoint
ALTER TABLE "approval_instances" ADD COLUMN "round" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX "general_requests_org_idx" ON "general_requests" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "general_requests_applicant_idx" ON "general_requests" USING btree ("applicant_id");