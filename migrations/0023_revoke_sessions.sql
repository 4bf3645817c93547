-- Sessions sit outside every tenant (RLS on, no policy: ssp_app and ssp_platform cannot touch
-- them). When an owner changes a user's password, resets their second factor or deactivates
-- them, that user's sessions must end in the same transaction (issue 14 finding 4). This
-- function does only that, and only for a user the caller's tenant can see.
CREATE OR REPLACE FUNCTION revoke_user_sessions(target_user integer, keep_id_hash text DEFAULT NULL)
RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  revoked integer;
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM users u
    WHERE u.id = target_user
      AND (u.partner_id = app_partner_id() OR current_setting('app.all_partners', true) = 'on')
  ) THEN
    RETURN 0;
  END IF;
  DELETE FROM sessions WHERE user_id = target_user AND (keep_id_hash IS NULL OR id_hash <> keep_id_hash);
  GET DIAGNOSTICS revoked = ROW_COUNT;
  RETURN revoked;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION revoke_user_sessions(integer, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION revoke_user_sessions(integer, text) TO ssp_app, ssp_platform;
