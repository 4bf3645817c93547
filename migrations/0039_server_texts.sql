ALTER TABLE "asset_events" ADD COLUMN "note_text" jsonb;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD COLUMN "description_text" jsonb;--> statement-breakpoint
ALTER TABLE "order_events" ADD COLUMN "note_text" jsonb;--> statement-breakpoint
ALTER TABLE "ticket_comments" ADD COLUMN "body_text" jsonb;