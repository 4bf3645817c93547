-- Row-level security: the second line of defence behind the API's own partner scoping.
-- The API runs each request's queries as an unprivileged role (SET LOCAL ROLE inside the
-- request's transaction): `ssp_app` for a partner's staff, `ssp_platform` for the platform
-- operator. Superusers and table owners bypass RLS; these roles do not, so a query that forgets
-- its `partner_id` filter still sees only the current partner's rows.
-- The partner comes from the per-transaction setting `app.partner_id`. The policy compares with
-- `(select app_partner_id())`, which PostgreSQL evaluates once per query (an InitPlan), not once
-- per row, and which keeps `partner_id = …` usable as an index condition.
DO $$ BEGIN
  CREATE ROLE ssp_app NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
--> statement-breakpoint
DO $$ BEGIN
  CREATE ROLE ssp_platform NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
--> statement-breakpoint
DO $$ BEGIN
  EXECUTE format('GRANT ssp_app, ssp_platform TO %I', current_user);
EXCEPTION WHEN OTHERS THEN NULL;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO ssp_app, ssp_platform;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ssp_app, ssp_platform;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ssp_app, ssp_platform;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ssp_app, ssp_platform;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ssp_app, ssp_platform;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_partner_id() RETURNS integer
LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('app.partner_id', true), '')::integer
$$;
--> statement-breakpoint
ALTER TABLE partners ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON partners TO ssp_app USING (id = (select app_partner_id())) WITH CHECK (id = (select app_partner_id()));
--> statement-breakpoint
CREATE POLICY platform_access ON partners TO ssp_platform USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON users TO ssp_app USING (partner_id = (select app_partner_id())) WITH CHECK (partner_id = (select app_partner_id()));
--> statement-breakpoint
CREATE POLICY platform_access ON users TO ssp_platform USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE products ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON products TO ssp_app USING (partner_id = (select app_partner_id())) WITH CHECK (partner_id = (select app_partner_id()));
--> statement-breakpoint
CREATE POLICY platform_access ON products TO ssp_platform USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE plans ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON plans TO ssp_app USING (partner_id = (select app_partner_id())) WITH CHECK (partner_id = (select app_partner_id()));
--> statement-breakpoint
CREATE POLICY platform_access ON plans TO ssp_platform USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE plan_versions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON plan_versions TO ssp_app USING (partner_id = (select app_partner_id())) WITH CHECK (partner_id = (select app_partner_id()));
--> statement-breakpoint
CREATE POLICY platform_access ON plan_versions TO ssp_platform USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE customers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON customers TO ssp_app USING (partner_id = (select app_partner_id())) WITH CHECK (partner_id = (select app_partner_id()));
--> statement-breakpoint
CREATE POLICY platform_access ON customers TO ssp_platform USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE assets ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON assets TO ssp_app USING (partner_id = (select app_partner_id())) WITH CHECK (partner_id = (select app_partner_id()));
--> statement-breakpoint
CREATE POLICY platform_access ON assets TO ssp_platform USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE asset_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON asset_events TO ssp_app USING (partner_id = (select app_partner_id())) WITH CHECK (partner_id = (select app_partner_id()));
--> statement-breakpoint
CREATE POLICY platform_access ON asset_events TO ssp_platform USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON orders TO ssp_app USING (partner_id = (select app_partner_id())) WITH CHECK (partner_id = (select app_partner_id()));
--> statement-breakpoint
CREATE POLICY platform_access ON orders TO ssp_platform USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE audit_logs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON audit_logs TO ssp_app USING (partner_id = (select app_partner_id())) WITH CHECK (partner_id = (select app_partner_id()));
--> statement-breakpoint
CREATE POLICY platform_access ON audit_logs TO ssp_platform USING (true) WITH CHECK (true);
--> statement-breakpoint
-- Sessions belong to the authentication layer, which runs outside any tenant: no policy at all,
-- so neither role can read or write them.
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
