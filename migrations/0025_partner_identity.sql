CREATE TABLE "partner_logos" (
	"partner_id" integer PRIMARY KEY NOT NULL,
	"content_type" text NOT NULL,
	"bytes" "bytea" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "business_number" text;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "representative" text;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "postcode" text;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "address_detail" text;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "cs_phone" text;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "logo_updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "partner_logos" ADD CONSTRAINT "partner_logos_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;