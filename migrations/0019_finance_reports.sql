CREATE TABLE "metric_months" (
	"partner_id" integer NOT NULL,
	"month" date NOT NULL,
	"figures" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "metric_months_pkey" PRIMARY KEY("partner_id","month")
);
--> statement-breakpoint
CREATE INDEX "invoices_partner_issue_idx" ON "invoices" USING btree ("partner_id","issue_date");--> statement-breakpoint
CREATE INDEX "payments_partner_attempted_idx" ON "payments" USING btree ("partner_id","attempted_at");--> statement-breakpoint
CREATE INDEX "contracts_partner_activated_idx" ON "contracts" USING btree ("partner_id","activated_on") WHERE activated_on is not null;--> statement-breakpoint
CREATE INDEX "contracts_partner_ended_idx" ON "contracts" USING btree ("partner_id","ended_on") WHERE ended_on is not null;