CREATE TABLE "procurement_plans" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"item_name" text NOT NULL,
	"category_code" text,
	"method" text NOT NULL,
	"budget" numeric(16, 2) NOT NULL,
	"planned_month" smallint,
	"note" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "procurement_plans_budget_ck" CHECK ("procurement_plans"."budget" >= 0),
	CONSTRAINT "procurement_plans_month_ck" CHECK ("procurement_plans"."planned_month" is null or "procurement_plans"."planned_month" between 1 and 12)
);
--> statement-breakpoint
CREATE TABLE "procurement_projects" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"plan_id" integer,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"method" text NOT NULL,
	"category_code" text,
	"budget" numeric(16, 2) NOT NULL,
	"contract_amount" numeric(16, 2),
	"supplier_id" integer,
	"supplier_name" text,
	"intention_published_on" date,
	"notice_published_on" date,
	"single_source_notice_from" date,
	"single_source_notice_to" date,
	"award_date" date,
	"result_published_on" date,
	"contract_date" date,
	"contract_published_on" date,
	"add_on_amount" numeric(16, 2) DEFAULT '0' NOT NULL,
	"bid_bond" numeric(16, 2),
	"performance_bond" numeric(16, 2),
	"quote_exempt_reason" text,
	"pool_override_reason" text,
	"cancelled" boolean DEFAULT false NOT NULL,
	"note" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "procurement_projects_money_ck" CHECK ("procurement_projects"."budget" >= 0 and ("procurement_projects"."contract_amount" is null or "procurement_projects"."contract_amount" >= 0) and "procurement_projects"."add_on_amount" >= 0
      and ("procurement_projects"."bid_bond" is null or "procurement_projects"."bid_bond" >= 0) and ("procurement_projects"."performance_bond" is null or "procurement_projects"."performance_bond" >= 0)),
	CONSTRAINT "procurement_projects_contract_after_award_ck" CHECK ("procurement_projects"."contract_date" is null or ("procurement_projects"."award_date" is not null and "procurement_projects"."contract_date" >= "procurement_projects"."award_date")),
	CONSTRAINT "procurement_projects_amount_needs_award_ck" CHECK ("procurement_projects"."contract_amount" is null or "procurement_projects"."award_date" is not null)
);
--> statement-breakpoint
CREATE TABLE "procurement_quotes" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"supplier_name" text NOT NULL,
	"amount" numeric(16, 2) NOT NULL,
	"quoted_on" date,
	"selected" boolean DEFAULT false NOT NULL,
	CONSTRAINT "procurement_quotes_amount_ck" CHECK ("procurement_quotes"."amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "procurement_suppliers" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"name" text NOT NULL,
	"credit_code" text,
	"designated" boolean DEFAULT false NOT NULL,
	"categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"valid_from" date,
	"valid_to" date,
	"contact" text,
	"status" text DEFAULT 'active' NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "procurement_suppliers_validity_ck" CHECK ("procurement_suppliers"."valid_to" is null or "procurement_suppliers"."valid_from" is null or "procurement_suppliers"."valid_to" >= "procurement_suppliers"."valid_from")
);
--> statement-breakpoint
ALTER TABLE "procurement_projects" ADD CONSTRAINT "procurement_projects_plan_id_procurement_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."procurement_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_projects" ADD CONSTRAINT "procurement_projects_supplier_id_procurement_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."procurement_suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_quotes" ADD CONSTRAINT "procurement_quotes_project_id_procurement_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."procurement_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "procurement_plans_org_year_idx" ON "procurement_plans" USING btree ("org_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "procurement_projects_code_uq" ON "procurement_projects" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "procurement_projects_award_idx" ON "procurement_projects" USING btree ("tenant_id","award_date","org_id");--> statement-breakpoint
CREATE INDEX "procurement_projects_org_idx" ON "procurement_projects" USING btree ("org_id","award_date");--> statement-breakpoint
CREATE INDEX "procurement_quotes_project_idx" ON "procurement_quotes" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "procurement_quotes_supplier_uq" ON "procurement_quotes" USING btree ("project_id","supplier_name");--> statement-breakpoint
CREATE UNIQUE INDEX "procurement_quotes_selected_uq" ON "procurement_quotes" USING btree ("project_id") WHERE "procurement_quotes"."selected";--> statement-breakpoint
CREATE UNIQUE INDEX "procurement_suppliers_name_uq" ON "procurement_suppliers" USING btree ("tenant_id","name");