-- Customer names compare by code point (COLLATE "C"): the same order the databases' C.UTF-8
-- gave, but a plain byte comparison instead of the C library's strcoll. The name-start search
-- (`name >= q AND name < q || U+10FFFF AND starts_with(name, q)`, ADR 0004) then runs entirely as
-- index conditions, and the (partner_id, name) index serves it without text_pattern_ops.
-- PostgreSQL will not change the type of a column a generated column reads, so `search` is
-- dropped and added back in the same statement (one rewrite of the table), with its index.
DROP INDEX "customers_partner_name_prefix_idx";--> statement-breakpoint
ALTER TABLE "customers"
  DROP COLUMN "search",
  ALTER COLUMN "name" SET DATA TYPE text COLLATE "C",
  ADD COLUMN "search" text GENERATED ALWAYS AS (name || ' ' || phone || ' ' || replace(phone, '-', '') || ' ' || coalesce(lower(email), '')) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "customers_search_trgm_idx" ON "customers" USING gin ("search" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customers_partner_name_prefix_idx" ON "customers" USING btree ("partner_id","name");
