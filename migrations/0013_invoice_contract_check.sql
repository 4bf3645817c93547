ALTER TABLE "invoices" DROP CONSTRAINT "invoices_contract_partner_fk";
--> statement-breakpoint
-- Every invoice names an existing contract of its own partner, checked once per statement over
-- the rows it wrote (a foreign key locks each contract row FOR KEY SHARE, which cost the billing
-- run ~40 % of its WAL). Runs as the caller: under row-level security another partner's
-- contract is invisible, so naming it fails too.
CREATE FUNCTION invoices_contract_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM written w
    WHERE NOT EXISTS (SELECT 1 FROM contracts c WHERE c.id = w.contract_id AND c.partner_id = w.partner_id)
  ) THEN
    RAISE EXCEPTION 'invoice names no contract of its partner'
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'invoices_contract_partner_fk';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER invoices_contract_check_insert AFTER INSERT ON invoices
  REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION invoices_contract_check();
--> statement-breakpoint
-- An issued invoice never moves to another contract or partner.
CREATE FUNCTION invoices_stay_put() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.contract_id <> OLD.contract_id OR NEW.partner_id <> OLD.partner_id THEN
    RAISE EXCEPTION 'an invoice never moves to another contract or partner' USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER invoices_stay_put BEFORE UPDATE OF contract_id, partner_id ON invoices
  FOR EACH ROW EXECUTE FUNCTION invoices_stay_put();
--> statement-breakpoint
-- A contract is a signed legal document that invoices, payments and assets point to: it ends
-- (completed, terminated, cancelled) but is never deleted, nor moved to another id or partner.
CREATE FUNCTION contracts_are_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR NEW.id <> OLD.id OR NEW.partner_id <> OLD.partner_id THEN
    RAISE EXCEPTION 'contracts are never deleted or moved' USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN COALESCE(NEW, OLD);
END $$;
--> statement-breakpoint
CREATE TRIGGER contracts_are_kept BEFORE DELETE OR UPDATE OF id, partner_id ON contracts
  FOR EACH ROW EXECUTE FUNCTION contracts_are_kept();
