ALTER TABLE "service_visits" ADD COLUMN "postcode" text;--> statement-breakpoint
ALTER TABLE "service_visits" ADD COLUMN "address_detail" text;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "relocation_address" jsonb;