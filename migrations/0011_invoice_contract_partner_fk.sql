-- Invoices reference their contract and its partner with one key (see db/schema/billing.ts):
-- the unique (id, partner_id) on contracts must exist before the foreign key that targets it.
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_id_partner_key" UNIQUE("id","partner_id");
--> statement-breakpoint
ALTER TABLE "invoices" DROP CONSTRAINT "invoices_partner_id_partners_id_fk";
--> statement-breakpoint
ALTER TABLE "invoices" DROP CONSTRAINT "invoices_contract_id_contracts_id_fk";
--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_contract_partner_fk" FOREIGN KEY ("contract_id","partner_id") REFERENCES "public"."contracts"("id","partner_id") ON DELETE no action ON UPDATE no action;
