CREATE TABLE "training_bed_nights" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"centre_id" integer NOT NULL,
	"bed_id" integer NOT NULL,
	"night" date NOT NULL,
	"class_id" integer NOT NULL,
	"trainee_id" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_beds" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"centre_id" integer NOT NULL,
	"room_id" integer NOT NULL,
	"label" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_centres" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"name" text NOT NULL,
	"address" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_classes" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"centre_id" integer NOT NULL,
	"centre_org_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"title" text NOT NULL,
	"category" smallint NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"settlement" jsonb,
	"settled_at" timestamp with time zone,
	"settled_by" integer,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_classes_category_ck" CHECK ("training_classes"."category" between 1 and 3),
	CONSTRAINT "training_classes_dates_ck" CHECK ("training_classes"."end_date" >= "training_classes"."start_date"),
	CONSTRAINT "training_classes_settled_ck" CHECK (("training_classes"."settlement" is null) = ("training_classes"."settled_at" is null))
);
--> statement-breakpoint
CREATE TABLE "training_rooms" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"centre_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"number" text NOT NULL,
	"floor" integer NOT NULL,
	"housekeeping" text DEFAULT 'inspected' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_rooms_hk_ck" CHECK ("training_rooms"."housekeeping" in ('dirty','clean','inspected'))
);
--> statement-breakpoint
CREATE TABLE "training_trainees" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"class_id" integer NOT NULL,
	"name" text NOT NULL,
	"unit_name" text,
	"phone_enc" text,
	"phone_tail" text,
	"checked_in_at" timestamp with time zone,
	"checked_out_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_trainees_out_ck" CHECK ("training_trainees"."checked_out_at" is null or "training_trainees"."checked_in_at" is not null)
);
--> statement-breakpoint
ALTER TABLE "training_bed_nights" ADD CONSTRAINT "training_bed_nights_bed_id_training_beds_id_fk" FOREIGN KEY ("bed_id") REFERENCES "public"."training_beds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_bed_nights" ADD CONSTRAINT "training_bed_nights_class_id_training_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."training_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_bed_nights" ADD CONSTRAINT "training_bed_nights_trainee_id_training_trainees_id_fk" FOREIGN KEY ("trainee_id") REFERENCES "public"."training_trainees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_beds" ADD CONSTRAINT "training_beds_room_id_training_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."training_rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_classes" ADD CONSTRAINT "training_classes_centre_id_training_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."training_centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_rooms" ADD CONSTRAINT "training_rooms_centre_id_training_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."training_centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_trainees" ADD CONSTRAINT "training_trainees_class_id_training_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."training_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "training_bed_nights_bed_uq" ON "training_bed_nights" USING btree ("bed_id","night");--> statement-breakpoint
CREATE UNIQUE INDEX "training_bed_nights_trainee_uq" ON "training_bed_nights" USING btree ("trainee_id","night");--> statement-breakpoint
CREATE INDEX "training_bed_nights_centre_idx" ON "training_bed_nights" USING btree ("centre_id","night");--> statement-breakpoint
CREATE INDEX "training_bed_nights_class_idx" ON "training_bed_nights" USING btree ("class_id");--> statement-breakpoint
CREATE UNIQUE INDEX "training_beds_label_uq" ON "training_beds" USING btree ("room_id","label");--> statement-breakpoint
CREATE INDEX "training_beds_centre_idx" ON "training_beds" USING btree ("centre_id");--> statement-breakpoint
CREATE INDEX "training_centres_org_idx" ON "training_centres" USING btree ("tenant_id","org_id");--> statement-breakpoint
CREATE INDEX "training_classes_tenant_idx" ON "training_classes" USING btree ("tenant_id","start_date","id");--> statement-breakpoint
CREATE INDEX "training_classes_centre_idx" ON "training_classes" USING btree ("centre_id","start_date");--> statement-breakpoint
CREATE UNIQUE INDEX "training_rooms_number_uq" ON "training_rooms" USING btree ("centre_id","number");--> statement-breakpoint
CREATE INDEX "training_rooms_hk_idx" ON "training_rooms" USING btree ("tenant_id","housekeeping");--> statement-breakpoint
CREATE INDEX "training_trainees_class_idx" ON "training_trainees" USING btree ("class_id","id");