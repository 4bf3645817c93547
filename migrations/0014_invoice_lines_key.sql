ALTER TABLE "invoice_lines" DROP COLUMN "id";--> statement-breakpoint
DROP INDEX "invoice_lines_invoice_position_key";--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_pkey" PRIMARY KEY("invoice_id","position");
