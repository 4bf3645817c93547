ALTER TABLE "contracts" ADD COLUMN "install_postcode" text;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "install_address_detail" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "postcode" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "address_detail" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "install_postcode" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "install_address_detail" text;