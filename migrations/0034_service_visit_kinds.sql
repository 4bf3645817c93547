ALTER TABLE "service_visits" DROP CONSTRAINT "service_visits_contract_due_key";--> statement-breakpoint
ALTER TABLE "service_visits" ADD COLUMN "kind" text DEFAULT 'regular' NOT NULL;--> statement-breakpoint
ALTER TABLE "service_visits" ADD COLUMN "ticket_id" integer;--> statement-breakpoint
ALTER TABLE "service_visits" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "service_visits" ADD CONSTRAINT "service_visits_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "service_visits_contract_due_key" ON "service_visits" USING btree ("contract_id","due_on") WHERE kind = 'regular';--> statement-breakpoint
CREATE INDEX "service_visits_ticket_idx" ON "service_visits" USING btree ("ticket_id");--> statement-breakpoint
ALTER TABLE "service_visits" ADD CONSTRAINT "service_visits_kind_check" CHECK (kind in ('regular', 'repair', 'removal', 'reinstallation'));