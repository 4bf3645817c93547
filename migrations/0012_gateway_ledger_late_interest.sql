CREATE TABLE "late_interest_charges" (
	"id" serial PRIMARY KEY NOT NULL,
	"partner_id" integer NOT NULL,
	"contract_id" integer NOT NULL,
	"invoice_id" integer NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"annual_rate_bp" smallint NOT NULL,
	"amount" integer NOT NULL,
	"charged_invoice_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "late_interest_charges_invoice_id_unique" UNIQUE("invoice_id")
);
--> statement-breakpoint
CREATE TABLE "kakaopay_pending_charges" (
	"order_id" text PRIMARY KEY NOT NULL,
	"partner_order_id" text NOT NULL,
	"partner_user_id" text NOT NULL,
	"sid" text NOT NULL,
	"amount" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"tid" text
);
--> statement-breakpoint
ALTER TABLE "payment_methods" ADD COLUMN "deactivated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payment_methods" ADD COLUMN "last_error" text;--> statement-breakpoint
CREATE INDEX "late_interest_uncharged_idx" ON "late_interest_charges" USING btree ("contract_id") WHERE charged_invoice_id is null;--> statement-breakpoint
CREATE INDEX "payment_methods_deactivating_idx" ON "payment_methods" USING btree ("id") WHERE status = 'deactivating';--> statement-breakpoint
ALTER TABLE late_interest_charges ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON late_interest_charges TO ssp_app USING (partner_id = (select app_partner_id())) WITH CHECK (partner_id = (select app_partner_id()));
--> statement-breakpoint
CREATE POLICY platform_access ON late_interest_charges TO ssp_platform USING (true) WITH CHECK (true);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON late_interest_charges TO ssp_app, ssp_platform;
--> statement-breakpoint
GRANT USAGE, SELECT ON SEQUENCE late_interest_charges_id_seq TO ssp_app, ssp_platform;
