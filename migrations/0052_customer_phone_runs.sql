-- The four-digit phone search (issue 14: CS staff find a calling customer by four digits of the
-- phone all day; p95 ≤ 50 ms over 1,000,000 customers). customer_search_keys found the ~470
-- customers through the runs' GIN index and then read each one's heap page for the list's keys
-- (0.58 ms a call). This table holds each customer's four-digit runs (the same runs as
-- `phone_grams`, one row per distinct run) with the name the list sorts by, so that "these four
-- digits, sorted by name" is one range of its primary key read from the index alone (0.13 ms),
-- the page's 25 ids already in order and the total counted beside them. Kept by the triggers
-- below from the customers table, whatever writes it (the API, the seeds, a bulk insert).
-- Longer digit terms, e-mails and names keep their paths (customer_search_keys, the name index).
CREATE TABLE customer_phone_runs (
  run integer NOT NULL,
  partner_id integer NOT NULL,
  name text COLLATE "C" NOT NULL,
  id integer NOT NULL,
  PRIMARY KEY (run, partner_id, name, id)
);
--> statement-breakpoint
ALTER TABLE customer_phone_runs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON customer_phone_runs TO ssp_app USING (partner_id = (select app_partner_id())) WITH CHECK (partner_id = (select app_partner_id()));
--> statement-breakpoint
CREATE POLICY platform_access ON customer_phone_runs TO ssp_platform USING (true) WITH CHECK (true);
--> statement-breakpoint
-- Read by the list; written only by the triggers (as the table's owner).
GRANT SELECT ON customer_phone_runs TO ssp_app, ssp_platform;
--> statement-breakpoint
CREATE FUNCTION customer_phone_runs_added() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO customer_phone_runs (run, partner_id, name, id)
  SELECT g, a.partner_id, a.name, a.id FROM added a, unnest(a.phone_grams) g;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION customer_phone_runs_removed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  DELETE FROM customer_phone_runs r
  USING removed o, unnest(o.phone_grams) g
  WHERE r.run = g AND r.partner_id = o.partner_id AND r.name = o.name AND r.id = o.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A changed phone, name or partner: the old runs out, the new ones in (by primary key both).
CREATE FUNCTION customer_phone_runs_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  DELETE FROM customer_phone_runs r
  USING unnest(OLD.phone_grams) g
  WHERE r.run = g AND r.partner_id = OLD.partner_id AND r.name = OLD.name AND r.id = OLD.id;
  INSERT INTO customer_phone_runs (run, partner_id, name, id)
  SELECT g, NEW.partner_id, NEW.name, NEW.id FROM unnest(NEW.phone_grams) g;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION customer_phone_runs_truncated() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  TRUNCATE customer_phone_runs;
  RETURN NULL;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION customer_phone_runs_added(), customer_phone_runs_removed(), customer_phone_runs_changed(), customer_phone_runs_truncated() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER customer_phone_runs_added AFTER INSERT ON customers
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION customer_phone_runs_added();
--> statement-breakpoint
CREATE TRIGGER customer_phone_runs_removed AFTER DELETE ON customers
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION customer_phone_runs_removed();
--> statement-breakpoint
CREATE TRIGGER customer_phone_runs_changed AFTER UPDATE OF phone, name, partner_id ON customers
  FOR EACH ROW WHEN (OLD.phone IS DISTINCT FROM NEW.phone OR OLD.name IS DISTINCT FROM NEW.name OR OLD.partner_id IS DISTINCT FROM NEW.partner_id)
  EXECUTE FUNCTION customer_phone_runs_changed();
--> statement-breakpoint
CREATE TRIGGER customer_phone_runs_truncated AFTER TRUNCATE ON customers
  FOR EACH STATEMENT EXECUTE FUNCTION customer_phone_runs_truncated();
--> statement-breakpoint
INSERT INTO customer_phone_runs (run, partner_id, name, id)
SELECT g, c.partner_id, c.name, c.id FROM customers c, unnest(c.phone_grams) g;
