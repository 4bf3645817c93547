-- Customer search under row-level security. PostgreSQL never uses a non-leakproof operator
-- (ILIKE, LIKE, @>) as an index condition on a table with RLS policies, so `q` would scan every
-- row (2 s at a million customers). This function runs the search as the table owner
-- (SECURITY DEFINER: RLS does not apply inside) and applies the tenant itself, from the same
-- per-transaction setting the policies read. Callers pass an already LIKE-escaped term.
CREATE OR REPLACE FUNCTION customer_search_ids(term text) RETURNS TABLE (id integer)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public ROWS 200 AS $$
DECLARE
  partner integer := app_partner_id();
  everyone boolean := partner IS NULL AND coalesce(current_setting('app.all_partners', true), '') = 'on';
BEGIN
  IF partner IS NULL AND NOT everyone THEN
    RETURN;
  END IF;
  IF length(term) >= 3 THEN
    -- trigram index on the generated `search` column (name, phone with and without dashes, e-mail)
    RETURN QUERY SELECT c.id FROM customers c
      WHERE c.search ILIKE '%' || term || '%' AND (everyone OR c.partner_id = partner);
  ELSE
    -- one or two characters: a name prefix, on (partner_id, name text_pattern_ops)
    RETURN QUERY SELECT c.id FROM customers c
      WHERE c.name LIKE term || '%' AND (everyone OR c.partner_id = partner);
  END IF;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION customer_search_ids(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION customer_search_ids(text) TO ssp_app, ssp_platform;
