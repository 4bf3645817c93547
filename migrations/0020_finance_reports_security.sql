-- The dashboard's closed months belong to their partner like every business row (see 0001).
-- Written once and never changed: staff may read and add them, not alter them.
ALTER TABLE metric_months ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON metric_months TO ssp_app USING (partner_id = (select app_partner_id())) WITH CHECK (partner_id = (select app_partner_id()));
--> statement-breakpoint
CREATE POLICY platform_access ON metric_months TO ssp_platform USING (true) WITH CHECK (true);
--> statement-breakpoint
GRANT SELECT, INSERT ON metric_months TO ssp_app, ssp_platform;
