CREATE TABLE "payment_redirects" (
	"id" serial PRIMARY KEY NOT NULL,
	"partner_id" integer NOT NULL,
	"contract_id" integer NOT NULL,
	"link_id" integer NOT NULL,
	"gateway" text NOT NULL,
	"customer_key" text NOT NULL,
	"order_id" text NOT NULL,
	"redirect_id" text NOT NULL,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_redirects_order_id_unique" UNIQUE("order_id")
);
--> statement-breakpoint
ALTER TABLE "payment_redirects" ADD CONSTRAINT "payment_redirects_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payment_redirects_link_idx" ON "payment_redirects" USING btree ("link_id");--> statement-breakpoint
ALTER TABLE payment_redirects ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON payment_redirects TO ssp_app USING (partner_id = (select app_partner_id())) WITH CHECK (partner_id = (select app_partner_id()));
--> statement-breakpoint
CREATE POLICY platform_access ON payment_redirects TO ssp_platform USING (true) WITH CHECK (true);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON payment_redirects TO ssp_app, ssp_platform;
--> statement-breakpoint
GRANT USAGE, SELECT ON SEQUENCE payment_redirects_id_seq TO ssp_app, ssp_platform;
