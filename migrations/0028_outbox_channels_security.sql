-- Delivery attempts are a partner's data like the outbox they log (issue 13).
ALTER TABLE notification_attempts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON notification_attempts TO ssp_app USING (partner_id = (select app_partner_id())) WITH CHECK (partner_id = (select app_partner_id()));
--> statement-breakpoint
CREATE POLICY platform_access ON notification_attempts TO ssp_platform USING (true) WITH CHECK (true);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON notification_attempts TO ssp_app, ssp_platform;
--> statement-breakpoint
GRANT USAGE, SELECT ON SEQUENCE notification_attempts_id_seq TO ssp_app, ssp_platform;
