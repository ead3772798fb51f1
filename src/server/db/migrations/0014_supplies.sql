CREATE TABLE "supplies_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"spec" text,
	"uom" text NOT NULL,
	"category_code" text,
	"min_stock" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supplies_items_min_stock_ck" CHECK ("supplies_items"."min_stock" >= 0)
);
--> statement-breakpoint
CREATE TABLE "supplies_movements" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"item_id" integer NOT NULL,
	"kind" text NOT NULL,
	"quantity" integer NOT NULL,
	"amount" numeric(16, 2) NOT NULL,
	"balance_quantity" integer NOT NULL,
	"balance_value" numeric(16, 2) NOT NULL,
	"ref_type" text,
	"ref_id" integer,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" integer,
	CONSTRAINT "supplies_movements_kind_ck" CHECK (("supplies_movements"."kind" = 'receipt' and "supplies_movements"."quantity" > 0 and "supplies_movements"."amount" >= 0) or ("supplies_movements"."kind" = 'issue' and "supplies_movements"."quantity" < 0 and "supplies_movements"."amount" <= 0) or "supplies_movements"."kind" = 'adjust'),
	CONSTRAINT "supplies_movements_balance_ck" CHECK ("supplies_movements"."balance_quantity" >= 0 and "supplies_movements"."balance_value" >= 0)
);
--> statement-breakpoint
CREATE TABLE "supplies_receipts" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"item_id" integer NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price" numeric(16, 2) NOT NULL,
	"amount" numeric(16, 2) NOT NULL,
	"supplier_name" text,
	"received_on" date NOT NULL,
	"note" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supplies_receipts_quantity_ck" CHECK ("supplies_receipts"."quantity" > 0),
	CONSTRAINT "supplies_receipts_money_ck" CHECK ("supplies_receipts"."unit_price" >= 0 and "supplies_receipts"."amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "supplies_requisition_lines" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"requisition_id" integer NOT NULL,
	"item_id" integer NOT NULL,
	"quantity_requested" integer NOT NULL,
	"quantity_issued" integer DEFAULT 0 NOT NULL,
	"amount_issued" numeric(16, 2) DEFAULT '0' NOT NULL,
	CONSTRAINT "supplies_requisition_lines_quantity_ck" CHECK ("supplies_requisition_lines"."quantity_requested" > 0 and "supplies_requisition_lines"."quantity_issued" >= 0 and "supplies_requisition_lines"."quantity_issued" <= "supplies_requisition_lines"."quantity_requested" and "supplies_requisition_lines"."amount_issued" >= 0)
);
--> statement-breakpoint
CREATE TABLE "supplies_requisitions" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"requester_id" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"reason" text,
	"instance_id" integer,
	"issued_by" integer,
	"issued_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supplies_requisitions_status_ck" CHECK ("supplies_requisitions"."status" in ('pending','approved','rejected','returned','withdrawn','issued'))
);
--> statement-breakpoint
CREATE TABLE "supplies_stock" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"item_id" integer NOT NULL,
	"quantity" integer DEFAULT 0 NOT NULL,
	"value" numeric(16, 2) DEFAULT '0' NOT NULL,
	"alerted_on" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supplies_stock_quantity_ck" CHECK ("supplies_stock"."quantity" >= 0),
	CONSTRAINT "supplies_stock_value_ck" CHECK ("supplies_stock"."value" >= 0 and ("supplies_stock"."quantity" > 0 or "supplies_stock"."value" = 0))
);
--> statement-breakpoint
ALTER TABLE "supplies_movements" ADD CONSTRAINT "supplies_movements_item_id_supplies_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."supplies_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplies_receipts" ADD CONSTRAINT "supplies_receipts_item_id_supplies_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."supplies_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplies_requisition_lines" ADD CONSTRAINT "supplies_requisition_lines_requisition_id_supplies_requisitions_id_fk" FOREIGN KEY ("requisition_id") REFERENCES "public"."supplies_requisitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplies_requisition_lines" ADD CONSTRAINT "supplies_requisition_lines_item_id_supplies_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."supplies_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplies_stock" ADD CONSTRAINT "supplies_stock_item_id_supplies_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."supplies_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "supplies_items_code_uq" ON "supplies_items" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "supplies_movements_org_item_idx" ON "supplies_movements" USING btree ("org_id","item_id","occurred_at");--> statement-breakpoint
CREATE INDEX "supplies_movements_tenant_idx" ON "supplies_movements" USING btree ("tenant_id","occurred_at");--> statement-breakpoint
CREATE INDEX "supplies_receipts_org_idx" ON "supplies_receipts" USING btree ("org_id","received_on");--> statement-breakpoint
CREATE UNIQUE INDEX "supplies_requisition_lines_item_uq" ON "supplies_requisition_lines" USING btree ("requisition_id","item_id");--> statement-breakpoint
CREATE INDEX "supplies_requisitions_org_idx" ON "supplies_requisitions" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "supplies_requisitions_requester_idx" ON "supplies_requisitions" USING btree ("requester_id");--> statement-breakpoint
CREATE UNIQUE INDEX "supplies_stock_org_item_uq" ON "supplies_stock" USING btree ("org_id","item_id");--> statement-breakpoint
CREATE INDEX "supplies_stock_tenant_idx" ON "supplies_stock" USING btree ("tenant_id","org_id");