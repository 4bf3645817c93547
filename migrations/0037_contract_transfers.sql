CREATE TABLE "contract_transfers" (
	"id" serial PRIMARY KEY NOT NULL,
	"partner_id" integer NOT NULL,
	"contract_id" integer NOT NULL,
	"ticket_id" integer NOT NULL,
	"from_customer_id" integer NOT NULL,
	"to_customer_id" integer NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"credit_bureau" text,
	"credit_score" smallint,
	"credit_grade" smallint,
	"credit_outcome" text,
	"credit_bureau_ref" text,
	"credit_checked_at" timestamp with time zone,
	"credit_checked_by" integer,
	"signing_link_id" integer,
	"sent_at" timestamp with time zone,
	"signed_at" timestamp with time zone,
	"sealed_sha256" text,
	"completed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"requested_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contract_transfers" ADD CONSTRAINT "contract_transfers_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_transfers" ADD CONSTRAINT "contract_transfers_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_transfers" ADD CONSTRAINT "contract_transfers_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_transfers" ADD CONSTRAINT "contract_transfers_from_customer_id_customers_id_fk" FOREIGN KEY ("from_customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_transfers" ADD CONSTRAINT "contract_transfers_to_customer_id_customers_id_fk" FOREIGN KEY ("to_customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_transfers" ADD CONSTRAINT "contract_transfers_credit_checked_by_users_id_fk" FOREIGN KEY ("credit_checked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_transfers" ADD CONSTRAINT "contract_transfers_signing_link_id_signing_links_id_fk" FOREIGN KEY ("signing_link_id") REFERENCES "public"."signing_links"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_transfers" ADD CONSTRAINT "contract_transfers_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "contract_transfers_open_key" ON "contract_transfers" USING btree ("contract_id") WHERE status in ('requested', 'credit_review', 'credit_approved', 'sent', 'signed');--> statement-breakpoint
CREATE INDEX "contract_transfers_ticket_idx" ON "contract_transfers" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "contract_transfers_partner_idx" ON "contract_transfers" USING btree ("partner_id","id");