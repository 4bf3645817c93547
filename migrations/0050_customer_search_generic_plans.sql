-- The phone search (issue 14), again: `customer_search_keys` planned its query on every call.
-- plpgsql keeps a statement's plan per session, but with the term as a parameter it makes a
-- custom plan each time unless the generic one is costed no higher, and a GIN search's generic
-- plan never is (the pattern unknown). The plans are the same either way (the phone digits' or
-- the trigram GIN index, then the heap), so the function now asks for the generic plan: a call
-- for a four-digit phone run went from 0.77 to 0.49 ms (466 rows, pgbench, one client).
-- The one- or two-character name prefix is the exception: `name LIKE $1 || '%'` can use the
-- (partner_id, name) index only when the planner sees the term, so that branch is planned per
-- call with its value (EXECUTE … USING), as it was before. Same tenant rule and branches as 0049.
CREATE OR REPLACE FUNCTION customer_search_keys(term text) RETURNS SETOF customer_search_key
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public SET plan_cache_mode = force_generic_plan
ROWS 200 AS $$
DECLARE
  partner integer := app_partner_id();
  everyone boolean := partner IS NULL AND coalesce(current_setting('app.all_partners', true), '') = 'on';
  digits text := regexp_replace(term, '[^0-9]', '', 'g');
BEGIN
  IF partner IS NULL AND NOT everyone THEN
    RETURN;
  END IF;
  IF term ~ '^[0-9][0-9 -]*$' AND length(digits) >= 4 THEN
    -- Phone digits: every four-digit run of the term through the runs' GIN index; four digits are
    -- one run (the index is exact), a longer term must then be in the phone in one piece
    -- (stored phones hold digits and dashes only; translate is a plain character map).
    RETURN QUERY SELECT c.id, c.partner_id, c.name, c.birth_date, c.phone, c.email, c.tags, c.created_at, c.updated_at
      FROM customers c
      WHERE c.phone_grams @> phone_digit_grams(digits)
        AND (length(digits) = 4 OR translate(c.phone, '- ', '') LIKE '%' || digits || '%')
        AND (everyone OR c.partner_id = partner);
  ELSIF length(term) >= 3 THEN
    -- trigram index on the generated `search` column (name, phone with and without dashes, e-mail)
    RETURN QUERY SELECT c.id, c.partner_id, c.name, c.birth_date, c.phone, c.email, c.tags, c.created_at, c.updated_at
      FROM customers c
      WHERE c.search ILIKE '%' || term || '%' AND (everyone OR c.partner_id = partner);
  ELSE
    -- one or two characters: a name prefix, on (partner_id, name), planned with the term's value
    RETURN QUERY EXECUTE
      'SELECT c.id, c.partner_id, c.name, c.birth_date, c.phone, c.email, c.tags, c.created_at, c.updated_at
         FROM customers c
         WHERE c.name LIKE $1 || ''%'' AND ($2 OR c.partner_id = $3)'
      USING term, everyone, partner;
  END IF;
END $$;
