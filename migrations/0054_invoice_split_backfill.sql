-- The register's split of invoices issued before migration 0053 wrote it with the lines
-- (domain `invoiceSplit`): rent, registration fee, penalty, late interest, and the tax-free part
-- (penalty and late interest, VAT_FREE_LINE_KINDS). Lines never change once written.
UPDATE invoices i SET
  rent_amount = l.rent,
  registration_fee_amount = l.registration_fee,
  penalty_amount = l.penalty,
  late_interest_amount = l.late_interest,
  tax_free_amount = l.penalty + l.late_interest
FROM (
  SELECT invoice_id,
         coalesce(sum(amount) FILTER (WHERE kind = 'rent'), 0) AS rent,
         coalesce(sum(amount) FILTER (WHERE kind = 'registration_fee'), 0) AS registration_fee,
         coalesce(sum(amount) FILTER (WHERE kind = 'penalty'), 0) AS penalty,
         coalesce(sum(amount) FILTER (WHERE kind = 'late_interest'), 0) AS late_interest
  FROM invoice_lines GROUP BY invoice_id
) l
WHERE l.invoice_id = i.id;
--> statement-breakpoint
-- Every row-level-security policy calls app_partner_id(), and a PARALLEL UNSAFE function keeps
-- a whole query in one process. It reads a setting, which parallel workers receive from the
-- leader, so it is safe. Tenant requests still run without workers (db/tenant.ts); reports ask
-- for them (reports/report-source.ts).
ALTER FUNCTION app_partner_id() PARALLEL SAFE;
