-- CS tickets and the customer's page links belong to their partner like every business row (see 0001).
ALTER TABLE tickets ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON tickets TO ssp_app USING (partner_id = (select app_partner_id())) WITH CHECK (partner_id = (select app_partner_id()));
--> statement-breakpoint
CREATE POLICY platform_access ON tickets TO ssp_platform USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE ticket_comments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON ticket_comments TO ssp_app USING (partner_id = (select app_partner_id())) WITH CHECK (partner_id = (select app_partner_id()));
--> statement-breakpoint
CREATE POLICY platform_access ON ticket_comments TO ssp_platform USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE ticket_invoices ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON ticket_invoices TO ssp_app USING (partner_id = (select app_partner_id())) WITH CHECK (partner_id = (select app_partner_id()));
--> statement-breakpoint
CREATE POLICY platform_access ON ticket_invoices TO ssp_platform USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE customer_page_links ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON customer_page_links TO ssp_app USING (partner_id = (select app_partner_id())) WITH CHECK (partner_id = (select app_partner_id()));
--> statement-breakpoint
CREATE POLICY platform_access ON customer_page_links TO ssp_platform USING (true) WITH CHECK (true);
--> statement-breakpoint
-- A timeline is history: comments are added, never changed or removed.
REVOKE UPDATE, DELETE ON ticket_comments FROM ssp_app;
--> statement-breakpoint
REVOKE DELETE ON tickets, customer_page_links FROM ssp_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ssp_app, ssp_platform;
