DROP INDEX "payment_methods_contract_idx";--> statement-breakpoint
CREATE INDEX "payment_methods_contract_idx" ON "payment_methods" USING btree ("contract_id","id");