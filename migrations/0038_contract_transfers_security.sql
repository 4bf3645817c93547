-- Name transfers belong to their partner like every business row (see 0001).
ALTER TABLE contract_transfers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON contract_transfers TO ssp_app USING (partner_id = (select app_partner_id())) WITH CHECK (partner_id = (select app_partner_id()));
--> statement-breakpoint
CREATE POLICY platform_access ON contract_transfers TO ssp_platform USING (true) WITH CHECK (true);
--> statement-breakpoint
-- A transfer is history: it is moved through its statuses, never deleted.
GRANT SELECT, INSERT, UPDATE ON contract_transfers TO ssp_app, ssp_platform;
--> statement-breakpoint
GRANT USAGE, SELECT ON SEQUENCE contract_transfers_id_seq TO ssp_app, ssp_platform;
--> statement-breakpoint
-- The contract, the ticket and both customers are the partner's own: checked by the database too,
-- not only by the API.
CREATE FUNCTION contract_transfers_check() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM contracts WHERE id = NEW.contract_id AND partner_id = NEW.partner_id)
     OR NOT EXISTS (SELECT 1 FROM tickets WHERE id = NEW.ticket_id AND partner_id = NEW.partner_id)
     OR NOT EXISTS (SELECT 1 FROM customers WHERE id = NEW.from_customer_id AND partner_id = NEW.partner_id)
     OR NOT EXISTS (SELECT 1 FROM customers WHERE id = NEW.to_customer_id AND partner_id = NEW.partner_id) THEN
    RAISE EXCEPTION 'name transfer refers to another partner''s rows' USING ERRCODE = '23503';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER contract_transfers_check BEFORE INSERT OR UPDATE OF partner_id, contract_id, ticket_id, from_customer_id, to_customer_id ON contract_transfers
  FOR EACH ROW EXECUTE FUNCTION contract_transfers_check();
