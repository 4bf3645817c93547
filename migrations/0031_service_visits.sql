CREATE TABLE "service_visits" (
	"id" serial PRIMARY KEY NOT NULL,
	"partner_id" integer NOT NULL,
	"contract_id" integer NOT NULL,
	"asset_id" integer,
	"customer_id" integer NOT NULL,
	"due_on" date NOT NULL,
	"scheduled_on" date NOT NULL,
	"technician_id" integer,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"reason" text,
	"notes" text,
	"parts_used" jsonb,
	"completed_at" timestamp with time zone,
	"signature_document_id" integer,
	"signature_sha256" text,
	"missed_on" date,
	"credit_note_id" integer,
	"reminded_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_visits_contract_due_key" UNIQUE("contract_id","due_on")
);
--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "assignee_id" integer;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "completed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "outcome" text;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "service_visits_partner_scheduled_idx" ON "service_visits" USING btree ("partner_id","scheduled_on","id");--> statement-breakpoint
CREATE INDEX "service_visits_technician_idx" ON "service_visits" USING btree ("technician_id","scheduled_on");--> statement-breakpoint
CREATE INDEX "service_visits_open_idx" ON "service_visits" USING btree ("partner_id","scheduled_on") WHERE status in ('scheduled', 'assigned');--> statement-breakpoint
CREATE INDEX "tasks_assignee_idx" ON "tasks" USING btree ("assignee_id","status");