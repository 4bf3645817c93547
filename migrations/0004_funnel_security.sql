-- Row-level security for the funnel's tables (see 0001), and immutability of sealed documents.
ALTER TABLE order_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON order_events TO ssp_app USING (partner_id = (select app_partner_id())) WITH CHECK (partner_id = (select app_partner_id()));
--> statement-breakpoint
CREATE POLICY platform_access ON order_events TO ssp_platform USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE credit_checks ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON credit_checks TO ssp_app USING (partner_id = (select app_partner_id())) WITH CHECK (partner_id = (select app_partner_id()));
--> statement-breakpoint
CREATE POLICY platform_access ON credit_checks TO ssp_platform USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE contracts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON contracts TO ssp_app USING (partner_id = (select app_partner_id())) WITH CHECK (partner_id = (select app_partner_id()));
--> statement-breakpoint
CREATE POLICY platform_access ON contracts TO ssp_platform USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON documents TO ssp_app USING (partner_id = (select app_partner_id())) WITH CHECK (partner_id = (select app_partner_id()));
--> statement-breakpoint
CREATE POLICY platform_access ON documents TO ssp_platform USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE signing_links ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON signing_links TO ssp_app USING (partner_id = (select app_partner_id())) WITH CHECK (partner_id = (select app_partner_id()));
--> statement-breakpoint
CREATE POLICY platform_access ON signing_links TO ssp_platform USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE signing_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON signing_events TO ssp_app USING (partner_id = (select app_partner_id())) WITH CHECK (partner_id = (select app_partner_id()));
--> statement-breakpoint
CREATE POLICY platform_access ON signing_events TO ssp_platform USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE payment_methods ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON payment_methods TO ssp_app USING (partner_id = (select app_partner_id())) WITH CHECK (partner_id = (select app_partner_id()));
--> statement-breakpoint
CREATE POLICY platform_access ON payment_methods TO ssp_platform USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE deliveries ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON deliveries TO ssp_app USING (partner_id = (select app_partner_id())) WITH CHECK (partner_id = (select app_partner_id()));
--> statement-breakpoint
CREATE POLICY platform_access ON deliveries TO ssp_platform USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON notifications TO ssp_app USING (partner_id = (select app_partner_id())) WITH CHECK (partner_id = (select app_partner_id()));
--> statement-breakpoint
CREATE POLICY platform_access ON notifications TO ssp_platform USING (true) WITH CHECK (true);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ssp_app, ssp_platform;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ssp_app, ssp_platform;
--> statement-breakpoint
-- A sealed document is evidence: nobody, not even the API's own role, may change or remove it.
CREATE OR REPLACE FUNCTION refuse_sealed_document_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.sealed THEN
    RAISE EXCEPTION 'sealed documents are immutable' USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
--> statement-breakpoint
CREATE TRIGGER documents_sealed_immutable BEFORE UPDATE OR DELETE ON documents
FOR EACH ROW EXECUTE FUNCTION refuse_sealed_document_change();
--> statement-breakpoint
-- Contract numbers: one sequence for the installation, formatted SSP-<year>-<000001>.
CREATE SEQUENCE IF NOT EXISTS contract_number_seq;
--> statement-breakpoint
GRANT USAGE, SELECT ON SEQUENCE contract_number_seq TO ssp_app, ssp_platform;
