-- Each plan with the terms of its current version, for lists that sort and filter on terms.
-- security_invoker: the view runs with the caller's rights, so row-level security still applies.
CREATE VIEW plans_current WITH (security_invoker = true) AS
SELECT p.id, p.partner_id, p.product_id, p.name, p.active, p.created_at, p.updated_at,
       v.id AS version_id, v.version, v.kind, v.monthly_fee, v.term_months, v.mandatory_months,
       v.registration_fee, v.registration_fee_waived, v.ownership_transfer, v.service_interval_months,
       v.early_termination_rate, v.removal_fee, v.cooling_off_days, v.discount_amount, v.discount_months
FROM plans p
JOIN plan_versions v ON v.id = p.current_version_id;
--> statement-breakpoint
GRANT SELECT ON plans_current TO ssp_app, ssp_platform;
