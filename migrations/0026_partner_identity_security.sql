-- A partner's logo belongs to its partner like every business row (see 0001). The public
-- signing and application pages read it inside the partner's tenant.
ALTER TABLE partner_logos ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON partner_logos TO ssp_app USING (partner_id = (select app_partner_id())) WITH CHECK (partner_id = (select app_partner_id()));
--> statement-breakpoint
CREATE POLICY platform_access ON partner_logos TO ssp_platform USING (true) WITH CHECK (true);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON partner_logos TO ssp_app, ssp_platform;
--> statement-breakpoint
-- A business registration number is stored dashed; the check digit is verified by the API.
ALTER TABLE partners ADD CONSTRAINT partners_business_number_format CHECK (business_number ~ '^[0-9]{3}-[0-9]{2}-[0-9]{5}$');
