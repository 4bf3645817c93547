-- Service visits belong to their partner like every business row (see 0001).
ALTER TABLE service_visits ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON service_visits TO ssp_app USING (partner_id = (select app_partner_id())) WITH CHECK (partner_id = (select app_partner_id()));
--> statement-breakpoint
CREATE POLICY platform_access ON service_visits TO ssp_platform USING (true) WITH CHECK (true);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON service_visits TO ssp_app, ssp_platform;
--> statement-breakpoint
GRANT USAGE, SELECT ON SEQUENCE service_visits_id_seq TO ssp_app, ssp_platform;
--> statement-breakpoint
-- A visit is assigned only to one of its partner's technicians: checked by the database too, not
-- only by the API (the contract is the scheduler's own row, read in the partner's scope).
CREATE FUNCTION service_visits_check() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NEW.technician_id IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.technician_id IS DISTINCT FROM OLD.technician_id)
     AND NOT EXISTS (SELECT 1 FROM users WHERE id = NEW.technician_id AND partner_id = NEW.partner_id AND role = 'technician') THEN
    RAISE EXCEPTION 'service visit assigned to someone who is not the partner''s technician' USING ERRCODE = '23503';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER service_visits_check BEFORE INSERT OR UPDATE OF partner_id, technician_id ON service_visits
  FOR EACH ROW WHEN (NEW.technician_id IS NOT NULL) EXECUTE FUNCTION service_visits_check();
