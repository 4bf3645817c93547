-- The phone search (issue 14: p95 ≤ 50 ms at 32 connections over 1,000,000 customers). The
-- substring check after the GIN index ran regexp_replace on every candidate row, twice a request
-- (page and count): ~1 ms of the ~1.8 ms a four-digit search took. A four-digit term needs no
-- check at all (its only run is itself), a longer one a translate() instead of a regex.
CREATE OR REPLACE FUNCTION customer_search_ids(term text) RETURNS TABLE (id integer)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public ROWS 200 AS $$
DECLARE
  partner integer := app_partner_id();
  everyone boolean := partner IS NULL AND coalesce(current_setting('app.all_partners', true), '') = 'on';
  digits text := regexp_replace(term, '[^0-9]', '', 'g');
BEGIN
  IF partner IS NULL AND NOT everyone THEN
    RETURN;
  END IF;
  IF term ~ '^[0-9][0-9 -]*$' AND length(digits) >= 4 THEN
    -- phone digits: the four-digit runs' GIN index, then the exact substring
    IF length(digits) = 4 THEN
      -- Four digits are one of a phone's four-digit runs or nowhere in it: the index is exact.
      RETURN QUERY SELECT c.id FROM customers c
        WHERE c.phone_grams @> phone_digit_grams(digits) AND (everyone OR c.partner_id = partner);
    ELSE
      -- Longer: every run must be there, and then in one piece (stored phones hold digits and
      -- dashes only; translate is a plain character map, regexp_replace cost ~2 µs a row).
      RETURN QUERY SELECT c.id FROM customers c
        WHERE c.phone_grams @> phone_digit_grams(digits)
          AND translate(c.phone, '- ', '') LIKE '%' || digits || '%'
          AND (everyone OR c.partner_id = partner);
    END IF;
  ELSIF length(term) >= 3 THEN
    -- trigram index on the generated `search` column (name, phone with and without dashes, e-mail)
    RETURN QUERY SELECT c.id FROM customers c
      WHERE c.search ILIKE '%' || term || '%' AND (everyone OR c.partner_id = partner);
  ELSE
    -- one or two characters: a name prefix, on (partner_id, name)
    RETURN QUERY SELECT c.id FROM customers c
      WHERE c.name LIKE term || '%' AND (everyone OR c.partner_id = partner);
  END IF;
END $$;
