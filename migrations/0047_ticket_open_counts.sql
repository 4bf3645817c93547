CREATE TABLE "ticket_open_counts" (
	"partner_id" integer PRIMARY KEY NOT NULL,
	"open" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
DROP INDEX "tickets_open_count_idx";--> statement-breakpoint
ALTER TABLE "ticket_open_counts" ADD CONSTRAINT "ticket_open_counts_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;